import Foundation

/// Writes whole files so that readers never see half of one: the bytes go to a temporary file in
/// the same folder, which is then renamed over the destination. An existing file at the
/// destination stays untouched when anything fails.
public enum AtomicFile {
    /// Writes `data` to `path` atomically. Throws `ContainerError.io` naming the path.
    public static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw ContainerError.io(path: path, operation: "write", errno: errno == 0 ? EACCES : errno)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw ContainerError.io(path: path, operation: "replace", errno: code)
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
