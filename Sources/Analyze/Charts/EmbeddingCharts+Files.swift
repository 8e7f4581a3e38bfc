import Foundation
import Model
import Render

extension EmbeddingCharts {
    /// Writes one PNG per genre (`<Genre>.png`, the name reduced to letters, digits and
    /// hyphens) and `grid.png` into `folder`, creating it; returns the paths, the grid last.
    public static func writeGenreMaps(_ map: EmbeddingMap, model m: FactorModel, subject: String? = nil, into folder: String) throws -> [String] {
        try OutputFolderCreation.create(folder)
        var paths: [String] = []
        for (genre, chart) in try genreMaps(map, model: m, subject: subject) {
            let name = genre.prefix { $0 != "(" }.trimmingCharacters(in: .whitespaces)
                .replacingOccurrences(of: "[^A-Za-z0-9-]+", with: "-", options: .regularExpression)
            let path = "\(folder)/\(name).png"
            try chart.write(to: path)
            paths.append(path)
        }
        try genreGrid(map, model: m, subject: subject).write(to: folder + "/grid.png")
        return paths + [folder + "/grid.png"]
    }
}

/// Creates output folders for the analyses, turning a failure into an `AnalysisError` that
/// names the folder.
enum OutputFolderCreation {
    static func create(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw AnalysisError(file: folder, problem: "cannot create the output folder (\(error.localizedDescription))")
        }
    }
}
