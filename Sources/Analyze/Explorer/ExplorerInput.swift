import Foundation
import Model

/// What `cinematrix explore` was pointed at, resolved to model files: a model file, an
/// experiment folder (holding `model.cmxm`), or a comparison folder from `cinematrix compare`
/// (holding `comparison.json` and one `<kind>-<inference>/model.cmxm` per model, explored in
/// the order of the comparison's table).
public struct ExplorerInput: Sendable, Equatable {
    /// One model to show: its name for the switch and its file.
    public struct Model: Sendable, Equatable {
        public var name: String
        public var path: String
        /// The folder name that tells it apart inside a comparison ("bias-uv-genre-map"), empty
        /// for a lone model.
        public var folder: String
    }

    public var models: [Model]
    /// The folder's (or file's) name, for the page's title.
    public var name: String
    /// Where the page goes when no `--out` is given: `<folder>/explore`.
    public var defaultOut: String

    /// Resolves `path`. Throws when it names nothing, or a folder with neither a model nor a
    /// comparison in it.
    public static func resolve(_ path: String) throws -> ExplorerInput {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AnalysisError(file: path, problem: "no such file or folder; give a model file, an experiment folder or a comparison folder")
        }
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        let name = ((trimmed as NSString).lastPathComponent as NSString).deletingPathExtension
        guard isDirectory.boolValue else {
            let folder = (trimmed as NSString).deletingLastPathComponent
            return ExplorerInput(models: [Model(name: name, path: trimmed, folder: "")], name: name,
                                 defaultOut: (folder.isEmpty ? "." : folder) + "/explore")
        }
        let modelPath = ModelFile.resolve(trimmed)
        if FileManager.default.fileExists(atPath: modelPath) {
            return ExplorerInput(models: [Model(name: name, path: modelPath, folder: "")], name: name, defaultOut: trimmed + "/explore")
        }
        guard let record = try ComparisonRecord.read(folder: trimmed) else {
            throw AnalysisError(file: trimmed, problem: "holds neither \(ModelFile.fileName) nor \(ComparisonRecord.fileName); "
                                + "give a model file, an experiment folder (from train) or a comparison folder (from compare)")
        }
        let models = record.rows.compactMap { row -> Model? in
            let folder = "\(row.model)-\(row.inference)"
            let file = "\(trimmed)/\(folder)/\(ModelFile.fileName)"
            return FileManager.default.fileExists(atPath: file) ? Model(name: row.name, path: file, folder: folder) : nil
        }
        guard !models.isEmpty else {
            throw AnalysisError(file: trimmed, problem: "none of the comparison's models is there any more (no <kind>-<inference>/\(ModelFile.fileName))")
        }
        return ExplorerInput(models: models, name: name, defaultOut: trimmed + "/explore")
    }
}
