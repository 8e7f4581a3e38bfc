import Foundation

/// The chunks of a PNG file in file order, for comparing two files byte for byte except for
/// chosen chunks (such as the tEXt chunk naming the command that wrote them).
public struct PNGChunks: Equatable {
    /// One chunk: its four-letter type and its data bytes (the CRC is implied by both).
    public struct Chunk: Equatable {
        public let type: String
        public let data: [UInt8]
        /// For a tEXt chunk, its keyword (the bytes before the first NUL); nil otherwise.
        public var textKeyword: String? {
            guard type == "tEXt", let nul = data.firstIndex(of: 0) else { return nil }
            return String(decoding: data[..<nul], as: UTF8.self)
        }
    }

    public let chunks: [Chunk]

    /// Reads `path`; throws `PNGChunksError` when it is not a whole PNG file.
    public init(contentsOf path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw PNGChunksError(path: path, reason: "no PNG signature") }
        var out: [Chunk] = [], at = 8
        while at < bytes.count {
            guard at + 12 <= bytes.count else { throw PNGChunksError(path: path, reason: "chunk header cut at byte \(at)") }
            let length = bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard at + 12 + length <= bytes.count else { throw PNGChunksError(path: path, reason: "chunk at byte \(at) runs past the end") }
            out.append(Chunk(type: String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self), data: Array(bytes[(at + 8)..<(at + 8 + length)])))
            at += 12 + length
        }
        chunks = out
    }

    /// The chunks without the tEXt chunks whose keyword is in `keywords`.
    public func dropping(text keywords: Set<String>) -> [Chunk] {
        chunks.filter { $0.textKeyword.map { !keywords.contains($0) } ?? true }
    }

    /// The IHDR and IDAT chunks' data run together: the image's size, format and pixels.
    public var imageData: [UInt8] { chunks.filter { $0.type == "IHDR" || $0.type == "IDAT" }.flatMap(\.data) }
}

/// A file that `PNGChunks` could not read as a PNG.
public struct PNGChunksError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): not a whole PNG file (\(reason))" }
}
