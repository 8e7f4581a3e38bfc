import Core

/// Options for reading a MovieLens folder, as the caller gives them. `IngestPlan` checks them
/// (`validate()`) and resolves them, with the folder's layout, into the concrete plan the
/// stages run.
public struct ReadOptions: Sendable, Equatable {
    /// How to hold out test ratings (ignored when `trainFile`/`testFile` are given).
    public var split: SplitSpec
    /// Fixed training ratings file (e.g. ml-100k `u1.base`); used with `testFile`.
    public var trainFile: String?
    /// Fixed test ratings file (e.g. ml-100k `u1.test`); used with `trainFile`.
    public var testFile: String?
    /// Skip malformed lines and duplicate pairs, counting them, instead of stopping.
    public var skipBadLines: Bool
    /// Threads for parsing and building (at least 1). The default, four per core, keeps the
    /// chunked work flowing when other processes share the cores (measured: on a busy 2-core
    /// machine 8 threads took 12.6 s where 2 took 35 s); on an idle machine it costs nothing.
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
