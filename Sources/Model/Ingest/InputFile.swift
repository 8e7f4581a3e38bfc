import Core
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
        switch RegularFile.open(path) {
        case let .success(opened): (fd, size) = opened
        case let .failure(.system(_, code)) where code == ENOENT: throw IngestError.missingFile(path: path, expected: expected)
        case let .failure(.system(operation, code)): throw IngestError.io(path: path, operation: operation, errno: code)
        case let .failure(.notRegular(kind)): throw IngestError.notRegularFile(path: path, kind: kind)
        }
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
        // Line ends are LF, CRLF or a lone CR (a CR counts when the next byte is not an LF).
        var newlines = 0
        var lineStart = 0
        var position = 0
        var previous: UInt8 = 0
        while position < offset {
            let block = try read(offset: position, count: min(1 << 20, offset - position))
            if block.isEmpty { break }
            for (k, b) in block.enumerated() {
                if b == 10 {
                    newlines += 1
                    lineStart = position + k + 1
                } else if previous == 13 {  // a lone CR ended the line before this byte
                    newlines += 1
                    lineStart = position + k
                }
                previous = b
            }
            position += block.count
        }
        if previous == 13 { newlines += 1; lineStart = position }
        var text = try read(offset: lineStart, count: 400)
        if let nl = text.firstIndex(where: { $0 == 10 || $0 == 13 }) { text = Array(text[..<nl]) }
        var s = String(decoding: text, as: UTF8.self)
        if s.count > 200 { s = String(s.prefix(200)) + "…" }
        return (newlines + 1, s)
    }
}
