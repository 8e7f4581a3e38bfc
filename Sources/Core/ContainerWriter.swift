import AtomicOutput

/// Builds a sectioned binary file and writes it atomically (`OutputFile`), so an existing good
/// file at the destination is never replaced by a half-written one.
///
/// Sections hold raw little-endian arrays of plain values (lists of strings are two such
/// sections: Model's `TitleList+Container`). Cost: one pass over the bytes to write them and
/// update the checksum.
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
