#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a binary container (dataset or model file) could not be read. (Writing one fails with
/// an `OutputError`, as every output does.)
public enum ContainerError: Error, CustomStringConvertible, Equatable {
    /// The operating system refused an operation on `path`.
    case io(path: String, operation: String, errno: Int32)
    /// The file is not a Cinematrix file of the expected kind, or is from another format version.
    case wrongKind(path: String, found: String, expected: String)
    /// The file is shorter than its header says, or its checksum does not match.
    case corrupted(path: String, detail: String)
    /// A section the reader needs is absent, has the wrong size, or breaks an invariant.
    case missingSection(path: String, name: String)
    /// The path names a directory, FIFO, device or socket, not a file.
    case notRegularFile(path: String, kind: String)

    public var description: String {
        switch self {
        case let .io(path, operation, code):
            return "\(path): cannot \(operation): \(String(cString: strerror(code)))"
        case let .wrongKind(path, found, expected):
            if found.hasPrefix("a Cinematrix ") { return "\(path): this is \(found), expected \(expected). Give the path of \(expected)." }
            return "\(path): this is \(found), expected \(expected). Re-create it with \(Self.remedy(path))."
        case let .corrupted(path, detail):
            return "\(path): damaged or not a Cinematrix file (\(detail)); re-create it with \(Self.remedy(path))."
        case let .missingSection(path, name):
            return "\(path): damaged or not a Cinematrix file (section '\(name)' is missing or malformed); re-create it with \(Self.remedy(path))."
        case let .notRegularFile(path, kind):
            return "\(path): this is \(kind), not a file. Give the path of a file."
        }
    }

    /// The command that re-creates the file at `path`, judged by its name: `cinematrix train`
    /// for a model (`.cmxm`), `cinematrix prepare` for a dataset (`.cmx`).
    static func remedy(_ path: String) -> String {
        if path.hasSuffix(".cmxm") { return "`cinematrix train` (this version)" }
        if path.hasSuffix(".cmx") { return "`cinematrix prepare` (this version)" }
        return "this version of cinematrix (`prepare` for a dataset, `train` for a model)"
    }
}
