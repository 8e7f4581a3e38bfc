import Core
#if canImport(Glibc)
import Glibc
#endif

/// Options for reading a MovieLens folder.
public struct ReadOptions: Sendable, Equatable {
    /// How to hold out test ratings (ignored when `trainFile`/`testFile` are given).
    public var split: SplitSpec
    /// Fixed training ratings file (e.g. ml-100k `u1.base`); used with `testFile`.
    public var trainFile: String?
    /// Fixed test ratings file (e.g. ml-100k `u1.test`); used with `trainFile`.
    public var testFile: String?
    /// Skip malformed lines and duplicate pairs, counting them, instead of stopping.
    public var skipBadLines: Bool
    /// Threads for parsing and building. The default, four per core, keeps the chunked work
    /// flowing when other processes share the cores (measured: on a busy 2-core machine 8
    /// threads took 12.6 s where 2 took 35 s); on an idle machine it costs nothing.
    public var threads: Int

    /// Four threads per core.
    public static let defaultThreads = 4 * availableCores

    public init(split: SplitSpec = SplitSpec(), trainFile: String? = nil, testFile: String? = nil,
                skipBadLines: Bool = false, threads: Int = ReadOptions.defaultThreads) {
        self.split = split
        self.trainFile = trainFile
        self.testFile = testFile
        self.skipBadLines = skipBadLines
        self.threads = threads
    }
}

/// What a read found besides the dataset.
public struct ReadReport: Sendable, Equatable {
    /// The detected layout.
    public var layout: MovieLensLayout
    /// Lines skipped (with `skipBadLines`), by kind.
    public var badLines: BadLineTally
    /// Rated movies missing from the movie list (added with empty titles).
    public var unlistedMovies: Int
}

/// Reads a MovieLens folder (any supported layout, see `MovieLensLayout`) into a `Dataset` in
/// one call.
///
/// Ratings files are parsed as bytes in line-aligned chunks on all cores, each chunk mapped
/// into memory only while it is parsed; see `DatasetAssembler` for the rest. Cost O(bytes /
/// threads + ratings / threads); peak memory about 23 bytes per rating plus the result.
public enum MovieLensReader {
    /// The dataset in `directory`. `progress(stage, fraction)` is called from the calling thread
    /// or, while parsing, from worker threads one at a time.
    public static func read(directory: String, options: ReadOptions = ReadOptions(),
                            progress: @escaping (String, Double) -> Void = { _, _ in }) throws -> Dataset {
        try readWithReport(directory: directory, options: options, progress: progress).dataset
    }

    /// Like `read`, also returning the layout and the bad lines skipped.
    public static func readWithReport(directory: String, options: ReadOptions = ReadOptions(),
                                      progress: @escaping (String, Double) -> Void = { _, _ in })
    throws -> (dataset: Dataset, report: ReadReport) {
        try read(directory: directory, options: options, output: nil, progress: progress)
    }

    /// Reads the folder like `readWithReport` and writes the dataset file to `path`
    /// (atomically, as `DatasetFile.write` does), overlapping the write with the last step
    /// (building the by-movie orientation). Nothing is written when the input is refused.
    public static func prepare(directory: String, options: ReadOptions = ReadOptions(), to path: String,
                               progress: @escaping (String, Double) -> Void = { _, _ in })
    throws -> (dataset: Dataset, report: ReadReport) {
        try read(directory: directory, options: options, output: path, progress: progress)
    }

    /// Reads the folder and writes the dataset file to `path` (atomically) like `prepare`, but
    /// returns only the dataset's summary: for the usual case — a user-grouped ratings file
    /// with a random split — the file is written from the parsed lines without building the
    /// `Dataset` in memory (see `UserRunsDatasetFile`), which takes about half the memory and
    /// less time. The file is the same either way. Nothing is written when the input is refused.
    public static func prepareFile(directory: String, options: ReadOptions = ReadOptions(), to path: String,
                                   progress: @escaping (String, Double) -> Void = { _, _ in })
    throws -> (summary: DatasetSummary, report: ReadReport) {
        let (outcome, report) = try read(directory: directory, options: options, output: path, fileOnly: true,
                                         progress: progress)
        switch outcome {
        case .dataset(let d): return (DatasetSummary(d), report)
        case .summary(let s): return (s, report)
        }
    }

