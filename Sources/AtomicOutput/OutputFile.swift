import CAtomicOutput
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file whole or not at all. The bytes go to an unnamed file in the destination's
/// folder (Linux `O_TMPFILE`, so a killed process leaves nothing behind), which is synced and
/// then named: linked straight to the path when it is new, else linked to a temporary name
/// and renamed over the old file in one step. Where unnamed files are unavailable the
/// temporary file is named `.<name>.partial-<pid>-<n>` from the start, and such files of
/// processes that no longer run are removed on the next write of any file in that folder
/// (`StalePartials`). Readers see the old file or the new one, never a mix.
public enum OutputFile {
    /// Writes the file at `path`: `body` writes its bytes to the descriptor it is given (and
    /// must not close it). Holds the output's lock (`OutputLock`) meanwhile. On any failure
    /// nothing is left at a temporary path and whatever was at `path` is untouched.
    public static func write(to path: String, _ body: (Int32) throws -> Void) throws {
        let lock = try OutputLock(for: path)
        defer { lock.release() }
        let (directory, name) = OutputPath.split(path)
        StalePartials.clean(beside: path)
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { throw OutputError.isAFolder(path: path) }
        var named: String? = nil
        var fd = cmx_open_anonymous(directory, 0o644)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR || code == EACCES || code == EROFS { throw OutputError.system(path: path, operation: "write", errno: code) }
            named = OutputPath.partial(directory: directory, name: name)
            fd = open(named!, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 { throw OutputError.system(path: path, operation: "write", errno: errno) }
        }
        defer { close(fd) }
        do {
            try body(fd)
            if fsync(fd) != 0 { throw OutputError.system(path: path, operation: "sync", errno: errno) }
            try giveName(fd, named: named, path: path, directory: directory, fileName: name)
        } catch {
            if let named { unlink(named) }
            throw error
        }
    }

    /// Gives the written file its name (see the type's description).
    private static func giveName(_ fd: Int32, named: String?, path: String, directory: String, fileName: String) throws {
        var temporary = named
        if temporary == nil {
            if cmx_link_anonymous(fd, path) == 0 { return }
            guard errno == EEXIST else { throw OutputError.system(path: path, operation: "name", errno: errno) }
            let candidate = OutputPath.partial(directory: directory, name: fileName)
            if cmx_link_anonymous(fd, candidate) != 0 { throw OutputError.system(path: path, operation: "name", errno: errno) }
            temporary = candidate
        }
        if rename(temporary!, path) != 0 {
            let code = errno
            unlink(temporary!)
            throw OutputError.system(path: path, operation: "replace", errno: code)
        }
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { fd in
            let code = bytes.withUnsafeBytes { writeAll(fd, $0) }
            if code != 0 { throw OutputError.system(path: path, operation: "write", errno: code) }
        }
    }

    /// Writes all of `raw` to `fd`, retrying short writes and EINTR; 0 or the errno.
    public static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32 {
        var done = 0
        while done < raw.count {
            let n = systemWrite(fd, raw.baseAddress! + done, raw.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return 0
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Names used beside an output.
enum OutputPath {
    /// The folder holding `path` ("." for a bare name) and the last component.
    static func split(_ path: String) -> (directory: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let directory = trimmed[..<slash]
        return (directory.isEmpty ? "/" : String(directory), String(trimmed[trimmed.index(after: slash)...]))
    }

    /// A fresh temporary name beside `name` in `directory`: `.<name>.partial-<pid>-<n>`.
    static func partial(directory: String, name: String) -> String {
        "\(directory)/.\(name).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}
