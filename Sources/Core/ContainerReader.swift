#if canImport(Glibc)
import Glibc
#endif

/// Reads a file written by `ContainerWriter`: maps it into memory, checks kind, version, length
/// and the section table's checksum, and copies sections out as arrays, verifying each
/// section's checksum the first time it is read.
///
/// Cost: opening is O(number of sections); each `array` call is one checksum pass and one
/// `memcpy` of its section (~0.1 s per 600 MB together); `withArray` skips the copy.
public final class ContainerReader {
    /// Path the file was read from (for error messages).
    public let path: String
    /// Format version stored in the file.
    public let version: UInt32
    /// The checksum of the section table, which holds every section's checksum: a fingerprint
    /// of the whole file's content.
    public let checksum: UInt64
    private let base: UnsafeRawPointer
    private let length: Int
    /// Size of the file in bytes (an upper bound on any section's size).
    public var byteCount: Int { length }
    private let sections: [String: (offset: Int, count: Int, checksum: UInt64)]
    private var verified: Set<String> = []
    private var verifiedBlocks: [String: Set<Int>] = [:]

    /// Opens `path`, expecting a container of `kind` whose version is in `versions`.
    ///
    /// Every number read from the header and the section table is checked before it is used —
    /// magic, kind and version first, then the total length, then each section's offset and
    /// length (64-byte aligned, after the table, inside the file, no overflow) — so a foreign,
    /// damaged or crafted file is refused with `ContainerError`, never a trap.
    public init(path: String, kind: String, versions: ClosedRange<UInt32>) throws {
        self.path = path
        let (fd, size): (Int32, Int)
        switch RegularFile.open(path) {
        case let .success(opened): (fd, size) = opened
        case let .failure(.system(operation, code)): throw ContainerError.io(path: path, operation: operation, errno: code)
        case let .failure(.notRegular(what)): throw ContainerError.notRegularFile(path: path, kind: what)
        }
        defer { close(fd) }
        length = size
        guard length >= ContainerLayout.headerSize else {
            throw ContainerError.wrongKind(path: path, found: "a file of \(length) bytes, not a Cinematrix file", expected: "a Cinematrix \(kind) file")
        }
        guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw ContainerError.io(path: path, operation: "map", errno: errno)
        }
        base = UnsafeRawPointer(mapped)
        do {
            let header = try Self.header(base, length: length, path: path, kind: kind, versions: versions)
            version = header.version
            checksum = header.checksum
            sections = try Self.sectionTable(base, length: length, count: header.count, checksum: header.checksum, path: path)
        } catch {
            munmap(mapped, length)
            throw error
        }
    }

    /// The header's version, section count and table checksum, after checking magic, kind,
    /// version and total length in that order (raw fields are converted only once in range).
    private static func header(_ base: UnsafeRawPointer, length: Int, path: String, kind: String,
                               versions: ClosedRange<UInt32>) throws -> (version: UInt32, count: Int, checksum: UInt64) {
        let magic = Array(UnsafeRawBufferPointer(start: base, count: 8))
        guard magic == ContainerLayout.magic else {
            throw ContainerError.wrongKind(path: path, found: "not a Cinematrix file", expected: "a Cinematrix \(kind) file")
        }
        let foundKind = String(decoding: UnsafeRawBufferPointer(start: base + 8, count: 4), as: UTF8.self)
        guard foundKind == kind else {
            throw ContainerError.wrongKind(path: path, found: "a Cinematrix \(foundKind) file", expected: "a \(kind) file")
        }
        let version = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        guard versions.contains(version) else {
            throw ContainerError.wrongKind(path: path, found: "format version \(version)", expected: "version \(versions.lowerBound)–\(versions.upperBound)")
        }
        let count = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        let total = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 20, as: UInt64.self))
        guard total == UInt64(length) else {
            throw ContainerError.corrupted(path: path, detail: "it has \(length) bytes, its header says \(total); it was probably truncated")
        }
        // Each entry takes 40 bytes, so a count the file cannot hold is refused before any multiplication.
        guard Int(count) <= (length - ContainerLayout.headerSize) / ContainerLayout.entrySize else {
            throw ContainerError.corrupted(path: path, detail: "the section table lies outside the file")
        }
        return (version, Int(count), UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 28, as: UInt64.self)))
    }

    /// The section table (after checking its checksum): each section's offset, byte count and
    /// checksum, every section 64-byte aligned, after the table and inside the file.
    private static func sectionTable(_ base: UnsafeRawPointer, length: Int, count: Int, checksum: UInt64,
                                     path: String) throws -> [String: (offset: Int, count: Int, checksum: UInt64)] {
        let tableEnd = ContainerLayout.headerSize + count * ContainerLayout.entrySize
        var sum = Checksum64()
        let tableSpan = min(ContainerLayout.aligned(tableEnd), length) - ContainerLayout.headerSize
        sum.update(UnsafeRawBufferPointer(start: base + ContainerLayout.headerSize, count: tableSpan))
        guard sum.finalize() == checksum else {
            throw ContainerError.corrupted(path: path, detail: "checksum mismatch in the section table")
        }
        var sections: [String: (offset: Int, count: Int, checksum: UInt64)] = [:]
        for i in 0..<count {
            let e = ContainerLayout.headerSize + i * ContainerLayout.entrySize
            let nameBytes = UnsafeRawBufferPointer(start: base + e, count: 16).prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let offset = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: e + 16, as: UInt64.self))
            let bytes = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: e + 24, as: UInt64.self))
            let sectionSum = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: e + 32, as: UInt64.self))
            // Compared as UInt64 against the file's length, so no value can overflow an Int.
            guard offset >= UInt64(tableEnd), offset <= UInt64(length), bytes <= UInt64(length) - offset,
                  offset % UInt64(ContainerLayout.alignment) == 0 else {
                throw ContainerError.corrupted(path: path, detail: "section '\(name)' lies outside the file")
            }
            guard sections[name] == nil else {
                throw ContainerError.corrupted(path: path, detail: "section '\(name)' is listed twice")
            }
            sections[name] = (Int(offset), Int(bytes), sectionSum)
        }
        return sections
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), length) }

    /// Whether the file has a section called `name`.
    public func has(_ name: String) -> Bool { sections[name] != nil }

    /// Checks every section's checksum (one pass over the whole file).
    public func verifyAll() throws {
        for name in sections.keys.sorted() { _ = try section(name) }
    }

    /// The bytes of section `name`, checksum-verified on first use (block by block when it
    /// has block checksums).
    private func section(_ name: String) throws -> (offset: Int, count: Int) {
        guard let s = sections[name] else { throw ContainerError.missingSection(path: path, name: name) }
        if !verified.contains(name) {
            if has(ContainerLayout.blockSumsName(name)) {
                try verifyBlocks(name, s, bytes: 0..<(min(ContainerLayout.aligned(s.offset + s.count), length) - s.offset))
            } else {
                var sum = Checksum64()
                let padded = min(ContainerLayout.aligned(s.offset + s.count), length) - s.offset
                sum.update(UnsafeRawBufferPointer(start: base + s.offset, count: padded))
                guard sum.finalize() == s.checksum else {
                    throw ContainerError.corrupted(path: path, detail: "checksum mismatch in section '\(name)'")
                }
            }
            verified.insert(name)
        }
        return (s.offset, s.count)
    }

    /// Calls `body` with section `name` viewed in place as `T`s — no copy, so reading a few
    /// elements of a large section costs little. The section is checksum-verified first: all
    /// of it, or, when `verifying` names a range of elements and the section has block
    /// checksums, only the 1 MiB blocks that hold those elements (then `body` must read only
    /// them). `expectedCount`, when given, is checked. The view is valid only inside `body`.
    /// Sections start on 64-byte boundaries, so any `T` is aligned.
    public func withArray<T: BitwiseCopyable, R>(_ name: String, as: T.Type = T.self, expectedCount: Int? = nil,
                                                 verifying elements: Range<Int>? = nil,
                                                 _ body: (UnsafeBufferPointer<T>) throws -> R) throws -> R {
        guard let entry = sections[name] else { throw ContainerError.missingSection(path: path, name: name) }
        let s: (offset: Int, count: Int)
        if let elements, !verified.contains(name), has(ContainerLayout.blockSumsName(name)) {
            let stride = MemoryLayout<T>.stride
            guard elements.lowerBound >= 0, elements.upperBound * stride <= entry.count else {
                throw ContainerError.missingSection(path: path, name: name)
            }
            try verifyBlocks(name, entry, bytes: (elements.lowerBound * stride)..<(elements.upperBound * stride))
            s = (entry.offset, entry.count)
        } else {
            s = try section(name)
        }
        guard s.count % MemoryLayout<T>.stride == 0 else {
            throw ContainerError.missingSection(path: path, name: name)
        }
        let n = s.count / MemoryLayout<T>.stride
        if let e = expectedCount, e != n { throw ContainerError.missingSection(path: path, name: name) }
        let typed = (base + s.offset).bindMemory(to: T.self, capacity: n)
        return try body(UnsafeBufferPointer(start: n > 0 ? typed : nil, count: n))
    }

    /// Verifies the blocks of section `name` that hold `bytes` against its block checksums.
    private func verifyBlocks(_ name: String, _ entry: (offset: Int, count: Int, checksum: UInt64), bytes: Range<Int>) throws {
        guard !bytes.isEmpty else { return }
        let padded = min(ContainerLayout.aligned(entry.offset + entry.count), length) - entry.offset
        let size = ContainerLayout.blockSize
        let blocks = (padded + size - 1) / size
        let sums: [UInt64] = try array(ContainerLayout.blockSumsName(name), expectedCount: blocks)
        guard Checksum64.of(sums) == entry.checksum else {
            throw ContainerError.corrupted(path: path, detail: "checksum mismatch in section '\(name)'")
        }
        var done = verifiedBlocks[name, default: []]
        for j in (bytes.lowerBound / size)...(min(bytes.upperBound, padded) - 1) / size where !done.contains(j) {
            var sum = Checksum64()
            let from = j * size, to = min(from + size, padded)
            sum.update(UnsafeRawBufferPointer(start: base + entry.offset + from, count: to - from))
            guard sum.finalize() == sums[j] else {
                throw ContainerError.corrupted(path: path, detail: "checksum mismatch in section '\(name)'")
            }
            done.insert(j)
        }
        verifiedBlocks[name] = done
    }

    /// Number of `T`s in section `name`, without reading or verifying it.
    public func count<T: BitwiseCopyable>(of name: String, as: T.Type) throws -> Int {
        guard let s = sections[name], s.count % MemoryLayout<T>.stride == 0 else {
            throw ContainerError.missingSection(path: path, name: name)
        }
        return s.count / MemoryLayout<T>.stride
    }

    /// The section `name` as an array of `T` (a copy); `expectedCount`, when given, is checked.
    public func array<T: BitwiseCopyable>(_ name: String, as: T.Type = T.self, expectedCount: Int? = nil) throws -> [T] {
        try withArray(name, as: T.self, expectedCount: expectedCount) { Array($0) }
    }
}
