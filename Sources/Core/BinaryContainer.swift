import AtomicOutput
import Dispatch
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

/// Layout shared by `ContainerWriter` and `ContainerReader`.
///
/// A file is: a 64-byte header (magic `CINEMATX`, 4-character kind, format version, section
/// count, total length, checksum of the section table), a table of 40-byte section entries
/// (16-byte name, offset, byte count, checksum of the section's bytes), then each section's
/// bytes aligned to 64 bytes. Per-section checksums let a reader verify only what it uses, so
/// opening a large file to read a small part of it stays fast. A section of 4 MiB or more is
/// followed by a section `<name>#b` holding the checksums of its 1 MiB blocks (padding
/// included), and its own checksum in the table is the checksum of those block checksums: one
/// pass over the bytes either way, and reading a few rows verifies one or two blocks, not the
/// whole section.
enum ContainerLayout {
    static let magic: [UInt8] = Array("CINEMATX".utf8)
    static let headerSize = 64
    static let entrySize = 40
    static let alignment = 64
    static let blockSize = 1 << 20
    static let blockedThreshold = 4 << 20
    static func aligned(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
    /// Name of the block-checksum section of `name`.
    static func blockSumsName(_ name: String) -> String { name + "#b" }
}

/// Builds a sectioned binary file and writes it atomically (`OutputFile`), so an existing good
/// file at the destination is never replaced by a half-written one.
///
/// Sections hold raw little-endian arrays of plain values or lists of strings. Cost: one pass
/// over the bytes to write them and update the checksum.
public struct ContainerWriter {
    private var sections: [(name: String, count: Int, blocked: Bool, write: (inout FileSink) throws -> Void)] = []
    private let kind: String
    private let version: UInt32

    /// A writer for files of `kind` (exactly four ASCII characters) at format `version`.
    public init(kind: String, version: UInt32) {
        precondition(kind.utf8.count == 4, "container kind must be four ASCII characters")
        self.kind = kind
        self.version = version
    }

    /// Adds a section holding the bytes of `array`. `name` has at most 14 bytes, so that its
    /// block-checksum section `<name>#b` fits the table's 16-byte names.
    public mutating func add<T: BitwiseCopyable>(_ name: String, _ array: [T]) {
        add(name, byteCount: array.count * MemoryLayout<T>.stride) { sink in
            try array.withUnsafeBytes { try sink.write($0) }
        }
    }

    /// Adds a section of `byteCount` bytes that `produce` hands to the sink when the file is
    /// written, in as many pieces as it likes: for data derived on the fly (e.g. encoded a
    /// megabyte at a time) rather than held whole. `produce` must write exactly `byteCount` bytes.
    public mutating func add(_ name: String, byteCount bytes: Int, produce: @escaping (inout FileSink) throws -> Void) {
        precondition(name.utf8.count <= 14, "section name longer than 14 bytes")
        let blocked = bytes >= ContainerLayout.blockedThreshold
        sections.append((name, bytes, blocked, produce))
        if blocked {
            let blocks = (ContainerLayout.aligned(bytes) + ContainerLayout.blockSize - 1) / ContainerLayout.blockSize
            sections.append((ContainerLayout.blockSumsName(name), blocks * 8, false, { sink in
                let sums = sink.finishedBlockSums
                precondition(sums.count == blocks)
                try sums.withUnsafeBytes { try sink.write($0) }
            }))
        }
    }

    /// Writes the file to `path` atomically (`OutputFile`: an unnamed file, named once
    /// complete). On any failure nothing is left behind and whatever was at `path` before is
    /// left as it was; the error is an `OutputError` naming `path`.
    public func write(to path: String) throws {
        try OutputFile.write(to: path) { fd in
            var sink = FileSink(fd: fd, path: path)
            do {
                try writeBody(to: &sink)
                try sink.finish()
            } catch {
                sink.abandon()
                throw error
            }
        }
    }

    private func writeBody(to sink: inout FileSink) throws {
        let tableBytes = sections.count * ContainerLayout.entrySize
        var offset = ContainerLayout.aligned(ContainerLayout.headerSize + tableBytes)
        var offsets: [Int] = []
        for s in sections {
            offsets.append(offset)
            offset = ContainerLayout.aligned(offset + s.count)
        }
        let total = offset
        // Header and table are written as placeholders, then patched once checksums are known.
        try sink.write([UInt8](repeating: 0, count: ContainerLayout.aligned(ContainerLayout.headerSize + tableBytes)))
        var table: [UInt8] = []
        var position = ContainerLayout.aligned(ContainerLayout.headerSize + tableBytes)
        for (s, start) in zip(sections, offsets) {
            try sink.writeZeros(start - position)
            // Each checksum covers the section and its padding up to the next 64-byte boundary,
            // so every byte after the table is covered by some checksum.
            sink.checksum = Checksum64()
            sink.blockSums = s.blocked ? BlockChecksums() : nil
            try s.write(&sink)
            precondition(sink.written == start + s.count, "section \(s.name) wrote \(sink.written - start) bytes, not \(s.count)")
            try sink.writeZeros(ContainerLayout.aligned(start + s.count) - (start + s.count))
            var sum = sink.checksum.finalize()
            if let blocks = sink.blockSums {
                sink.finishedBlockSums = blocks.finish()
                sink.blockSums = nil
                sum = Checksum64.of(sink.finishedBlockSums)
            }
            var name = Array(s.name.utf8)
            name += [UInt8](repeating: 0, count: 16 - name.count)
            table += name + bytes(of: UInt64(start)) + bytes(of: UInt64(s.count)) + bytes(of: sum)
            position = ContainerLayout.aligned(start + s.count)
        }
        try sink.writeZeros(total - position)
        var tableSum = Checksum64()  // the table and its zero padding up to the first section
        let gap = ContainerLayout.aligned(ContainerLayout.headerSize + tableBytes) - ContainerLayout.headerSize - tableBytes
        (table + [UInt8](repeating: 0, count: gap)).withUnsafeBytes { tableSum.update($0) }
        try sink.patch(header(total: total, checksum: tableSum.finalize()) + table, at: 0)
    }

