import Core

/// The last stage: the grouped, duplicate-free ratings made into a `Dataset` — the by-movie
/// orientation transposed, the catalogue built — and, when a path is given, written to the
/// dataset file while the transposition runs.
enum DatasetCompletion {
    /// The dataset of `grouped` (whose duplicates are resolved), with genre names in
    /// `genreOrder` when the movie list fixes one. Throws `emptyTrain` when no training rating
    /// is left, and the file's errors when writing to `path` (atomically) fails.
    /// Cost O(ratings / threads) for the transposition, plus the write.
    static func finish(_ grouped: GroupedRatings, genreOrder: [String]?, settings: AssemblySettings, writingTo path: String?,
                       progress: (String, Double) -> Void) throws -> Dataset {
        let byUser = grouped.byUser, test = grouped.test, userIDs = grouped.users.rawIDs
        guard byUser.count > 0 else {
            throw IngestError.emptyTrain(detail: "\(byUser.count + test.count) ratings, \(test.count) of them held out for testing")
        }
        let threads = settings.threads
        guard let path else {
            progress("transposing", 0.8)
            let byMovie = byUser.transposed(threads: threads)
            progress("building catalogue", 0.9)
            return Dataset(userIDs: userIDs, catalog: grouped.catalog.build(order: genreOrder), scale: settings.scale,
                           trainByUser: byUser, trainByMovie: byMovie, test: test, source: settings.source)
        }
        // Writing while transposing: every section but the by-movie ones (written last) goes out
        // while the transposition runs on the other threads.
        progress("building catalogue", 0.8)
        let catalog = grouped.catalog.build(order: genreOrder)
        progress("transposing and writing", 0.85)
        let byMovie = Deferred { byUser.transposed(threads: threads) }
        defer { _ = byMovie.value }  // never leave it running
        try DatasetFile.write(userIDs: userIDs, catalog: catalog, scale: settings.scale, byUser: byUser,
                              byMovie: { byMovie.value }, test: test, source: settings.source, to: path)
        return Dataset(userIDs: userIDs, catalog: catalog, scale: settings.scale,
                       trainByUser: byUser, trainByMovie: byMovie.value, test: test, source: settings.source)
    }
}
