#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening input files that must be regular files. A FIFO would block the reader until some
/// other process writes to it, a device may never end, and a directory has no bytes: all are
/// refused before anything is read.
public enum RegularFile {
    /// Why `open` failed.
    public enum Failure: Error {
        /// The operating system refused `operation` with `errno`.
        case system(operation: String, errno: Int32)
        /// The path names something else; `kind` says what ("a directory", "a named pipe (FIFO)", …).
        case notRegular(kind: String)
    }

    /// Opens `path` read-only without blocking on a FIFO, and returns the descriptor and the
    /// file's size in bytes, or why not (nothing is left open then).
    public static func open(_ path: String) -> Result<(fd: Int32, size: Int), Failure> {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { return .failure(.system(operation: "open", errno: errno)) }
        var info = stat()
        if fstat(fd, &info) != 0 {
            let code = errno
            close(fd)
            return .failure(.system(operation: "stat", errno: code))
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            return .failure(.notRegular(kind: describe(type)))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return .success((fd, Int(info.st_size)))
    }

    /// What a non-regular file type is, for messages.
    static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }
}