    /// What a read produced: the dataset, or (when only the file was asked for) its summary.
    private enum Outcome {
        case dataset(Dataset)
        case summary(DatasetSummary)

        var dataset: Dataset {
            guard case .dataset(let d) = self else { preconditionFailure("only the file was written") }
            return d
        }
    }

    private static func read(directory: String, options: ReadOptions, output outputPath: String?,
                             progress: @escaping (String, Double) -> Void)
    throws -> (dataset: Dataset, report: ReadReport) {
        let (outcome, report) = try read(directory: directory, options: options, output: outputPath, fileOnly: false,
                                         progress: progress)
        return (outcome.dataset, report)
    }

    private static func read(directory: String, options: ReadOptions, output outputPath: String?, fileOnly: Bool,
                             progress: @escaping (String, Double) -> Void)
    throws -> (Outcome, ReadReport) {
        if (options.trainFile == nil) != (options.testFile == nil) {
            throw IngestError.invalidOption("--train and --test go together: give both files or neither.")
        }
        guard options.split.testFraction >= 0 && options.split.testFraction < 1 else {
            throw IngestError.invalidOption("the test fraction must be at least 0 and below 1 (e.g. 0.2).")
        }
        progress("reading movies", 0)
        let layout = try MovieLensLayout.detect(directory: directory)
        var tally = BadLineTally()
        // Movie list, parsed on another thread while the ratings are read.
        let moviesFile = try InputFile(path: layout.moviesPath, expected: "\(layout.expectedFiles) in \(layout.directory)")
        let genresFile = try layout.genresPath.map { try InputFile(path: $0, expected: "u.genre beside u.item (ml-100k layout)") }
        let movieList = MovieListTask(layout: layout, movies: moviesFile, genres: genresFile, skipBad: options.skipBadLines)
        defer { _ = try? movieList.wait() }  // never leave it running
        // Ratings.
        var sources: [(file: InputFile, isTest: Bool, format: RatingLineFormat)] = []
        var describe = "\(layout.kind.rawValue) layout in \(layout.directory)"
        if let train = options.trainFile, let test = options.testFile {
            for (path, isTest) in [(train, false), (test, true)] {
                let file = try InputFile(path: path, expected: "a ratings file (\(isTest ? "--test" : "--train"))")
                let first = try file.read(offset: 0, count: 4096)
                var format = layout.ratingFormat
                format.separator = RatingLineFormat.sniffSeparator(first) ?? format.separator
                if format.separator == .comma { format = try format.readingHeader(first, file: path) }
                sources.append((file, isTest, format))
            }
            describe += "; fixed split: train \(train), test \(test)"
        } else {
            let file = try InputFile(path: layout.ratingsPath, expected: "\(layout.expectedFiles) in \(layout.directory) (\(layout.kind.rawValue) layout)")
            var format = layout.ratingFormat
            if format.separator == .comma { format = try format.readingHeader(try file.read(offset: 0, count: 4096), file: file.path) }
            sources.append((file, false, format))
            describe += "; split \(options.split.method.rawValue), test fraction \(options.split.testFraction), seed \(options.split.seed)"
        }
        let locate: (Int64, Int64) throws -> IngestError = { user, movie in
            try DuplicateLocator.describe(user: user, movie: movie, in: sources.map { ($0.file, $0.format) })
        }
        let tallyBeforeRatings = tally
        if options.trainFile == nil && options.split.method == .random,
           let outcome = try randomSplit(sources[0].file, format: sources[0].format, movieList: movieList,
                                         scale: layout.ratingFormat.scale, source: describe, options: options,
                                         output: fileOnly ? outputPath : nil, tally: &tally, progress: progress) {
            let streamed: StreamingRandomSplit.Result
            switch outcome {
            case .written(let summary, let unlisted):
                progress("written", 1)
                return (.summary(summary), ReadReport(layout: layout, badLines: try movieList.wait().tally.followed(by: tally),
                                                      unlistedMovies: unlisted))
            case .built(let result):
                streamed = result
            }
            let input = DatasetAssembler.Input(
                chunks: [], catalog: streamed.catalog, genreOrder: try movieList.wait().genreOrder, scale: layout.ratingFormat.scale,
                split: options.split, skipBadLines: options.skipBadLines, threads: options.threads, source: describe,
                output: outputPath)
            let output = try DatasetAssembler.completeRandomSplit(
                streamed.built, users: streamed.users, movies: streamed.movies, listed: streamed.listed,
                catalog: streamed.catalog, input: input, tally: &tally, locateDuplicate: locate, progress: progress)
            progress(outputPath == nil ? "writing" : "written", 1)
            return (.dataset(output.dataset), ReadReport(layout: layout, badLines: try movieList.wait().tally.followed(by: tally),
                                               unlistedMovies: output.unlistedMovies))
        }
        tally = tallyBeforeRatings  // the streaming pass may have counted before declining
        let (catalog, genreOrder, movieTally) = try movieList.wait()
        var chunks: [RatingChunk] = []
        for source in sources {
            let parsed = try parseRatings(source.file, format: source.format, isTest: source.isTest,
                                          options: options, tally: &tally, progress: progress)
            if parsed.allSatisfy({ $0.count == 0 }) { throw IngestError.emptyRatings(file: source.file.path) }
            chunks += parsed
        }
        let input = DatasetAssembler.Input(
            chunks: chunks, catalog: catalog, genreOrder: genreOrder, scale: layout.ratingFormat.scale,
            split: options.trainFile == nil ? options.split : nil, skipBadLines: options.skipBadLines,
            threads: options.threads, source: describe, output: outputPath)
        chunks = []
        let output = try DatasetAssembler.assemble(input, tally: &tally, locateDuplicate: locate, progress: progress)
        progress(outputPath == nil ? "writing" : "written", 1)
        return (.dataset(output.dataset), ReadReport(layout: layout, badLines: movieTally.followed(by: tally), unlistedMovies: output.unlistedMovies))
    }

