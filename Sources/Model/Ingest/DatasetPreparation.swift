import Core
import AtomicOutput
import Foundation

/// What `cinematrix prepare` computes, as a library call: a MovieLens folder read, split and
/// written to a dataset file (`.cmx`) — the file's parent folders created, the output's lock
/// (`OutputLock`) held for the whole run so a second run writing the same file is refused at
/// once, and the file written atomically (nothing is written when the input is refused).
/// The file-writing face of `IngestPipeline`; progress goes to a closure, nothing is printed.
public enum DatasetPreparation {
    /// Writes the dataset of `directory` to `path` and returns its summary: what `prepare`
    /// runs. For a user-grouped ratings file with a random split (every MovieLens CSV and
    /// `.dat` release) the file is written from the parse without building the `Dataset` in
    /// memory (`UserRunsDatasetFile`), which takes about half the memory and less time; the
    /// file is the same either way. `progress(stage, fraction)` is called from the calling
    /// thread or, while parsing, from worker threads one at a time; the last stage is
    /// "written". Throws `IngestError` for bad options or input, `OutputError` when the folder
    /// or lock cannot be had, and the write's errors.
    public static func prepare(directory: String, options: ReadOptions = ReadOptions(), to path: String,
                               progress: @escaping (String, Double) -> Void = { _, _ in })
    throws -> (summary: DatasetSummary, report: ReadReport) {
        let (product, report) = try run(directory: directory, options: options, to: path, keepDataset: false, progress: progress)
        return (product.summary, report)
    }

    /// Like `prepare`, and returns the dataset too (built in memory; the file is written while
    /// its last step, the by-movie orientation, runs). What `demo` runs.
    public static func prepareKeepingDataset(directory: String, options: ReadOptions = ReadOptions(), to path: String,
                                             progress: @escaping (String, Double) -> Void = { _, _ in })
    throws -> (dataset: Dataset, report: ReadReport) {
        let (product, report) = try run(directory: directory, options: options, to: path, keepDataset: true, progress: progress)
        guard let dataset = product.dataset else { preconditionFailure("a plan keeping the dataset builds it") }
        return (dataset, report)
    }

    /// Checks the options, creates the parent folder, takes the lock, plans and runs.
    private static func run(directory: String, options: ReadOptions, to path: String, keepDataset: Bool,
                            progress: @escaping (String, Double) -> Void) throws -> (product: IngestPipeline.Product, report: ReadReport) {
        try options.validate()  // before anything is created
        try OutputFolder.create(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let lock = try OutputLock(for: path)
        defer { lock.release() }
        let plan = try IngestPlan(directory: directory, options: options, output: .file(path: path, keepDataset: keepDataset))
        return try IngestPipeline.run(plan, progress: progress)
    }
}
