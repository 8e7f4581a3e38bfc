/// The genre incidence of the movies, weighted as in the model's prior mean
/// g_i = |F_i|^(−1/2) Σ_{f∈F_i} w_f: each movie's genres, and the movies grouped by genre list.
struct GenreDesign: Sendable {
    /// Number of genres G.
    let genreCount: Int
    /// |F_i|^(−1/2), or 0 for a movie without genres.
    let weight: [Float]
    /// Genres of each movie (CSR, from the catalogue).
    let movieStart: [Int]
    let movieGenres: [Int32]
    /// Movies grouped by their genre list (sorted, so order in the file does not matter):
    /// set s holds movies `setMovies[setStart[s]..<setStart[s + 1]]`, ascending, and genres
    /// `setGenres[setGenreStart[s]..<setGenreStart[s + 1]]`, ascending. Sets are numbered in
    /// order of their first movie; movies without genres belong to none. MovieLens has a few
    /// thousand sets for tens of thousands of movies, so per-set sums save work.
    let setStart: [Int], setMovies: [Int32]
    let setGenreStart: [Int], setGenres: [Int32]

    /// The design of `catalog`. Cost O(movies + genre assignments).
    init(_ catalog: MovieCatalog) {
        genreCount = catalog.genreNames.count
        movieStart = catalog.genreStart
        movieGenres = catalog.genreIndex
        weight = (0..<catalog.count).map { i in
            let n = catalog.genreStart[i + 1] - catalog.genreStart[i]
            return n > 0 ? 1 / Float(n).squareRoot() : 0
        }
        var setOf: [[Int32]: Int] = [:]
        var members: [[Int32]] = []
        var lists: [[Int32]] = []
        for i in 0..<catalog.count where movieStart[i + 1] > movieStart[i] {
            let key = movieGenres[movieStart[i]..<movieStart[i + 1]].sorted()
            if let s = setOf[key] {
                members[s].append(Int32(i))
            } else {
                setOf[key] = lists.count
                lists.append(key)
                members.append([Int32(i)])
            }
        }
        setStart = members.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        setMovies = members.flatMap { $0 }
        setGenreStart = lists.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        setGenres = lists.flatMap { $0 }
    }

    /// Number of distinct genre lists.
    var setCount: Int { setStart.count - 1 }

    /// Whether movie `i` has at least one genre.
    func hasGenres(_ i: Int) -> Bool { movieStart[i + 1] > movieStart[i] }

    /// Writes g_i for every movie into `out` (movies × stride); `w` is G × stride.
    /// Cost O(genre assignments · K).
    func priorMeans(_ w: UnsafePointer<Float>, rank k: Int, stride kp: Int, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<weight.count {
            let g = out + i * kp
            g.update(repeating: 0, count: kp)
            let d = weight[i]
            for p in movieStart[i]..<movieStart[i + 1] {
                let wf = w + Int(movieGenres[p]) * kp
                for c in 0..<k { g[c] += d * wf[c] }
            }
        }
    }
}
