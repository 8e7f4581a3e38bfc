/// A fast 64-bit checksum of a byte buffer, used to detect truncated or corrupted files.
///
/// Four independent multiply–rotate lanes over little-endian 64-bit words, then a tail and a
/// final avalanche. Not cryptographic; any single flipped bit changes the result. Cost: about
/// one multiply per 8 bytes (several GB/s on one core), so checking a 600 MB file takes ~0.1 s.
public struct Checksum64: Sendable {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) =
        (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63)
    private var length: UInt64 = 0
    private var pending: [UInt8] = []

    /// A checksum of no bytes.
    public init() {}

    /// Feeds `bytes`. Calls may split the input anywhere; the result depends only on the
    /// concatenated bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            start = take
            if pending.count == 32 {
                pending.withUnsafeBytes { absorbBlocks($0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let remaining = bytes.count - start
        let whole = remaining / 32 * 32
        if whole > 0 {
            absorbBlocks(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + whole)]))
        }
        if whole < remaining {
            pending.append(contentsOf: bytes[(start + whole)...])
        }
    }

    /// Feeds the bytes of an array of plain values.
    public mutating func update<T: BitwiseCopyable>(_ array: [T]) {
        array.withUnsafeBytes { update($0) }
    }

    /// The checksum of the bytes of `array`.
    public static func of<T: BitwiseCopyable>(_ array: [T]) -> UInt64 {
        var c = Checksum64()
        c.update(array)
        return c.finalize()
    }

    /// The checksum of everything fed so far.
    public func finalize() -> UInt64 {
        var h = lanes.0.rotl(1) &+ lanes.1.rotl(7) &+ lanes.2.rotl(12) &+ lanes.3.rotl(18)
        h ^= length
        for b in pending { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        h ^= h >> 33; h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    private mutating func absorbBlocks(_ raw: UnsafeRawBufferPointer) {
        var (a, b, c, d) = lanes
        let p = 0x9FB2_1C65_1E98_DF25 as UInt64
        var i = 0
        while i + 32 <= raw.count {
            a = (a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)).rotl(29) &* p
            b = (b ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)).rotl(29) &* p
            c = (c ^ raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)).rotl(29) &* p
            d = (d ^ raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)).rotl(29) &* p
            i += 32
        }
        lanes = (a, b, c, d)
    }
}

extension UInt64 {
    @inline(__always) fileprivate func rotl(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
