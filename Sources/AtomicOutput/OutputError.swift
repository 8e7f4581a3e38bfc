#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file or folder could not be written. Whatever was at the path before is
/// left as it was.
public enum OutputError: Error, CustomStringConvertible, Equatable {
    /// The operating system refused `operation` on `path`.
    case system(path: String, operation: String, errno: Int32)
    /// Another process holds the output's lock (`OutputLock`); `pid` when it could be read.
    case busy(path: String, pid: Int32?)
    /// A folder was to be written where a file (or something else) is.
    case notAFolder(path: String)
    /// A file was to be written where a folder is.
    case isAFolder(path: String)

    public var description: String {
        switch self {
        case let .system(path, operation, code):
            return "\(path): cannot \(operation): \(String(cString: strerror(code)))"
        case let .busy(path, pid):
            return "another run is writing \(path)\(pid.map { " (pid \($0))" } ?? ""). Wait for it to finish, or write elsewhere."
        case let .notAFolder(path):
            return "\(path) exists and is not a folder. Remove it, or choose another output folder."
        case let .isAFolder(path):
            return "\(path) is a folder. Give the path of a file to write."
        }
    }
}
