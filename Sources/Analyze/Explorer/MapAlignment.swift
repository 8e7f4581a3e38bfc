import Foundation

/// Turns, mirrors, scales and shifts one 2-D map onto another of the same points (orthogonal
/// Procrustes with scaling), so that switching between two models' maps in the explorer keeps
/// points roughly in place. Only the view changes: distances within the map keep their ratios,
/// so neighbourhoods and clusters are untouched.
///
/// With centred points a (target) and b (source), the rotation by θ maximising Σ a·R(θ)b has
/// tan θ = Σ(a₁b₀ − a₀b₁) / Σ(a₀b₀ + a₁b₁); the mirrored form R = [[cos θ, sin θ], [sin θ, −cos θ]]
/// has tan θ = Σ(a₀b₁ + a₁b₀) / Σ(a₀b₀ − a₁b₁); the better of the two is used, with scale
/// (Σ a·Rb) / Σ|b|². Cost O(points).
public enum MapAlignment {
    /// `source` moved onto `target`, matching point `i` of `source` with point `i` of `target`
    /// (both the same length). Returns `source` unchanged when either map is a single point.
    public static func aligned(_ source: EmbeddingMap, onto target: EmbeddingMap) -> EmbeddingMap {
        precondition(source.x.count == target.x.count, "map alignment: the maps hold different points")
        let n = Double(source.x.count)
        guard n > 1 else { return source }
        let ax = target.x.reduce(0, +) / n, ay = target.y.reduce(0, +) / n
        let bx = source.x.reduce(0, +) / n, by = source.y.reduce(0, +) / n
        var p = 0.0, q = 0.0, pm = 0.0, qm = 0.0, bb = 0.0
        for i in source.x.indices {
            let a0 = target.x[i] - ax, a1 = target.y[i] - ay
            let b0 = source.x[i] - bx, b1 = source.y[i] - by
            p += a0 * b0 + a1 * b1
            q += a1 * b0 - a0 * b1
            pm += a0 * b0 - a1 * b1
            qm += a0 * b1 + a1 * b0
            bb += b0 * b0 + b1 * b1
        }
        guard bb > 0 else { return source }
        let rotation = (p * p + q * q).squareRoot(), mirror = (pm * pm + qm * qm).squareRoot()
        let mirrored = mirror > rotation
        let theta = mirrored ? atan2(qm, pm) : atan2(q, p)
        let c = cos(theta), s = sin(theta)
        let scale = max(rotation, mirror) / bb
        var out = source
        for i in source.x.indices {
            let b0 = source.x[i] - bx, b1 = source.y[i] - by
            let (r0, r1) = mirrored ? (c * b0 + s * b1, s * b0 - c * b1) : (c * b0 - s * b1, s * b0 + c * b1)
            out.x[i] = ax + scale * r0
            out.y[i] = ay + scale * r1
        }
        return out
    }
}
