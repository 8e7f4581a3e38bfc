import Foundation

/// A folder written by Spark (`df.write.json(path)`, `.csv(path)`): the rows sit in `part-*`
/// files, in name order; `_SUCCESS`, `_committed_*`/`_started_*` markers, hidden files and the
/// `.crc` checksums beside each part are not data and are skipped.
enum SparkPartFolder {
    /// Whether `path` names a folder.
    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Full paths of the data files in `folder`, sorted by name. Throws when the folder cannot
    /// be listed or holds no `part-*` file.
    static func parts(of folder: String) throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw FactorTableError(path: folder, line: 0, problem: "cannot list the folder")
        }
        let parts = names.filter { $0.hasPrefix("part-") && !$0.hasSuffix(".crc") }.sorted()
        guard !parts.isEmpty else {
            let found = names.isEmpty ? "it is empty" : "it holds " + names.sorted().prefix(5).joined(separator: ", ")
            throw FactorTableError(path: folder, line: 0, problem: "no part-* files, so no rows: \(found). "
                                   + "Give the folder Spark wrote with itemFactors.write.json(...), or a single file")
        }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return parts.map { base + "/" + $0 }
    }
}
