import Foundation

/// Every choice of a read, made in one place before any rating is parsed: the options checked,
/// the folder's layout, the movie list and ratings files opened, each ratings file's columns
/// (separator sniffed, header read) and chunks, the split, the order in which the grouping
/// strategies are tried, and what the read produces. The stages see only these concrete values.
struct IngestPlan {
    /// What a read produces.
    enum Output: Equatable {
        /// The dataset in memory; no file.
        case dataset
        /// The dataset file at `path` (written atomically), and the dataset too when
        /// `keepDataset`; without it, only the file's summary is returned, which lets a
        /// user-grouped file be written straight from its parse (`UserRunsDatasetFile`).
        case file(path: String, keepDataset: Bool)

        /// The file to write, if any.
        var path: String? {
            if case .file(let path, _) = self { return path }
            return nil
        }
    }

    /// The detected layout.
    let layout: MovieLensLayout
    /// The movie list, parsed alongside the ratings.
    let movieList: MovieListSource
    /// The ratings files: the layout's one, or the fixed training and test files.
    let sources: [RatingsSource]
    /// The grouping strategies to try, in order; each may decline the input after reading it,
    /// and the last (`.chunks`) reads anything. (A `var` so that tests can run one strategy
    /// alone; the strategies give the same ratings.)
    var strategies: [GroupingStrategy]
    /// What the stages after the parse need.
    let assembly: AssemblySettings
    /// What the read produces.
    let output: Output

    /// The plan for reading `directory` with `options`. Throws `IngestError.invalidOption` for
    /// unusable options (`ReadOptions.validate()`), and the layout's and files' errors
    /// (unknown layout, missing or unreadable file, bad ratings.csv header). Cost: the folder
    /// listing, one 4 KB read per ratings file and one small read per chunk boundary.
    init(directory: String, options: ReadOptions, output: Output) throws {
        try options.validate()
        let layout = try MovieLensLayout.detect(directory: directory)
        let inLayout = "\(layout.expectedFiles) in \(layout.directory)"
        let movies = try InputFile(path: layout.moviesPath, expected: inLayout)
        switch layout.kind {
        case .csv:
            // links.csv is optional: older releases and hand-made folders have none.
            let linksPath = layout.directory + "/links.csv"
            let links = FileManager.default.fileExists(atPath: linksPath) ? try InputFile(path: linksPath, expected: "links.csv") : nil
            movieList = .csv(movies, links: links)
        case .dat: movieList = .dat(movies)
        case .ml100k:
            let genresPath = layout.genresPath ?? layout.directory + "/u.genre"
            movieList = .ml100k(items: movies, genres: try InputFile(path: genresPath, expected: "u.genre beside u.item (ml-100k layout)"))
        }
        var describe = "\(layout.kind.rawValue) layout in \(layout.directory)"
        let split: SplitSpec?
        if let train = options.trainFile, let test = options.testFile {
            sources = try [(train, false), (test, true)].map { path, isTest in
                let file = try InputFile(path: path, expected: "a ratings file (the fixed \(isTest ? "test" : "training") file)")
                let first = try file.read(offset: 0, count: 4096)
                var format = layout.ratingFormat
                format.separator = RatingLineFormat.sniffSeparator(first) ?? format.separator
                if format.separator == .comma { format = try format.readingHeader(first, file: path) }
                return try RatingsSource(file: file, format: format, isTest: isTest)
            }
            describe += "; fixed split: train \(train), test \(test)"
            split = nil
        } else {
            let file = try InputFile(path: layout.ratingsPath, expected: "\(inLayout) (\(layout.kind.rawValue) layout)")
            var format = layout.ratingFormat
            if format.separator == .comma { format = try format.readingHeader(try file.read(offset: 0, count: 4096), file: file.path) }
            sources = [try RatingsSource(file: file, format: format)]
            describe += "; split \(options.split.method.rawValue), test fraction \(options.split.testFraction), seed \(options.split.seed)"
            split = options.split
        }
        // A random split depends only on each rating's raw pair, so one file can be split while
        // it is parsed: in one pass when it is grouped by user, else in two.
        strategies = split?.method == .random ? [.userRuns, .twoPass, .chunks] : [.chunks]
        let files = sources.map { ($0.file, $0.format) }
        assembly = AssemblySettings(
            split: split, skipBadLines: options.skipBadLines, threads: options.threads, scale: layout.ratingFormat.scale,
            source: describe, locateDuplicate: { user, movie in try DuplicateLocator.describe(user: user, movie: movie, in: files) })
        self.layout = layout
        self.output = output
    }
}

/// How a grouping strategy turns the parsed ratings into ratings grouped by user (see
/// `RatingsGrouping`).
enum GroupingStrategy: Equatable {
    /// One pass over a file grouped by ascending user id, with a random split
    /// (`UserSortedRandomSplit`); declines files not so grouped and ids of 2²⁶ or more.
    case userRuns
    /// Two streaming passes with a random split — count, then scatter
    /// (`StreamingRandomSplit`); declines ids of 2²⁶ or more.
    case twoPass
    /// Parsed chunks, then id maps, split and grouping (`ChunkGrouping`); reads anything.
    case chunks
}

/// The concrete values the stages after the parse need.
struct AssemblySettings {
    /// The split to draw; nil when the ratings files say which ratings are test ratings.
    var split: SplitSpec?
    /// Drop and count duplicate pairs instead of stopping.
    var skipBadLines: Bool
    /// Threads, at least 1.
    var threads: Int
    /// The rating scale of the dataset.
    var scale: RatingScale
    /// The provenance line of the dataset.
    var source: String
    /// Describes a duplicated (raw user, raw movie) pair: file and lines (runs only on error).
    var locateDuplicate: (Int64, Int64) throws -> IngestError
}
