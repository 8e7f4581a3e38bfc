import Foundation

/// The charts of a training run: `loss.png` (objective per epoch) and `rmse.png` (train and
/// test RMSE per epoch with the best test epoch marked), from arrays or from `metrics.csv`
/// with columns `epoch,loss,train_rmse,test_rmse,seconds`.
public enum ExperimentCharts {
    /// Per-epoch figures of one run; all arrays have one entry per epoch. NaN entries (for
    /// example a test RMSE when there is no test split) are left out of the charts.
    public struct Metrics: Sendable {
        public var epoch: [Double]
        public var loss: [Double]
        public var trainRMSE: [Double]
        public var testRMSE: [Double]
        /// For a Gibbs run, the noise precision α of each sweep (empty for ALS).
        public var alpha: [Double]
        /// For a Gibbs run, the number of burn-in sweeps (0 for ALS).
        public var burnIn: Int
        /// A short name of the model and data for chart titles, e.g. "bias-uv-genre, K = 32".
        public var subject: String?

        public init(epoch: [Double], loss: [Double], trainRMSE: [Double], testRMSE: [Double],
                    alpha: [Double] = [], burnIn: Int = 0, subject: String? = nil) {
            self.epoch = epoch
            self.loss = loss
            self.trainRMSE = trainRMSE
            self.testRMSE = testRMSE
            self.alpha = alpha
            self.burnIn = burnIn
            self.subject = subject
        }

        /// Whether these are the sweeps of a Gibbs sampler.
        var isGibbs: Bool { !alpha.isEmpty }

        /// Reads `metrics.csv` (columns epoch, loss, train_rmse, test_rmse; others ignored).
        public init(csv path: String) throws {
            let table = try NumericTable(contentsOf: path)
            guard table.rowCount > 0 else {
                throw RenderError.csv(file: path, line: 2, reason: "no epochs recorded yet; train for at least one epoch")
            }
            if table.has("sweep") {
                let phase = try table.column("burn_in")
                self.init(epoch: try table.column("sweep"), loss: [], trainRMSE: try table.column("train_rmse"),
                          testRMSE: try table.column("test_rmse"), alpha: try table.column("alpha"),
                          burnIn: phase.filter { $0 != 0 }.count)
            } else {
                self.init(epoch: try table.column("epoch"), loss: try table.column("loss"),
                          trainRMSE: try table.column("train_rmse"), testRMSE: try table.column("test_rmse"))
            }
        }
    }

    /// The burn-in band of a Gibbs run (sweeps 0.5 … burn-in + 0.5), or nil.
    static func burnInBand(_ m: Metrics) -> ShadedBand? {
        m.isGibbs && m.burnIn > 0 ? ShadedBand(lower: 0.5, upper: Double(m.burnIn) + 0.5, label: "burn-in (discarded)") : nil
    }

    /// The subject as the title's second line (a subtitle), or "".
    static func suffix(_ m: Metrics) -> String { m.subject.map { "\n\($0)" } ?? "" }

    /// Loss per epoch; a log y axis when the loss falls by more than a factor of 30. For a Gibbs
    /// run, the noise precision α per sweep instead, with the burn-in shaded.
    public static func lossChart(_ m: Metrics) -> LineChart {
        if m.isGibbs {
            return LineChart(title: "Noise precision α per sweep" + suffix(m), xLabel: "sweep", yLabel: "α (1/stars²)",
                             series: [LineSeries(name: "α", x: m.epoch, y: m.alpha)], integerX: true, band: burnInBand(m))
        }
        let finite = m.loss.filter { $0.isFinite }
        let logY = (finite.min() ?? 0) > 0 && (finite.max() ?? 0) / (finite.min() ?? 1) > 30
        return LineChart(title: "Training loss per epoch" + suffix(m), xLabel: "epoch", yLabel: logY ? "loss (log scale)" : "loss",
                         series: [LineSeries(name: "training loss", x: m.epoch, y: m.loss)], yScale: logY ? .log : .linear,
                         integerX: true)
    }

    /// Train and test RMSE per epoch with the lowest test RMSE marked (train only when no
    /// epoch has a test RMSE).
    public static func rmseChart(_ m: Metrics) -> LineChart {
        let unit = m.isGibbs ? "sweep" : "epoch"
        var series = [LineSeries(name: m.isGibbs ? "train RMSE (each sample)" : "train RMSE", x: m.epoch, y: m.trainRMSE)]
        var best: BestPointMarker?
        if m.testRMSE.contains(where: { $0.isFinite }) {
            series.append(LineSeries(name: m.isGibbs ? "test RMSE (posterior mean after burn-in)" : "test RMSE", x: m.epoch, y: m.testRMSE))
            best = BestPointMarker(series: 1, goal: .minimum, label: "best \(unit)")
        }
        return LineChart(title: "RMSE per \(unit)" + suffix(m), xLabel: unit, yLabel: "RMSE", series: series, best: best,
                         integerX: true, band: burnInBand(m))
    }

    /// Draws both charts and writes `loss.png` and `rmse.png` into `directory` (each written
    /// atomically). Returns the paths written and the number of points skipped as non-finite.
    @discardableResult
    public static func render(metrics: Metrics, into directory: String, style: ChartStyle = ChartStyle()) throws -> (paths: [String], skipped: Int) {
        var paths: [String] = [], skipped = 0
        for (name, chart) in [("loss.png", lossChart(metrics)), ("rmse.png", rmseChart(metrics))] {
            let rendered = try chart.render(style: style)
            let path = (directory as NSString).appendingPathComponent(name)
            try rendered.write(to: path)
            paths.append(path)
            skipped += rendered.skippedPoints
        }
        return (paths, skipped)
    }

    /// Reads `metricsCSV` and writes `loss.png` and `rmse.png` into `directory`.
    @discardableResult
    public static func render(metricsCSV: String, into directory: String, style: ChartStyle = ChartStyle()) throws -> (paths: [String], skipped: Int) {
        try render(metrics: Metrics(csv: metricsCSV), into: directory, style: style)
    }
}
