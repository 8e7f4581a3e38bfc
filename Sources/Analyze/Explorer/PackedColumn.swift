import Foundation

/// One column of numbers for the explorer page, packed as little-endian integers of the
/// narrowest width that holds them and encoded in base64: the page decodes it into a typed
/// array in one pass, and it takes 1–4 bytes a value (×4/3 for base64) instead of a JSON
/// number's 2–8 characters.
///
/// In JSON: `{"type": "u8"|"u16"|"u24"|"u32"|"i16"|"f64", "data": "<base64>"}`; `u24` is three
/// bytes per value, low byte first; `f64` (IEEE doubles) only carries identifiers outside
/// 0…2³²−1. Cost: O(values).
public struct PackedColumn: Sendable, Equatable, Encodable {
    /// Element type, as the page's decoder names it.
    public enum ElementType: String, Sendable, Encodable {
        case u8, u16, u24, u32, i16, f64

        /// Bytes a value.
        var width: Int {
            switch self {
            case .u8: return 1
            case .u16, .i16: return 2
            case .u24: return 3
            case .u32: return 4
            case .f64: return 8
            }
        }
    }

    public var type: ElementType
    /// The values, packed and base64-encoded.
    public var data: String
    /// Number of values.
    public let count: Int

    private enum CodingKeys: String, CodingKey { case type, data }

    /// Unsigned values, each in the narrowest of u8/u16/u24/u32 that holds the largest (and is
    /// at least as wide as `minimum`, one of those four).
    public init(unsigned values: [UInt32], atLeast minimum: ElementType = .u8) {
        let largest = values.max() ?? 0
        let fits: ElementType = largest <= 0xFF ? .u8 : largest <= 0xFFFF ? .u16 : largest <= 0xFF_FFFF ? .u24 : .u32
        self.init(type: fits.width >= minimum.width ? fits : minimum, values: values.map { Int64($0) })
    }

    /// Signed values in −32768…32767 (anything outside is clamped).
    public init(signed16 values: [Int]) {
        self.init(type: .i16, values: values.map { Int64(min(max($0, Int(Int16.min)), Int(Int16.max))) })
    }

    /// Identifiers (raw MovieLens ids): unsigned when all fit in 32 bits, else doubles (exact
    /// up to 2⁵³).
    public init(identifiers: [Int64]) {
        if identifiers.allSatisfy({ $0 >= 0 && $0 <= Int64(UInt32.max) }) {
            self.init(unsigned: identifiers.map { UInt32($0) })
        } else {
            self.init(type: .f64, values: identifiers.map { Int64(bitPattern: Double($0).bitPattern) })
        }
    }

    private init(type: ElementType, values: [Int64]) {
        self.type = type
        self.count = values.count
        let width = type.width
        var bytes = [UInt8](repeating: 0, count: values.count * width)
        for (i, v) in values.enumerated() {
            let bits = UInt64(bitPattern: v)
            for b in 0..<width { bytes[i * width + b] = UInt8(truncatingIfNeeded: bits >> (8 * b)) }
        }
        data = Data(bytes).base64EncodedString()
    }

    /// The values back, as the page decodes them (for tests and checks). Cost O(values).
    public var values: [Int] {
        guard let d = Data(base64Encoded: data) else { return [] }
        let bytes = [UInt8](d)
        let width = type.width
        return (0..<bytes.count / width).map { i in
            var v = 0
            for b in 0..<width { v |= Int(bytes[i * width + b]) << (8 * b) }
            switch type {
            case .i16: return Int(Int16(truncatingIfNeeded: v))
            case .f64: return Int(exactly: Double(bitPattern: UInt64(truncatingIfNeeded: v))) ?? 0
            default: return v
            }
        }
    }
}
