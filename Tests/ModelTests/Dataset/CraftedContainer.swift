@testable import Core
import Foundation
@testable import Model

/// A container file's bytes, edited the way an attacker would: sections or table entries
/// changed and every checksum recomputed, so the reader's structural checks (not its
/// checksums) must catch the damage.
struct CraftedContainer {
    var bytes: [UInt8]

    init(path: String) throws { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    var sectionCount: Int { Int(load(16, as: UInt32.self)) }

    /// The table index of section `name`.
    func entry(_ name: String) -> Int {
        (0..<sectionCount).first { i in
            let e = ContainerLayout.headerSize + i * ContainerLayout.entrySize
            return String(decoding: bytes[e..<(e + 16)].prefix { $0 != 0 }, as: UTF8.self) == name
        }!
    }

    /// Offset and byte count of section `name`.
    func location(_ name: String) -> (offset: Int, count: Int) {
        let e = ContainerLayout.headerSize + entry(name) * ContainerLayout.entrySize
        return (Int(load(e + 16, as: UInt64.self)), Int(load(e + 24, as: UInt64.self)))
    }

    /// Replaces the contents of section `name` (same byte count) and fixes its checksum.
    mutating func replace<T: BitwiseCopyable>(_ name: String, with values: [T]) {
        let (offset, count) = location(name)
        let new = values.withUnsafeBytes { Array($0) }
        precondition(new.count == count, "the crafted section must keep its size")
        bytes.replaceSubrange(offset..<(offset + count), with: new)
        let padded = min(ContainerLayout.aligned(offset + count), bytes.count) - offset
        var sum = Checksum64()
        bytes.withUnsafeBytes { sum.update(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + padded)])) }
        store(sum.finalize(), at: ContainerLayout.headerSize + entry(name) * ContainerLayout.entrySize + 32)
        fixTableChecksum()
    }

    /// Sets the raw offset and byte count of section `name` in the table and fixes the table's checksum.
    mutating func setLocation(_ name: String, offset: UInt64, count: UInt64) {
        let e = ContainerLayout.headerSize + entry(name) * ContainerLayout.entrySize
        store(offset, at: e + 16)
        store(count, at: e + 24)
        fixTableChecksum()
    }

    /// Renames section `name` in the table (the new name at most 16 bytes) and fixes the table's checksum.
    mutating func rename(_ name: String, to new: String) {
        let e = ContainerLayout.headerSize + entry(name) * ContainerLayout.entrySize
        let bytes = Array(new.utf8)
        precondition(bytes.count <= 16, "a section name has at most 16 bytes")
        self.bytes.replaceSubrange(e..<(e + 16), with: bytes + [UInt8](repeating: 0, count: 16 - bytes.count))
        fixTableChecksum()
    }

    mutating func fixTableChecksum() {
        let end = min(ContainerLayout.aligned(ContainerLayout.headerSize + sectionCount * ContainerLayout.entrySize), bytes.count)
        var sum = Checksum64()
        bytes.withUnsafeBytes { sum.update(UnsafeRawBufferPointer(rebasing: $0[ContainerLayout.headerSize..<end])) }
        store(sum.finalize(), at: 28)
    }

    func write(to path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    func load<T: FixedWidthInteger>(_ offset: Int, as: T.Type) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    mutating func store<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + $0.count), with: $0) }
    }
}
