import Core
import Foundation
import Model

/// The whole journey of `cinematrix demo` on one dataset: synthesise it (or take a MovieLens
/// folder), prepare it, train the three models by MAP and by Gibbs sampling and compare them,
/// analyse the best, and write one report page. Each step is a library call of its own; this
/// only strings them together and says what it is doing through `events`.
public enum DemoJourney {
    /// The demo's settings.
    public struct Settings: Sendable {
        /// A MovieLens folder, or nil for synthetic data written into `OUT/data`.
        public var data: String?
        public var out: String
        public var seed: UInt64
        public var epochs: Int
        public var burnIn: Int
        /// Gibbs samples; nil for the default of the dataset's size.
        public var samples: Int?
        public var threads: Int
        public init(data: String?, out: String, seed: UInt64, epochs: Int, burnIn: Int, samples: Int?, threads: Int) {
            self.data = data
            self.out = out
            self.seed = seed
            self.epochs = epochs
            self.burnIn = burnIn
            self.samples = samples
            self.threads = threads
        }
    }

    /// What the journey tells its caller as it goes.
    public enum Event {
        /// A numbered step starts, or a line of detail within it.
        case step(String)
        case detail(String)
        /// Preparation progress (stage, fraction done).
        case preparing(String, Double)
        /// An epoch or sweep of one model of the comparison finished.
        case trained(model: String, report: EpochReport, last: Int)
    }

    /// What the journey made.
    public struct Outcome: Sendable {
        public var summary: DatasetSummary
        public var report: ReadReport
        public var comparison: ComparisonRecord
        public var best: String
        public var bestFolder: String
        public var clusterAgreement: String
        public var page: String
    }

    /// The smallest `Data/ml-*` folder under `root` (by the size of its ratings file), as left
    /// by `cinematrix download`, or nil when there is none.
    public static func downloadedRelease(in root: String = "Data") -> String? {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: root) else { return nil }
        let sized = names.filter { $0.hasPrefix("ml-") }.compactMap { name -> (String, Int)? in
            for file in ["ratings.csv", "ratings.dat", "u.data"] {
                if let size = (try? fm.attributesOfItem(atPath: "\(root)/\(name)/\(file)"))?[.size] as? NSNumber {
                    return ("\(root)/\(name)", size.intValue)
                }
            }
            return nil
        }
        return sized.min { $0.1 < $1.1 }?.0
    }

    /// Runs the journey with `settings`, writing everything under `settings.out`.
    public static func run(_ settings: Settings, events: @escaping (Event) -> Void) throws -> Outcome {
        let out = settings.out
        var folder = settings.data ?? out + "/data"
        if settings.data == nil {
            var config = SynthConfig.small
            config.seed = settings.seed
            let written = try SyntheticCSVWriter.write(SyntheticRatings(config: config), to: folder)
            events(.step("[1/4] synthesised \(written.ratings) ratings into \(folder) (planted noise \(config.noise), "
                         + "planted-model RMSE \(String(format: "%.3f", written.plantedRMSE)))"))
        } else {
            events(.step("[1/4] using \(folder)"))
        }
        folder = URL(fileURLWithPath: folder).path
        let datasetPath = out + "/dataset.cmx"
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: 0.2, seed: settings.seed))
        let (dataset, readReport) = try DatasetPreparation.prepareKeepingDataset(directory: folder, options: options, to: datasetPath) {
            events(.preparing($0, $1))
        }
        let summary = DatasetSummary(dataset)
        events(.detail("prepared \(datasetPath)"))
        events(.detail(summary.text))
        let checksum = try DatasetFile.read(path: datasetPath).checksum

        let samples = settings.samples ?? Hyperparameters.defaultSamples(trainingRatings: dataset.trainByUser.count)
        let sweeps = settings.burnIn + samples
        events(.step("\n[2/4] training the three models by MAP (\(settings.epochs) epochs each) and by Gibbs sampling (\(sweeps) sweeps each)"))
        let floor = RankingFilter.defaultMinRatings(userCount: dataset.userCount)
        let overrides = HyperparameterOverrides(epochs: settings.epochs, seed: settings.seed, burnIn: settings.burnIn, samples: samples)
        let comparison = try ModelComparison.run(dataset, checksum: checksum, datasetPath: datasetPath,
                                                 settings: { overrides.applied(to: Hyperparameters.defaults(for: $0)) },
                                                 inferences: [.map, .gibbs], rule: .standard, minRatings: floor,
                                                 threads: settings.threads, out: out + "/models") { name, r in
            events(.trained(model: name, report: r, last: r.alpha.isFinite ? sweeps : settings.epochs))
        }
        let best = comparison.entries[comparison.best]

        events(.step("\n[3/4] analysing \(best.name): maps, neighbours, clusters, recommendations"))
        let subject = ChartSubject.line(best.settings, dataSource: dataset.source, users: dataset.userCount, movies: dataset.movieCount)
        let analysis = try ModelAnalysis.run(model: best.run.model, folder: out + "/analysis", minRatings: floor, clusters: 12,
                                             seed: settings.seed, threads: settings.threads, subject: subject) { events(.detail("  \($0)")) }

        events(.step("\n[4/4] writing the report"))
        let gibbs = best.settings.inference == .gibbs
        let curves = try ExperimentRun.curves(best.run.history, subject: subject).map {
            (png: try $0.chart.pngData(), caption: ExperimentRun.caption(of: $0.name, gibbs: gibbs))
        }
        let html = try ReportBuilder.html(.init(
            title: "Cinematrix demo", model: best.run.model, summary: summary,
            config: ExperimentRun.config(best.run, settings: best.settings, threads: settings.threads, datasetPath: datasetPath, checksum: checksum,
                                         source: dataset.source),
            curves: curves, comparison: comparison.record, comparisonChart: try comparison.record.chart().pngData(), analysis: analysis,
            date: ExperimentReport.today))
        let page = out + "/report.html"
        try OutputFile.write(html, to: page)
        return Outcome(summary: summary, report: readReport, comparison: comparison.record, best: best.name, bestFolder: best.folder,
                       clusterAgreement: analysis.clusterAgreement, page: page)
    }
}