    private func header(total: Int, checksum: UInt64) -> [UInt8] {
        var h = ContainerLayout.magic + Array(kind.utf8)
        h += bytes(of: version)
        h += bytes(of: UInt32(sections.count))
        h += bytes(of: UInt64(total))
        h += bytes(of: checksum)
        h += [UInt8](repeating: 0, count: ContainerLayout.headerSize - h.count)
        return h
    }
}

func bytes<T: FixedWidthInteger>(of value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

/// Checksums of consecutive `ContainerLayout.blockSize`-byte blocks of a stream.
struct BlockChecksums {
    private var current = Checksum64()
    private var filled = 0
    private var sums: [UInt64] = []

    mutating func update(_ raw: UnsafeRawBufferPointer) {
        var start = 0
        // Whole blocks at a block boundary are independent: checksum them on all cores.
        let size = ContainerLayout.blockSize
        if filled == 0 && raw.count >= 4 * size {
            let whole = raw.count / size
            var found = [UInt64](repeating: 0, count: whole)
            found.withUnsafeMutableBufferPointer { out in
                let o = out.baseAddress!
                parallelForEach(count: whole, threads: availableCores, grain: 1) { b, _ in
                    var c = Checksum64()
                    c.update(UnsafeRawBufferPointer(rebasing: raw[(b * size)..<((b + 1) * size)]))
                    o[b] = c.finalize()
                }
            }
            sums += found
            start = whole * size
        }
        while start < raw.count {
            let take = min(ContainerLayout.blockSize - filled, raw.count - start)
            current.update(UnsafeRawBufferPointer(rebasing: raw[start..<(start + take)]))
            filled += take
            start += take
            if filled == ContainerLayout.blockSize {
                sums.append(current.finalize())
                current = Checksum64()
                filled = 0
            }
        }
    }

    /// The checksums, the last (partial) block included.
    func finish() -> [UInt64] { filled > 0 ? sums + [current.finalize()] : sums }
}

/// Buffered writer to a file descriptor that feeds a checksum as it goes: what a section's
/// `produce` closure (`ContainerWriter.add(_:byteCount:produce:)`) writes its bytes to.
public struct FileSink {
    /// The file being written (for error messages).
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    var checksum = Checksum64()
    /// Block checksums of the section being written, when it is large.
    var blockSums: BlockChecksums?
    /// The block checksums of the last large section written.
    var finishedBlockSums: [UInt64] = []
    /// Bytes passed to `write` so far (the file offset reached, patches aside).
    private(set) var written = 0
    /// The file offset up to which a background flush has been started.
    private var writebackFrom = 0
    private let writeback = DispatchQueue(label: "cinematrix.writeback")
    private let writebackGroup = DispatchGroup()

    /// A sink writing to `fd` (opened and closed by the caller); `path` names it in errors.
    init(fd: Int32, path: String) {
        self.path = path
        self.fd = fd
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends `bytes`.
    public mutating func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Appends the bytes of `raw`.
    public mutating func write(_ raw: UnsafeRawBufferPointer) throws {
        written += raw.count
        if blockSums != nil { blockSums!.update(raw) } else { checksum.update(raw) }
        if raw.count >= (1 << 16) {
            // Large data goes out in 1 MiB pieces. Measured at ml-32m size on the workplace VM,
            // eight alternating runs of `prepare` each: 1.54–3.01 s (median 1.77 s) with each
            // 100 MB section written in one call, 1.07–1.40 s (median 1.16 s) in 1 MiB pieces
            // (probably because the kernel then takes page-cache memory in smaller blocks, and
            // the background flush proceeds between pieces).
            try flush()
            var start = 0
            while start < raw.count {
                let n = min(1 << 20, raw.count - start)
                try writeAll(UnsafeRawBufferPointer(rebasing: raw[start..<(start + n)]))
                startWriteback()
                start += n
            }
        } else {
            buffer.append(contentsOf: raw)
            if buffer.count >= (1 << 20) { try flush() }
        }
    }

    mutating func writeZeros(_ n: Int) throws {
        if n > 0 { try write([UInt8](repeating: 0, count: n)) }
    }

    mutating func flush() throws {
        if buffer.isEmpty { return }
        let b = buffer
        try b.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
        let code = OutputFile.writeAll(fd, raw)
        if code != 0 { throw OutputError.system(path: path, operation: "write", errno: code) }
    }

    /// Starts flushing what has been written so far to disk on a background thread, so that
    /// the final `fsync` finds little left to do and the disk works while the data is produced.
    private mutating func startWriteback() {
        let end = Int(lseek(fd, 0, SEEK_CUR))
        guard end - writebackFrom >= 32 << 20 else { return }
        writebackFrom = end
        let fd = self.fd
        writeback.async(group: writebackGroup) { _ = fdatasync(fd) }
    }

    mutating func patch(_ bytes: [UInt8], at offset: Int) throws {
        try flush()
        let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) }
        if n != bytes.count { throw OutputError.system(path: path, operation: "write", errno: errno) }
    }

    /// Writes what is buffered and waits for the background flushes (the caller syncs).
    mutating func finish() throws {
        try flush()
        writebackGroup.wait()
    }

    /// Waits for the background flushes after a failure (the caller discards the file).
    func abandon() {
        writebackGroup.wait()
    }
}