    /// How a random split of one ratings file was read: built in memory, or (when only the
    /// file is wanted and the file allows it) written straight to the dataset file.
    private enum RandomSplitOutcome {
        case built(StreamingRandomSplit.Result)
        case written(DatasetSummary, unlistedMovies: Int)
    }

    /// A random split of `file`: one parse when the file is grouped by user (then, given
    /// `output`, written from the parse by `UserRunsDatasetFile` where it applies), else the
    /// two-pass reader; nil when neither applies.
    private static func randomSplit(_ file: InputFile, format: RatingLineFormat, movieList: MovieListTask, scale: RatingScale,
                                    source: String, options: ReadOptions, output: String?, tally: inout BadLineTally,
                                    progress: @escaping (String, Double) -> Void) throws -> RandomSplitOutcome? {
        let catalog = { try movieList.wait().catalog }
        guard var parsed = try UserSortedRandomSplit.parse(file, format: format, catalog: catalog, spec: options.split,
                                                           options: options, tally: &tally, progress: progress) else {
            return try StreamingRandomSplit.read(file, format: format, catalog: catalog, spec: options.split, options: options,
                                                 tally: &tally, progress: progress).map { .built($0) }
        }
        if let path = output {
            let built = parsed.catalog.build(order: try movieList.wait().genreOrder)
            if let summary = try UserRunsDatasetFile.write(&parsed, catalog: built, scale: scale, source: source,
                                                           threads: options.threads, to: path, progress: progress) {
                return .written(summary, unlistedMovies: parsed.movies.count - parsed.listed)
            }
        }
        return .built(UserSortedRandomSplit.assemble(parsed, threads: options.threads, progress: progress))
    }

    /// Parses one ratings file into chunks on all cores.
    static func parseRatings(_ file: InputFile, format: RatingLineFormat, isTest: Bool, options: ReadOptions,
                             tally: inout BadLineTally, progress: @escaping (String, Double) -> Void) throws -> [RatingChunk] {
        let parts = max(1, min(16, file.size / (4 << 20)))
        let ranges = try file.lineAlignedChunks(parts: parts)
        let chunks = ranges.map { RatingChunk(capacity: $0.count / 8 + 1) }
        let failures = ErrorBox()
        let done = ProgressCounter(total: ranges.count, report: { progress("reading \(file.path)", 0.5 * $0) })
        parallelForEach(count: ranges.count, threads: options.threads, grain: 1) { c, _ in
            do {
                try file.withMappedBytes(ranges[c]) { bytes in
                    RatingLineParser.parse(bytes, fileOffset: ranges[c].lowerBound, format: format,
                                           header: c == 0 && format.separator == .comma,
                                           skipBad: options.skipBadLines, into: chunks[c])
                }
                chunks[c].isTest = isTest
            } catch { failures.set(error) }
            done.increment()
        }
        if let e = failures.error { throw e }
        try resolveBadLines(chunks.map { BadLineRecord(counts: $0.badCounts, firstBad: $0.firstBad) },
                            file: file, format: format, options: options, tally: &tally)
        return chunks
    }

