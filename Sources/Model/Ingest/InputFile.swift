#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input file opened for reading in pieces: whole (small catalogue files) or as line-aligned
/// chunks mapped into memory one at a time (large ratings files), so peak memory does not grow
/// with the file's size.
final class InputFile: @unchecked Sendable {
    /// Path as given (used in messages).
    let path: String
    /// Size in bytes.
    let size: Int
    private let fd: Int32

    /// Opens `path`; `expected` says what the file should be, for the not-found message.
    init(path: String, expected: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        if fd < 0 {
            let code = errno
            if code == ENOENT { throw IngestError.missingFile(path: path, expected: expected) }
            throw IngestError.io(path: path, operation: "open", errno: code)
        }
        var info = stat()
        if fstat(fd, &info) != 0 {
            let code = errno
            close(fd)
            throw IngestError.io(path: path, operation: "stat", errno: code)
        }
        size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// Reads `count` bytes at `offset` (fewer at the end of the file).
    func read(offset: Int, count: Int) throws -> [UInt8] {
        let n = max(0, min(count, size - offset))
        var out = [UInt8](repeating: 0, count: n)
        var done = 0
        while done < n {
            let got = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, n - done, off_t(offset + done)) }
            if got < 0 {
                if errno == EINTR { continue }
                throw IngestError.io(path: path, operation: "read", errno: errno)
            }
            if got == 0 { break }
            done += got
        }
        return done == n ? out : Array(out.prefix(done))
    }

    /// The whole file.
    func readAll() throws -> [UInt8] { try read(offset: 0, count: size) }

    /// Splits the file into about `parts` byte ranges that start at line starts. Cost: one small
    /// read per boundary.
    func lineAlignedChunks(parts: Int) throws -> [Range<Int>] {
        guard size > 0 else { return [] }
        var starts = [0]
        for i in 1..<max(1, parts) {
            var p = max(starts.last!, size * i / parts)
            // Advance to the byte after the next newline at or after p - 1.
            var found = false
            while p < size && !found {
                let window = try read(offset: p - 1, count: 1 << 16)
                if window.isEmpty { break }
                if let k = window.firstIndex(of: UInt8(ascii: "\n")) { p = p - 1 + k + 1; found = true } else { p += window.count }
            }
            if !found || p >= size { break }
            if p > starts.last! { starts.append(p) }
        }
        return starts.indices.map { k in starts[k]..<(k + 1 < starts.count ? starts[k + 1] : size) }
    }

    /// Maps `range` read-only and calls `body` with its bytes; unmaps afterwards.
    func withMappedBytes<R>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        if range.isEmpty { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let aligned = range.lowerBound / page * page
        let length = range.upperBound - aligned
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, off_t(aligned)), base != MAP_FAILED else {
            throw IngestError.io(path: path, operation: "map", errno: errno)
        }
        _ = madvise(base, length, MADV_WILLNEED)  // read ahead when the file is not cached (the advice values are not flags)
        defer { munmap(base, length) }
        return try body(UnsafeRawBufferPointer(start: base + (range.lowerBound - aligned), count: range.count))
    }

    /// The 1-based line number of the line containing byte `offset`, and that line's text
    /// (decoded leniently, at most 200 characters). Used only to describe errors.
    func lineInfo(at offset: Int) throws -> (line: Int, text: String) {
        var newlines = 0
        var lineStart = 0
        var position = 0
        while position < offset {
            let block = try read(offset: position, count: min(1 << 20, offset - position))
            if block.isEmpty { break }
            for (k, b) in block.enumerated() where b == UInt8(ascii: "\n") {
                newlines += 1
                lineStart = position + k + 1
            }
            position += block.count
        }
        var text = try read(offset: lineStart, count: 400)
        if let nl = text.firstIndex(of: UInt8(ascii: "\n")) { text = Array(text[..<nl]) }
        if text.last == UInt8(ascii: "\r") { text.removeLast() }
        var s = String(decoding: text, as: UTF8.self)
        if s.count > 200 { s = String(s.prefix(200)) + "…" }
        return (newlines + 1, s)
    }
}
