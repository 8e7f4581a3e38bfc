#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How one user's top-k list fares against the set of movies the user went on to like.
///
/// With list L (best first, at most k movies), relevant set R (|R| ≥ 1) and cutoff k:
/// - hits = |L ∩ R|; precision@k = hits / k (a list shorter than k counts its empty places as
///   misses); recall@k = hits / |R|;
/// - NDCG@k = DCG / IDCG with binary gain and log₂ discount: DCG = Σ over ranks r = 1… of L with
///   L_r ∈ R of 1 / log₂(r + 1), IDCG = Σ_{r=1}^{min(k, |R|)} 1 / log₂(r + 1), the DCG of a list
///   with every relevant movie on top. All three lie in [0, 1].
/// Cost O(|L| · |R|), a linear scan per listed movie (less than ranking the list cost).
struct TopListScore: Sendable, Equatable {
    /// |L ∩ R|.
    var hits: Int
    /// |R|.
    var relevant: Int
    /// NDCG@k in [0, 1].
    var ndcg: Double

    /// Scores `list` against `relevant`, which must not repeat a movie.
    init(list: some Collection<Int32>, relevant: ArraySlice<Int32>, cutoff: Int) {
        precondition(!relevant.isEmpty && list.count <= cutoff, "top-list score: no relevant movies, or a list longer than the cutoff")
        var hits = 0, dcg = 0.0
        for (r, movie) in list.enumerated() where relevant.contains(movie) {
            hits += 1
            dcg += Self.discount(rank: r)
        }
        var ideal = 0.0
        for r in 0..<min(cutoff, relevant.count) { ideal += Self.discount(rank: r) }
        self.hits = hits
        self.relevant = relevant.count
        self.ndcg = dcg / ideal
    }

    /// 1 / log₂(r + 2) for the 0-based rank r.
    static func discount(rank r: Int) -> Double { 1 / log2(Double(r + 2)) }
}
