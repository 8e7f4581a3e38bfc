import Model

/// How strongly a model's movie vectors echo the catalogue's genres: whether the movies it
/// places next to each other are the ones the catalogue files under the same genres.
///
/// Among the movies with at least `minRatings` training ratings (the others' vectors are
/// mostly their prior), each movie's `neighbours` nearest other movies by cosine of their
/// vectors are found (`NeighbourIndex`, ties to the lower index); the echo is the share of
/// those neighbours whose genre list equals the movie's own as a set, averaged over the movies.
/// Movies without genres have the empty list, which equals only another empty list.
///
/// 1 means every neighbourhood is genre-pure; vectors that ignore genres score about the
/// `chanceRate`, the share expected of neighbours drawn at random.
public enum GenreEcho {
    /// The genre echo in [0, 1], or NaN for a model without vectors (K = 0) or with fewer than
    /// two movies above the floor. Deterministic for any `threads`. Cost: one neighbour table
    /// over the n kept movies, n²·K multiply-adds (parallel), plus O(n · neighbours).
    public static func measure(model: FactorModel, minRatings: Int = 20, neighbours: Int = 10, threads: Int) -> Double {
        precondition(neighbours > 0, "genre echo: ask for at least 1 neighbour, not \(neighbours)")
        let kept = keptMovies(model, minRatings: minRatings)
        guard model.rank > 0, kept.count >= 2 else { return .nan }
        let lists = genreListIDs(model.catalog, movies: kept)
        let table = NeighbourIndex(vectors: model.movieFactors.selectingRows(kept), similarity: .cosine)
            .table(k: neighbours, threads: threads)
        var same = 0
        for i in 0..<kept.count {
            for j in table.neighbours(of: i) where lists[Int(j)] == lists[i] { same += 1 }
        }
        return Double(same) / Double(kept.count * table.k)
    }

    /// The echo of neighbours drawn uniformly from the other kept movies:
    /// Σ_g n_g (n_g − 1) / (n (n − 1)), with n_g the kept movies whose genre list is g and n
    /// all kept movies. NaN with fewer than two kept movies. Cost O(n · genres per movie).
    public static func chanceRate(model: FactorModel, minRatings: Int = 20) -> Double {
        let kept = keptMovies(model, minRatings: minRatings)
        guard kept.count >= 2 else { return .nan }
        var sizes: [Int: Int] = [:]
        for g in genreListIDs(model.catalog, movies: kept) { sizes[g, default: 0] += 1 }
        let pairs = sizes.values.reduce(0) { $0 + $1 * ($1 - 1) }
        return Double(pairs) / Double(kept.count * (kept.count - 1))
    }

    static func keptMovies(_ model: FactorModel, minRatings: Int) -> [Int] {
        popularItems(ratingCounts: model.movieRatingCounts.map(Int.init), minimum: minRatings)
    }

    /// One number per movie of `movies`, equal for two movies exactly when their genre sets
    /// are equal (numbered in order of first appearance). Cost O(Σ genres per movie).
    static func genreListIDs(_ catalog: MovieCatalog, movies: [Int]) -> [Int] {
        var ids: [[Int32]: Int] = [:]
        return movies.map { m in
            let set = Array(Set(catalog.genres(of: m))).sorted()
            if let id = ids[set] { return id }
            ids[set] = ids.count
            return ids.count - 1
        }
    }
}