    /// Adds the chunks' bad-line counts to `tally` and locates the first bad line (file order):
    /// throws it unless bad lines are skipped.
    static func resolveBadLines(_ records: [BadLineRecord], file: InputFile, format: RatingLineFormat,
                                options: ReadOptions, tally: inout BadLineTally) throws {
        for r in records { for (k, n) in r.counts { tally.counts[k, default: 0] += n } }
        if let (offset, kind) = records.lazy.compactMap(\.firstBad).first {
            let (line, text) = try file.lineInfo(at: offset)
            let error = IngestError.badLine(file: file.path, line: line, kind: kind, detail: detail(kind, text, format))
            if !options.skipBadLines { throw error }
            if tally.first == nil { tally.first = error }
        }
    }

    static func detail(_ kind: BadLineKind, _ text: String, _ format: RatingLineFormat) -> String {
        let scale = format.scale
        let fields: String
        switch format.separator {
        case .comma: fields = "userId,movieId,rating,timestamp"
        case .tab: fields = "user<TAB>movie<TAB>rating<TAB>timestamp"
        case .doubleColon: fields = "user::movie::rating::timestamp"
        }
        let what: String
        switch kind {
        case .ratingOffScale:
            what = "the rating is not on the scale \(scale.minimum)–\(scale.maximum) in steps of \(scale.step)"
        case .missingField, .extraField: what = "expected \(fields)"
        case .nonNumericID: what = "user and movie ids must be whole numbers below 2147483648"
        case .badTimestamp: what = "the timestamp must be whole seconds since 1970, below 4294967296"
        default: what = kind.rawValue
        }
        return "\(what), found \"\(text)\""
    }
}

/// The movie list parsed on a background thread; `wait()` returns its result or rethrows its
/// error (a bad movie line is reported before any ratings error).
typealias MovieListTask = Deferred<(catalog: CatalogBuilder, genreOrder: [String]?, tally: BadLineTally), any Error>

extension Deferred where T == (catalog: CatalogBuilder, genreOrder: [String]?, tally: BadLineTally), Failure == any Error {
    /// Starts parsing `movies` (and, for ml-100k, `genres`) in the layout's format.
    convenience init(layout: MovieLensLayout, movies: InputFile, genres: InputFile?, skipBad: Bool) {
        self.init {
            var tally = BadLineTally()
            switch layout.kind {
            case .csv: return (try MovieListParser.csv(movies, skipBad: skipBad, tally: &tally), nil, tally)
            case .dat: return (try MovieListParser.dat(movies, skipBad: skipBad, tally: &tally), nil, tally)
            case .ml100k:
                let (b, order) = try MovieListParser.item(movies, genres: genres!, skipBad: skipBad, tally: &tally)
                return (b, order, tally)
            }
        }
    }
}

extension BadLineTally {
    /// These bad lines, then `later`'s (counts added; the first stays the earliest).
    func followed(by later: BadLineTally) -> BadLineTally {
        var out = self
        for (k, n) in later.counts { out.counts[k, default: 0] += n }
        if out.first == nil { out.first = later.first }
        return out
    }
}

/// The first error thrown on any worker thread.
final class ErrorBox: @unchecked Sendable {
    private var stored: Error?
    private var lock = pthread_mutex_t()
    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }
    func set(_ e: Error) { pthread_mutex_lock(&lock); if stored == nil { stored = e }; pthread_mutex_unlock(&lock) }
    var error: Error? { pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }; return stored }
}

/// Counts finished work items across threads and reports the fraction done, one call at a time.
final class ProgressCounter: @unchecked Sendable {
    private var done = 0
    private let total: Int
    private let report: (Double) -> Void
    private var lock = pthread_mutex_t()
    init(total: Int, report: @escaping (Double) -> Void) {
        self.total = max(1, total)
        self.report = report
        pthread_mutex_init(&lock, nil)
    }
    deinit { pthread_mutex_destroy(&lock) }
    func increment() {
        pthread_mutex_lock(&lock)
        done += 1
        report(Double(done) / Double(total))
        pthread_mutex_unlock(&lock)
    }
}
