import Core

extension MovieLinks {
    /// The links stored in sections `imdb` and `tmdb` of `r`, or nil when the file has neither.
    /// Throws `ContainerError.missingSection` when only one is there, when either does not
    /// hold one id per movie, or when an id is negative or longer than ten digits.
    static func read(_ r: ContainerReader, imdb: String, tmdb: String, movies: Int, path: String) throws -> MovieLinks? {
        guard r.has(imdb) || r.has(tmdb) else { return nil }
        let a: [Int64] = try r.array(imdb, expectedCount: movies)
        let b: [Int64] = try r.array(tmdb, expectedCount: movies)
        let links = MovieLinks(imdb: a, tmdb: b)
        guard links.isValid(movies: movies) else { throw ContainerError.missingSection(path: path, name: imdb) }
        return links
    }
}
