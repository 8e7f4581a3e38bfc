import Foundation

/// Writes whole files so that the destination either keeps its old content or gets the new
/// content complete: bytes go to a temporary file in the same folder, which is then renamed.
enum AtomicFile {
    /// Writes `data` to `path`; on failure no file is left at `path` (nor a temporary file).
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RenderError.unwritable(path: path, reason: "folder \(folder) does not exist")
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw RenderError.unwritable(path: path, reason: "cannot create a file in \(folder) (\(String(cString: strerror(errno))))")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RenderError.unwritable(path: path, reason: reason)
        }
    }
}
