import CPNG
import Foundation

/// 8-bit pixel rows ready for PNG encoding: straight (not premultiplied) RGBA or RGB.
public struct PixelImage: Equatable, Sendable {
    /// Width and height in device pixels.
    public let width: Int
    public let height: Int
    /// 3 (RGB) or 4 (RGBA).
    public let channels: Int
    /// Row-major pixels, `width * channels` bytes per row, top row first.
    public let bytes: [UInt8]

    public init(width: Int, height: Int, channels: Int, bytes: [UInt8]) {
        precondition(channels == 3 || channels == 4, "channels must be 3 or 4")
        precondition(bytes.count == width * height * channels, "pixel buffer size does not match the shape")
        self.width = width
        self.height = height
        self.channels = channels
        self.bytes = bytes
    }

    /// The colour at pixel (x, y) as 8-bit RGBA (alpha 255 for RGB images).
    public func rgba(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = (y * width + x) * channels
        return (bytes[i], bytes[i + 1], bytes[i + 2], channels == 4 ? bytes[i + 3] : 255)
    }
}

/// PNG encoding through libpng (the CPNG shim). Deterministic: no time chunk is written, so
/// equal pixels and text give equal bytes. Cost: one zlib pass over the pixels.
public enum PNGEncoder {
    /// Encodes `image` with zlib `compressionLevel` (0–9) and tEXt chunks `text`
    /// (keyword, value) in the given order. Keywords must be 1–79 Latin-1 characters.
    public static func encode(_ image: PixelImage, compressionLevel: Int = 6,
                              text: [(String, String)] = []) throws -> Data {
        guard (0...9).contains(compressionLevel) else {
            throw RenderError.invalidOption("compression level \(compressionLevel) is outside 0...9")
        }
        for (key, _) in text where key.isEmpty || key.utf8.count > 79 {
            throw RenderError.invalidOption("PNG text keyword '\(key)' must have 1 to 79 characters")
        }
        // Keep C strings alive for the duration of the call.
        let keys = text.map { strdup($0.0)! }
        let values = text.map { strdup($0.1)! }
        defer { keys.forEach { free($0) }; values.forEach { free($0) } }
        let chunks = zip(keys, values).map { cpng_text(key: $0, text: $1) }
        var out = cpng_bytes(data: nil, size: 0, capacity: 0)
        var message = [CChar](repeating: 0, count: 256)
        let status = image.bytes.withUnsafeBufferPointer { pixels in
            chunks.withUnsafeBufferPointer { chunkBuffer in
                cpng_encode(pixels.baseAddress, UInt32(image.width), UInt32(image.height),
                            image.width * image.channels, Int32(image.channels), Int32(compressionLevel),
                            chunkBuffer.baseAddress, Int32(chunks.count), &out, &message)
            }
        }
        defer { cpng_free_bytes(&out) }
        guard status == CPNG_OK, let data = out.data else {
            throw RenderError.png(String(cString: message))
        }
        return Data(bytes: data, count: out.size)
    }
}

/// A PNG read back through libpng: the header as stored and the pixels expanded to 8-bit RGBA.
public struct DecodedPNG: Sendable {
    /// PNG colour types as stored in IHDR.
    public enum ColourType: Int, Sendable { case grey = 0, rgb = 2, palette = 3, greyAlpha = 4, rgba = 6 }
    public let colourType: ColourType
    public let bitDepth: Int
    /// The pixels as 8-bit RGBA whatever the stored colour type.
    public let image: PixelImage
    /// tEXt/zTXt/iTXt chunks in file order.
    public let text: [(key: String, value: String)]

    /// Decodes PNG bytes. Throws `RenderError.png` for data that is not a valid PNG.
    public init(data: Data) throws {
        var decoded = cpng_image()
        var message = [CChar](repeating: 0, count: 256)
        let status = data.withUnsafeBytes { raw in
            cpng_decode(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &decoded, &message)
        }
        defer { cpng_free_image(&decoded) }
        guard status == CPNG_OK, let rgba = decoded.rgba else { throw RenderError.png(String(cString: message)) }
        let width = Int(decoded.width), height = Int(decoded.height)
        image = PixelImage(width: width, height: height, channels: 4,
                           bytes: Array(UnsafeBufferPointer(start: rgba, count: width * height * 4)))
        colourType = ColourType(rawValue: Int(decoded.colour_type)) ?? .rgba
        bitDepth = Int(decoded.bit_depth)
        var chunks: [(key: String, value: String)] = []
        for i in 0..<Int(decoded.text_count) {
            chunks.append((String(cString: decoded.keys[i]!), String(cString: decoded.texts[i]!)))
        }
        text = chunks
    }

    /// Reads and decodes the PNG file at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RenderError.png("cannot read \(path)")
        }
        try self.init(data: data)
    }
}
