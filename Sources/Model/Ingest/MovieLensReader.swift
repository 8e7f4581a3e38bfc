/// Reads a MovieLens folder (any supported layout, see `MovieLensLayout`) into a `Dataset` in
/// one call: the in-memory face of `IngestPipeline` (`DatasetPreparation` writes the file).
///
/// Ratings files are parsed as bytes in line-aligned chunks on all cores, each chunk mapped
/// into memory only while it is parsed. Cost O(bytes / threads + ratings / threads); peak
/// memory about 23 bytes per rating plus the result.
public enum MovieLensReader {
    /// The dataset in `directory`. `progress(stage, fraction)` is called from the calling thread
    /// or, while parsing, from worker threads one at a time. Throws `IngestError` (options
    /// first: `ReadOptions.validate()`).
    public static func read(directory: String, options: ReadOptions = ReadOptions(),
                            progress: @escaping (String, Double) -> Void = { _, _ in }) throws -> Dataset {
        try readWithReport(directory: directory, options: options, progress: progress).dataset
    }

    /// Like `read`, also returning the layout and the bad lines skipped.
    public static func readWithReport(directory: String, options: ReadOptions = ReadOptions(),
                                      progress: @escaping (String, Double) -> Void = { _, _ in })
    throws -> (dataset: Dataset, report: ReadReport) {
        let plan = try IngestPlan(directory: directory, options: options, output: .dataset)
        let (product, report) = try IngestPipeline.run(plan, progress: progress)
        guard let dataset = product.dataset else { preconditionFailure("a plan without a file builds the dataset") }
        return (dataset, report)
    }
}
