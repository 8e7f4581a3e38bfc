@testable import Model

/// Gradients of L/λ with respect to each block of an `ALSState`, computed directly from the
/// definition in double precision (for the block-optimality tests).
struct BlockGradients {
    var userBias: [Double], user: [[Double]]
    var movieBias: [Double], movie: [[Double]]
    var genre: [[Double]]

    init(_ s: ALSState) {
        let d = s.dataset, k = s.rank, kp = s.stride
        let tau = Double(s.settings.vectorRidge), gamma = Double(s.settings.biasRidge)
        let prior = s.currentPriorMeans()
        userBias = s.userBias.map { gamma * Double($0) }
        movieBias = s.movieBias.map { gamma * Double($0) }
        user = (0..<d.userCount).map { u in (0..<k).map { tau * Double(s.userFactors[u * kp + $0]) } }
        movie = (0..<d.movieCount).map { i in
            (0..<k).map { tau * (Double(s.movieFactors[i * kp + $0]) - (prior.isEmpty ? 0 : Double(prior[i * kp + $0]))) }
        }
        let m = d.trainByUser
        for u in 0..<m.rowCount {
            for p in m.rowStart[u]..<m.rowStart[u + 1] {
                let i = Int(m.columnIndex[p])
                var pred = Double(s.mean) + Double(s.userBias[u]) + Double(s.movieBias[i])
                for c in 0..<k { pred += Double(s.userFactors[u * kp + c]) * Double(s.movieFactors[i * kp + c]) }
                let e = Double(m.value[p]) - pred
                userBias[u] -= e
                movieBias[i] -= e
                for c in 0..<k {
                    user[u][c] -= e * Double(s.movieFactors[i * kp + c])
                    movie[i][c] -= e * Double(s.userFactors[u * kp + c])
                }
            }
        }
        let g = s.settings.kind.hasGenres ? d.catalog.genreNames.count : 0
        genre = (0..<g).map { f in (0..<k).map { tau * Double(s.genreFactors[f * kp + $0]) } }
        if !prior.isEmpty {
            for i in 0..<d.movieCount {
                let gs = d.catalog.genres(of: i)
                if gs.isEmpty { continue }
                let w = 1 / Double(gs.count).squareRoot()
                for f in gs {
                    for c in 0..<k {
                        genre[Int(f)][c] -= tau * w * (Double(s.movieFactors[i * kp + c]) - Double(prior[i * kp + c]))
                    }
                }
            }
        }
    }

    /// Largest absolute entry of each block: (users, movies, genres).
    var largest: (users: Double, movies: Double, genres: Double) {
        func m(_ a: [Double]) -> Double { a.map(abs).max() ?? 0 }
        return (max(m(userBias), m(user.flatMap { $0 })), max(m(movieBias), m(movie.flatMap { $0 })), m(genre.flatMap { $0 }))
    }
}
