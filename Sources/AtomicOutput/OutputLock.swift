#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The advisory lock (`flock`) of one output path, so that two runs writing the same output
/// do not both succeed with a mix of their results: the second is refused at once with
/// `OutputError.busy` ("another run is writing OUT (pid N)").
///
/// The lock is held on a small file named after the output's absolute path in a private folder
/// of the temporary directory (`$TMPDIR/cinematrix-locks-<uid>/`, not beside the output, so a
/// killed run leaves nothing there). The file holds the holder's pid and is removed on
/// release; one left by a killed process holds no lock (the kernel drops it) and is reused. Taking the lock of a path this process already holds nests (released with the
/// outermost), so a command may lock its output for the whole run and the writers it calls
/// lock it again. Taking the lock (the outermost hold) also removes the stale partials of
/// killed writers in the output's folder (`StalePartials`), so a command that locks its output
/// at start cleans up before it begins.
public final class OutputLock: @unchecked Sendable {
    /// The output path locked.
    public let path: String
    private var fd: Int32 = -1
    private let lockPath: String

    private nonisolated(unsafe) static var held: [String: Int] = [:]
    private nonisolated(unsafe) static var mutex = pthread_mutex_t()
    private static let mutexReady: Bool = { pthread_mutex_init(&mutex, nil); return true }()

    /// Takes the lock of `path` without waiting, then cleans stale partials beside it; throws
    /// `OutputError.busy` naming the holder when another process has it.
    public init(for path: String) throws {
        self.path = path
        lockPath = Self.lockFile(for: path)
        _ = Self.mutexReady
        pthread_mutex_lock(&Self.mutex)
        defer { pthread_mutex_unlock(&Self.mutex) }
        if let n = Self.held[lockPath] { Self.held[lockPath] = n + 1; return }
        fd = try Self.acquire(lockPath, output: path)
        Self.held[lockPath] = 1
        StalePartials.clean(beside: path)
    }

    deinit { release() }

    /// Releases this hold; the lock itself goes with the outermost one. Idempotent.
    public func release() {
        pthread_mutex_lock(&Self.mutex)
        defer { pthread_mutex_unlock(&Self.mutex) }
        guard let n = Self.held[lockPath], n > 0, !released else { return }
        released = true
        if n > 1 { Self.held[lockPath] = n - 1; return }
        Self.held[lockPath] = nil
        unlink(lockPath)  // while still holding it, so no one locks the file being removed
        close(fd)
        fd = -1
    }
    private var released = false

    /// Opens and locks `lockPath`, retrying when the file was replaced between open and lock.
    private static func acquire(_ lockPath: String, output: String) throws -> Int32 {
        while true {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if fd < 0 {
                let code = errno
                throw OutputError.system(path: output, operation: "lock", errno: code)
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let pid = readPID(fd)
                close(fd)
                if code == EWOULDBLOCK { throw OutputError.busy(path: output, pid: pid) }
                throw OutputError.system(path: output, operation: "lock", errno: code)
            }
            // The holder before us may have removed the file after we opened it: lock the file
            // that is at the path now.
            var mine = stat(), current = stat()
            if fstat(fd, &mine) == 0, stat(lockPath, &current) == 0, mine.st_ino == current.st_ino, mine.st_dev == current.st_dev {
                let text = Array("\(getpid())\n".utf8)
                _ = ftruncate(fd, 0)
                _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                return fd
            }
            close(fd)
        }
    }

    /// The lock file of output `path`: its absolute path (the folder resolved through
    /// symbolic links when it exists), hashed (FNV-1a, 64 bits), in the private lock folder.
    static func lockFile(for path: String) -> String {
        let (directory, name) = OutputPath.split(path)
        var absolute = directory
        if let resolved = realpath(directory, nil) {
            absolute = String(cString: resolved)
            free(resolved)
        } else if !directory.hasPrefix("/"), let cwd = getcwd(nil, 0) {
            absolute = String(cString: cwd) + "/" + directory
            free(cwd)
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (absolute + "/" + name).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let folder = "\(base)/cinematrix-locks-\(getuid())"
        mkdir(folder, 0o700)
        return folder + "/" + String(hash, radix: 16) + ".lock"
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: "\n "))
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
