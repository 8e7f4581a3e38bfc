import Core
import Foundation

/// Writes whole files so that readers never see half of one (see `OutputFile`: an unnamed
/// file named only once complete, so a killed process leaves nothing behind). An existing
/// file at the destination stays untouched when anything fails.
public enum AtomicFile {
    /// Writes `data` to `path` atomically. Throws `ContainerError.io` naming the path, or
    /// `OutputError.busy` when another run is writing it.
    public static func write(_ data: Data, to path: String) throws {
        try ContainerError.mappingOutputErrors {
            try OutputFile.write(to: path) { fd in
                let code = data.withUnsafeBytes { OutputFile.writeAll(fd, $0) }
                if code != 0 { throw OutputError.system(path: path, operation: "write", errno: code) }
            }
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
