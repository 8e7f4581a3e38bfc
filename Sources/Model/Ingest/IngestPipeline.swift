/// The ingest pipeline, read stage by stage. `MovieLensReader` (in memory) and
/// `DatasetPreparation` (to a file) are its public faces; `IngestPlan` has made every choice
/// before it starts.
///
/// 1. movie list — parsed on a background thread (`MovieListTask`);
/// 2. grouping — ratings parsed in chunks, ids made dense, the split drawn, ratings grouped by
///    user, by the first strategy of the plan that accepts the input (`RatingsGrouping`);
/// 3. duplicates — thrown with file and line, or dropped and counted (`GroupedRatings`);
/// 4. completion — transposed, catalogued, and written when asked (`DatasetCompletion`).
///
/// When only the file is wanted and the file is grouped by user, stages 3–4 are one:
/// `UserRunsDatasetFile` writes the file straight from the parse when every row is strictly
/// ascending (hence duplicate-free); the file is the same byte for byte.
enum IngestPipeline {
    /// What a run produced.
    enum Product {
        /// The dataset (output `.dataset`, or `.file` keeping it, or a file written through
        /// stage 4).
        case dataset(Dataset)
        /// The summary of the file written straight from the parse.
        case summary(DatasetSummary)

        /// The dataset, when the run built one.
        var dataset: Dataset? {
            if case .dataset(let d) = self { return d }
            return nil
        }

        /// The summary of what was read.
        var summary: DatasetSummary {
            switch self {
            case .dataset(let d): return DatasetSummary(d)
            case .summary(let s): return s
            }
        }
    }

    /// Runs the plan. `progress(stage, fraction)` is called from the calling thread or, while
    /// parsing, from worker threads one at a time; the last call is ("written", 1) when a file
    /// was written, ("done", 1) otherwise. Nothing is written when the input is refused.
    static func run(_ plan: IngestPlan, progress: @escaping (String, Double) -> Void) throws -> (product: Product, report: ReadReport) {
        let settings = plan.assembly
        progress("reading movies", 0)
        let movieList = MovieListTask(plan.movieList, skipBad: settings.skipBadLines)
        defer { _ = try? movieList.wait() }  // never leave it running
        var tally = BadLineTally()
        func report(unlisted: Int) throws -> ReadReport {
            ReadReport(layout: plan.layout, badLines: try movieList.wait().tally.followed(by: tally), unlistedMovies: unlisted)
        }
        var grouped: GroupedRatings
        switch try RatingsGrouping.group(plan, movieList: movieList, tally: &tally, progress: progress) {
        case .grouped(let g):
            grouped = g
        case .userRuns(var runs):
            if case .file(let path, keepDataset: false) = plan.output {
                let catalog = runs.catalog.build(order: try movieList.wait().genreOrder)
                if let summary = try UserRunsDatasetFile.write(&runs, catalog: catalog, scale: settings.scale, source: settings.source,
                                                               threads: settings.threads, to: path, progress: progress) {
                    progress("written", 1)
                    return (.summary(summary), try report(unlisted: runs.movies.count - runs.listed))
                }
            }
            grouped = UserSortedRandomSplit.assemble(runs, threads: settings.threads, progress: progress)
        }
        grouped = try grouped.droppingDuplicates(skip: settings.skipBadLines, tally: &tally, locate: settings.locateDuplicate)
        let unlisted = grouped.unlistedMovies
        let dataset = try DatasetCompletion.finish(grouped, genreOrder: try movieList.wait().genreOrder, settings: settings,
                                                   writingTo: plan.output.path, progress: progress)
        progress(plan.output.path == nil ? "done" : "written", 1)
        return (.dataset(dataset), try report(unlisted: unlisted))
    }

    /// Stages 2 (the chunk strategy) to 4 on ratings already in memory, as `RatingChunk`s with
    /// raw ids and the movie list `catalog`: the dataset `prepare` would build from the same
    /// ratings written to a file. Used by the synthetic generator.
    static func dataset(from chunks: [RatingChunk], catalog: CatalogBuilder, settings: AssemblySettings) throws -> Dataset {
        var tally = BadLineTally()
        let grouped = try ChunkGrouping.group(chunks, catalog: catalog, settings: settings, tally: &tally, progress: { _, _ in })
            .droppingDuplicates(skip: settings.skipBadLines, tally: &tally, locate: settings.locateDuplicate)
        return try DatasetCompletion.finish(grouped, genreOrder: nil, settings: settings, writingTo: nil, progress: { _, _ in })
    }
}
