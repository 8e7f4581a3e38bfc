extension MovieCatalog {
    /// A movie's genres joined by "|", e.g. "Action|Comedy" (empty for none).
    public func genreList(_ movie: Int) -> String {
        genres(of: movie).map { genreNames[Int($0)] }.joined(separator: "|")
    }
}
