import Foundation
import Model
import Render

extension ExperimentRun {
    /// Draws `loss.png` and `rmse.png` of the experiment folder `folder` afresh from its
    /// `metrics.csv`, with titles naming the model and data when the model is beside it.
    /// Returns the paths and the number of non-finite points skipped.
    public static func redrawCurves(folder: String, style: ChartStyle) throws -> (paths: [String], skipped: Int) {
        let metricsPath = (folder as NSString).appendingPathComponent("metrics.csv")
        guard FileManager.default.fileExists(atPath: metricsPath) else {
            throw AnalysisError(file: metricsPath, problem: "not found; point at a folder written by training, or chart a CSV file")
        }
        var metrics = try ExperimentCharts.Metrics(csv: metricsPath)
        if let m = try? ModelFile.read(path: folder, users: .none) {
            metrics.subject = ChartSubject.of(model: m, modelPath: folder)
        }
        return try ExperimentCharts.render(metrics: metrics, into: folder, style: style)
    }
}
