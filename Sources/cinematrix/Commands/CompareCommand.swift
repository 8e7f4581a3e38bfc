import ArgumentParser
import Foundation
import Model

/// `cinematrix compare DATASET`: trains the three models with shared settings and tabulates them.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train bias, bias-uv and bias-uv-genre with shared settings and compare them.",
        discussion: """
        Each model is saved as an experiment folder under --out (bias/, bias-uv/, bias-uv-genre/) \
        and the table is saved as comparison.csv (model,k,epochs,loss,train_rmse,test_rmse,seconds_per_epoch) \
        with a bar chart of test RMSE, comparison.png.

        Example:
          cinematrix compare outputs/data.cmx -k 32 --out outputs/compare
        """)

    @Argument(help: "Prepared dataset file (from `cinematrix prepare`).")
    var dataset: String

    @OptionGroup var options: TrainingOptions

    @Option(help: "Folder for the three experiments and comparison.csv.")
    var out: String = "outputs/compare"

    func validate() throws {
        for kind in ModelKind.allCases { try options.check(kind) }
    }

    func run() throws {
        let (data, checksum) = try loadDataset(dataset)
        let comparison = try ModelComparison.run(data, checksum: checksum, datasetPath: dataset, settings: options.settings,
                                                 threads: options.threadCount, out: out) { kind, report in
            if report.epoch == 1 { Terminal.error("training \(kind.rawValue)…") }
        }
        var table = TextTable(header: comparison.table.header, numeric: [1, 2, 3, 4, 5])
        comparison.table.rows.forEach { table.add($0) }
        print(table.rendered)
        print("saved \(out)/comparison.csv and comparison.png; best: \(comparison.entries[comparison.best].kind.rawValue)")
    }
}
