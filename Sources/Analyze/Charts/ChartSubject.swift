import Foundation
import Model

/// What a chart is about, for its title or subtitle: the model and the data it learned from,
/// e.g. "bias-uv-genre, K = 32, Gibbs · ml-latest-small, 610 users × 9,742 movies".
public enum ChartSubject {
    /// "bias-uv-genre, K = 32, Gibbs" (no K for the bias-only model).
    public static func model(_ h: Hyperparameters) -> String {
        h.kind.rawValue + (h.kind.hasVectors ? ", K = \(h.rank)" : "") + (h.inference == .gibbs ? ", Gibbs" : ", MAP")
    }

    /// A short name of the data from a dataset's source line (`Dataset.source`): the ratings
    /// folder's name ("ml-latest-small" from "csv layout in ../data/ml-latest-small; split …"),
    /// "synthetic (seed 7)" for generated data, else the line's first clause; nil for nil or
    /// an empty line.
    public static func dataName(source: String?) -> String? {
        guard let source else { return nil }
        let head = source.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !head.isEmpty else { return nil }
        if let range = head.range(of: " layout in ") {
            let folder = String(head[range.upperBound...])
            let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
            return name.isEmpty || name == "/" ? folder : name
        }
        return head
    }

    /// The model and the data: "bias-uv-genre, K = 32, Gibbs · ml-latest-small, 610 users ×
    /// 9,742 movies" (the size alone when the data has no name).
    public static func line(_ h: Hyperparameters, dataSource: String?, users: Int, movies: Int) -> String {
        let size = "\(grouped(users)) users × \(grouped(movies)) movies"
        return model(h) + " · " + (dataName(source: dataSource).map { "\($0), \(size)" } ?? size)
    }

    /// The subject of the model `m` read from `modelPath`: its settings and data from the
    /// experiment's `config.json` beside it when there is one, else from the model file alone.
    public static func of(model m: FactorModel, modelPath: String) -> String {
        let config = ExperimentConfigFile.read(besideModel: modelPath)
        return line(config?.hyperparameters ?? m.hyperparameters, dataSource: config?.datasetSource,
                    users: m.trainingUserCount, movies: m.movieCount)
    }

    /// `n` with thousands separated by commas.
    public static func grouped(_ n: Int) -> String {
        var out = ""
        for (i, ch) in String(n).reversed().enumerated() {
            if i > 0 && i % 3 == 0 && ch != "-" { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }
}

/// The `config.json` of an experiment folder, read leniently for captions and titles.
enum ExperimentConfigFile {
    /// The configuration beside the model at `modelPath` (a folder or its `model.cmxm`), or nil
    /// when there is none or it cannot be read (titles then fall back to the model file).
    static func read(besideModel modelPath: String) -> ExperimentConfig? {
        let folder = (ModelFile.resolve(modelPath) as NSString).deletingLastPathComponent
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("config.json")) else { return nil }
        return try? JSONDecoder().decode(ExperimentConfig.self, from: data)
    }
}
