import Core
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

    func execute(_ console: Console) throws -> CommandOutcome {
        let started = Date()
        let source = data ?? (synthetic ? nil : DemoJourney.downloadedRelease())
        if data == nil, let source { console.line("using \(source) (found in Data/; --synthetic ignores it)") }
        let bar = console.progress("prepare")
        let settings = DemoJourney.Settings(data: source, out: out, seed: seed, epochs: epochs, burnIn: burnIn, samples: samples,
                                            threads: boundedThreads(threads ?? availableCores))
        let outcome = try DemoJourney.run(settings) { event in
            switch event {
            case .step(let text), .detail(let text):
                bar.finish()
                console.line(text)
            case let .preparing(_, fraction):
                bar.update(fraction)
            case let .trained(name, r, last):
                if r.epoch == last || r.epoch == 1 {
                    let label = name.padding(toLength: 20, withPad: " ", startingAt: 0)
                    console.line("  " + label + String(format: " %@ %3d  train RMSE %.4f  test RMSE %.4f",
                                                       r.alpha.isFinite ? "sweep" : "epoch", r.epoch, r.trainRMSE, r.testRMSE))
                }
            }
        }
        if outcome.report.badLines.total > 0 { console.note("skipped \(outcome.report.badLines.total) bad line(s)") }
        let record = outcome.comparison
        let text = TextTable(record.table, numeric: Set(1..<record.table.header.count)).rendered + "\n" + outcome.clusterAgreement
            + String(format: "\n\nDone in %.0f s. Everything is in %@/:\n", Date().timeIntervalSince(started), out) + """
              report.html            the whole run on one page (open it in a browser)
              dataset.cmx            the prepared dataset (cinematrix info \(out)/dataset.cmx)
              models/<model>-<map|gibbs>/  model.cmxm, metrics.csv, config.json, loss.png, rmse.png
              models/comparison.csv  the six models side by side (and comparison.json, comparison.png, ranking-rules.csv)
              analysis/              movie and user maps (PCA, t-SNE), maps/<genre>.png, clusters,
                                     neighbour tables (similar-*.csv), recommendations.csv
            Next: cinematrix recommend \(outcome.bestFolder) --rate "TITLE=5" --rate "TITLE=2" --explain
            """
        return CommandOutcome(json: .object([("folder", .string(out)), ("report", .string(outcome.page)), ("best", .string(outcome.best)),
                                            ("bestFolder", .string(outcome.bestFolder))] + (try JSONValue(encoding: record)).members),
                             text: text)
    }
}
