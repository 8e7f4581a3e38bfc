import AtomicOutput
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
                let code = data.withUnsafeBytes { writeFully(fd, $0) }
                if code != 0 { throw OutputError.system(path: path, operation: "write", errno: code) }
            }
        }
    }

    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}

extension ContainerError {
    /// Runs `body`, turning an `OutputError.system` into `ContainerError.io` (the other output
    /// errors — busy, not a folder — pass through with their own messages).
    static func mappingOutputErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let OutputError.system(path, operation, code) {
            throw ContainerError.io(path: path, operation: operation, errno: code)
        }
    }
}
