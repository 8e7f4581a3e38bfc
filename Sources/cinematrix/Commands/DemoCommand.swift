import ArgumentParser
import Foundation
import Model

/// `cinematrix demo`: the main job on built-in synthetic data (or a MovieLens folder).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the main job: synthesise the default dataset (or use --data), prepare it, summarise it.")

    @Option(name: .long, help: "MovieLens folder to use instead of synthetic data.") var data: String?
    @Option(name: .long, help: "Folder to write into.") var out: String = "outputs/demo"
    @Option(name: .long, help: "Seed for the synthetic data and the split.") var seed: UInt64 = 1
    @Flag(name: .long, help: "No progress bars.") var quiet = false

    func run() throws {
        let dataset = try Self.prepareDemoData(data: data, out: out, seed: seed, quiet: quiet)
        print(DatasetSummary(dataset).text)
    }

    /// Step 1 of the demo: the ratings folder (synthesised into `out/data` unless `data` is
    /// given), prepared into `out/dataset.cmx` with the default split. Returns the dataset.
    static func prepareDemoData(data: String?, out: String, seed: UInt64, quiet: Bool) throws -> Dataset {
        var folder = data ?? out + "/data"
        if data == nil {
            var config = SynthConfig.small
            config.seed = seed
            let summary = try reportingErrors {
                try createParentFolder(of: folder + "/x")
                return try SyntheticCSVWriter.write(SyntheticRatings(config: config), to: folder)
            }
            print("synthesised \(summary.ratings) ratings into \(folder) (planted noise \(config.noise), planted-model RMSE \(String(format: "%.3f", summary.plantedRMSE)))")
        }
        folder = URL(fileURLWithPath: folder).path
        let path = out + "/dataset.cmx"
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: 0.2, seed: seed))
        let (dataset, _) = try PrepareCommand.prepare(folder, options: options, to: path, quiet: quiet)
        print("prepared \(path)")
        return dataset
    }
}
