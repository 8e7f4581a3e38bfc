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
        and the table is saved as comparison.csv (model,k,epochs,loss,train_rmse,test_rmse,seconds_per_epoch).

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
        var csv = "model,k,epochs,loss,train_rmse,test_rmse,seconds_per_epoch\n"
        var rows: [String] = []
        for kind in ModelKind.allCases {
            let settings = options.settings(kind)
            Terminal.error("training \(kind.rawValue)…")
            let run: TrainingRun
            do {
                run = try ALSTrainer.train(data, settings: settings, threads: options.threadCount)
            } catch let e as TrainingError {
                throw CommandFailure("\(kind.rawValue): \(e.description)")
            }
            let folder = (out as NSString).appendingPathComponent(kind.rawValue)
            let config = ExperimentConfig(hyperparameters: settings, threads: options.threadCount, dataset: dataset,
                                          datasetChecksum: checksum, toolVersion: Cinematrix.version, final: run.history.last)
            try ExperimentFolder.write(run, config: config, to: folder)
            writeCharts(run.history, to: folder)
            let last = run.history.last!
            let perEpoch = run.history.map(\.seconds).reduce(0, +) / Double(run.history.count)
            csv += "\(kind.rawValue),\(settings.rank),\(run.history.count),\(last.loss),\(last.trainRMSE),\(last.testRMSE),\(perEpoch)\n"
            rows.append(String(format: "%-14@ %4d  %10.4f  %9.4f  %8.3f", kind.rawValue as NSString, settings.rank,
                               last.trainRMSE, last.testRMSE, perEpoch))
        }
        try ExperimentFolder.writeText(csv, to: (out as NSString).appendingPathComponent("comparison.csv"))
        print("model             K  train RMSE  test RMSE  s/epoch")
        rows.forEach { print($0) }
        print("saved \(out)/comparison.csv")
    }
}
