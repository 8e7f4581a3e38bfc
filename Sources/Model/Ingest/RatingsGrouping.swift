/// The grouping stage: the ratings files parsed, their ids mapped to dense indices, the split
/// drawn and the ratings grouped by user — by the first of the plan's strategies that accepts
/// the input. The strategies differ only in how they get there (one pass, two passes, or
/// parsed chunks); the ratings grouped are the same whichever runs.
enum RatingsGrouping {
    /// What the stage hands on.
    enum Grouped {
        /// Grouped by user in memory.
        case grouped(GroupedRatings)
        /// The per-chunk buffers of a file grouped by user (`.userRuns`), which the write stage
        /// may write straight to the dataset file, or else assembles into `GroupedRatings`.
        case userRuns(UserSortedRandomSplit.Parsed)
    }

    /// Runs the plan's strategies in order until one accepts the input. The movie list comes
    /// from `movieList` (asked for before any ratings error is thrown); `tally` gains the bad
    /// lines of the accepted strategy only.
    static func group(_ plan: IngestPlan, movieList: MovieListTask, tally: inout BadLineTally,
                      progress: @escaping (String, Double) -> Void) throws -> Grouped {
        let settings = plan.assembly
        let catalog = { try movieList.wait().catalog }
        for strategy in plan.strategies {
            var attempt = tally
            let accepted: Grouped?
            switch strategy {
            case .userRuns, .twoPass:
                guard let split = settings.split, plan.sources.count == 1 else { continue }
                let source = plan.sources[0]
                accepted = strategy == .userRuns
                    ? try UserSortedRandomSplit.parse(source, catalog: catalog, split: split, settings: settings,
                                                      tally: &attempt, progress: progress).map(Grouped.userRuns)
                    : try StreamingRandomSplit.read(source, catalog: catalog, split: split, settings: settings,
                                                    tally: &attempt, progress: progress).map(Grouped.grouped)
            case .chunks:
                let listed = try movieList.wait().catalog  // its errors first
                let chunks = try ChunkGrouping.parse(plan.sources, settings: settings, tally: &attempt, progress: progress)
                accepted = .grouped(try ChunkGrouping.group(chunks, catalog: listed, settings: settings, tally: &attempt,
                                                            progress: progress))
            }
            if let accepted {
                tally = attempt
                return accepted
            }
        }
        preconditionFailure("the plan's strategies end with .chunks, which reads anything")
    }
}
