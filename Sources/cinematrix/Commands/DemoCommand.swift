import Analyze
import ArgumentParser
import Foundation
import Model

/// `cinematrix demo`: the main job on built-in synthetic data (or a MovieLens folder).
struct DemoCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole journey on built-in synthetic data (or --data): prepare, train three models, map, cluster, recommend, report.",
        discussion: CommandHelp.discussion("""
            Without --data the demo synthesises a MovieLens-like dataset (about ml-latest-small's size) from a \
            planted model, so it needs no download; with --data it uses a MovieLens folder (any layout `prepare` \
            reads), and when `cinematrix download` has left a Data/ml-* folder it uses the smallest one \
            (--synthetic ignores it). It then trains bias, bias-uv and bias-uv-genre by MAP and by Gibbs sampling, \
            draws their curves, compares them, maps the best model's movies and users with PCA and t-SNE, draws one \
            map per genre, lists neighbours of well-known titles, clusters the movies, recommends for a made-up \
            user, and writes OUT/report.html. A few minutes on 2 cores.
            """, examples: ["cinematrix demo", "cinematrix demo --data Data/ml-latest-small --out outputs/demo-ml"]))

    @Option(name: .long, help: ArgumentHelp("MovieLens folder to use instead of synthetic data. Default: the smallest Data/ml-* folder, if any.", valueName: "folder")) var data: String?
    @Flag(name: .long, help: "Use the built-in synthetic data even when Data/ml-* folders exist.") var synthetic = false
    @Option(name: .long, help: "Folder to write into.") var out: String = "outputs/demo"
    @Option(name: .long, help: "Seed for the synthetic data and the split.") var seed: UInt64 = 1
    @Option(name: .long, help: "ALS epochs per MAP model.") var epochs: Int = 15
    @Option(name: .customLong("burn-in"), help: "Gibbs burn-in sweeps per model.") var burnIn: Int = Hyperparameters.defaultBurnIn
    @Option(name: .long, help: ArgumentHelp("Gibbs samples per model. Default: \(Hyperparameters.defaultSamples), or 100 above 10 million training ratings.", valueName: "n")) var samples: Int?
    @Option(name: .long, help: ArgumentHelp("Threads, at most 4 per core. Default: all cores.", valueName: "n")) var threads: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard (samples ?? 1) >= 1, burnIn >= 0 else { throw ValidationError("--samples must be at least 1 and --burn-in at least 0") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func execute(_ console: Console) throws -> CommandResult {
        let started = Date()
        let threads = boundedThreads(self.threads ?? availableCores)
        let source = data ?? (synthetic ? nil : Self.downloadedRelease())
        if data == nil, let source { console.line("[1/4] using \(source) (found in Data/; --synthetic ignores it)") }
        let dataset = try Self.prepareDemoData(data: source, out: out, seed: seed, console: console)
        let summary = DatasetSummary(dataset)
        console.line(summary.text)
        let datasetPath = out + "/dataset.cmx"
        let checksum = try ContainerReader(path: datasetPath, kind: "DSET", versions: 1...UInt32.max).checksum

        let samples = self.samples ?? Hyperparameters.defaultSamples(trainingRatings: dataset.trainByUser.count)
        let sweeps = burnIn + samples
        console.line("\n[2/4] training the three models by MAP (\(epochs) epochs each) and by Gibbs sampling (\(sweeps) sweeps each)")
        let floor = RankingFilter.defaultMinRatings(userCount: dataset.userCount)
        let comparison = try ModelComparison.run(dataset, checksum: checksum, datasetPath: datasetPath, settings: { kind in
            HyperparameterOverrides(epochs: epochs, seed: seed, burnIn: burnIn, samples: samples).applied(to: Hyperparameters.defaults(for: kind))
        }, inferences: [.map, .gibbs], rule: .standard, minRatings: floor, threads: threads, out: out + "/models") { name, r in
            let last = r.alpha.isFinite ? sweeps : epochs
            if r.epoch == last || r.epoch == 1 {
                let label = name.padding(toLength: 20, withPad: " ", startingAt: 0)
                console.line("  " + label + String(format: " %@ %3d  train RMSE %.4f  test RMSE %.4f", r.alpha.isFinite ? "sweep" : "epoch", r.epoch, r.trainRMSE, r.testRMSE))
            }
        }
        let record = comparison.record
        console.line(TextTable(record.table, numeric: Set(1..<record.table.header.count)).rendered)
        let best = comparison.entries[comparison.best]

        console.line("\n[3/4] analysing \(best.name): maps, neighbours, clusters, recommendations")
        let subject = ChartSubject.line(best.settings, dataSource: dataset.source, users: dataset.userCount, movies: dataset.movieCount)
        let analysis = try ModelAnalysis.run(model: best.run.model, folder: out + "/analysis", minRatings: floor, clusters: 12,
                                             seed: seed, threads: threads, subject: subject) { console.line("  \($0)") }
        console.line("  " + analysis.clusterAgreement)

        console.line("\n[4/4] writing the report")
        let curves = try ExperimentRun.curves(best.run.history, subject: subject).map {
            (png: try $0.chart.pngData(), caption: ExperimentRun.caption(of: $0.name, gibbs: best.settings.inference == .gibbs))
        }
        let html = try ReportBuilder.html(.init(
            title: "Cinematrix demo", model: best.run.model, summary: summary,
            config: ExperimentRun.config(best.run, settings: best.settings, threads: threads, datasetPath: datasetPath, checksum: checksum,
                                         source: dataset.source),
            curves: curves, comparison: record, comparisonChart: try record.chart().pngData(), analysis: analysis, date: ExperimentReport.today))
        try AtomicFile.write(html, to: out + "/report.html")
        let text = String(format: "\nDone in %.0f s. Everything is in %@/:\n", Date().timeIntervalSince(started), out) + """
          report.html            the whole run on one page (open it in a browser)
          dataset.cmx            the prepared dataset (cinematrix info \(out)/dataset.cmx)
          models/<model>-<map|gibbs>/  model.cmxm, metrics.csv, config.json, loss.png, rmse.png
          models/comparison.csv  the six models side by side (and comparison.json, comparison.png, ranking-rules.csv)
          analysis/              movie and user maps (PCA, t-SNE), maps/<genre>.png, clusters,
                                 neighbour tables (similar-*.csv), recommendations.csv
        Next: cinematrix recommend \(best.folder) --rate "TITLE=5" --rate "TITLE=2" --explain
        """
        return CommandResult(json: .object([("folder", .string(out)), ("report", .string(out + "/report.html")),
                                            ("best", .string(best.name)), ("bestFolder", .string(best.folder))]
                                           + (try JSONValue(encoding: record)).members),
                             text: text)
    }

    /// Step 1 of the demo: the ratings folder (synthesised into `out/data` unless `data` is
    /// given), prepared into `out/dataset.cmx` with the default split. Returns the dataset.
    /// The smallest `Data/ml-*` folder (by the size of its ratings file), as left by
    /// `cinematrix download`, or nil when there is none.
    static func downloadedRelease() -> String? {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: "Data") else { return nil }
        let sized = names.filter { $0.hasPrefix("ml-") }.compactMap { name -> (String, Int)? in
            for file in ["ratings.csv", "ratings.dat", "u.data"] {
                if let size = (try? fm.attributesOfItem(atPath: "Data/\(name)/\(file)"))?[.size] as? NSNumber {
                    return ("Data/\(name)", size.intValue)
                }
            }
            return nil
        }
        return sized.min { $0.1 < $1.1 }?.0
    }

    static func prepareDemoData(data: String?, out: String, seed: UInt64, console: Console) throws -> Dataset {
        var folder = data ?? out + "/data"
        if data == nil {
            var config = SynthConfig.small
            config.seed = seed
            try createParentFolder(of: folder + "/x")
            let summary = try SyntheticCSVWriter.write(SyntheticRatings(config: config), to: folder)
            console.line("[1/4] synthesised \(summary.ratings) ratings into \(folder) (planted noise \(config.noise), planted-model RMSE \(String(format: "%.3f", summary.plantedRMSE)))")
        }
        folder = URL(fileURLWithPath: folder).path
        let path = out + "/dataset.cmx"
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: 0.2, seed: seed))
        var (dataset, _) = try PrepareCommand.prepare(folder, options: options, to: path, console: console)
        console.line("prepared \(path)")
        // Chart titles name the data by its source line: say that these ratings were made up.
        if data == nil { dataset.source = "synthetic (seed \(seed)); " + dataset.source }
        return dataset
    }
}
