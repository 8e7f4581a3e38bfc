/// Movie titles kept as one UTF-8 buffer with offsets, decoded to `String` one at a time on
/// access.
///
/// A model of ml-32m has 87,585 titles. Decoding them all into Strings costs ~5 ms every time
/// a model opens, and then every pass over them pays per-String overhead. Most commands show a
/// dozen titles, and the title index reads the bytes directly (`withUTF8`). Value semantics;
/// equal when the bytes and boundaries are equal. Cost: O(1) per element access plus the
/// title's length to decode it.
public struct TitleList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// The titles' UTF-8 bytes, one after another.
    public let bytes: [UInt8]
    /// Where each title starts in `bytes`, plus the end (`count + 1` entries, non-decreasing).
    public let offsets: [Int]

    /// The list of `titles`. Cost: one copy of their bytes.
    public init<S: Sequence>(_ titles: S) where S.Element == String {
        var bytes: [UInt8] = []
        var offsets = [0]
        for t in titles {
            bytes.append(contentsOf: t.utf8)
            offsets.append(bytes.count)
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    /// A list from its bytes and boundaries (as stored in a file); nil when the offsets do not
    /// start at 0, decrease, or end past the bytes. Invalid UTF-8 is repaired on decoding.
    public init?(bytes: [UInt8], offsets: [Int]) {
        guard offsets.first == 0, let last = offsets.last, last == bytes.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        self.bytes = bytes
        self.offsets = offsets
    }

    public init(arrayLiteral elements: String...) { self.init(elements) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    /// Title `i`, decoded.
    public subscript(i: Int) -> String {
        bytes.withUnsafeBufferPointer { b in
            String(decoding: UnsafeBufferPointer(rebasing: b[offsets[i]..<offsets[i + 1]]), as: UTF8.self)
        }
    }

    /// Calls `body` with the UTF-8 bytes of title `i`, without decoding it.
    public func withUTF8<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in try body(UnsafeBufferPointer(rebasing: b[offsets[i]..<offsets[i + 1]])) }
    }
}
