import Foundation
import Testing
import Render

@Suite struct PNGCodecTests {
    /// A small gradient with every channel varying, so row/column mix-ups show.
    func gradient(width: Int, height: Int, channels: Int) -> PixelImage {
        var bytes: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                bytes += [UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), UInt8((x * 7 + y * 13) % 256)]
                if channels == 4 { bytes.append(UInt8((x + y) % 256)) }
            }
        }
        return PixelImage(width: width, height: height, channels: channels, bytes: bytes)
    }

    @Test(arguments: [3, 4]) func roundTripKeepsPixelsTypeAndText(channels: Int) throws {
        let image = gradient(width: 37, height: 23, channels: channels)
        let data = try PNGEncoder.encode(image, compressionLevel: 9, text: [("Title", "gradient"), ("Parameters", "seed=7 k=3")])
        let decoded = try DecodedPNG(data: data)
        #expect(decoded.colourType == (channels == 4 ? .rgba : .rgb))
        #expect(decoded.bitDepth == 8)
        #expect(decoded.image.width == 37 && decoded.image.height == 23)
        for y in [0, 11, 22] {
            for x in [0, 18, 36] {
                let a = image.rgba(x: x, y: y), b = decoded.image.rgba(x: x, y: y)
                #expect(a == b)
            }
        }
        #expect(decoded.text.map(\.key) == ["Title", "Parameters"])
        #expect(decoded.text.last?.value == "seed=7 k=3")
    }

    @Test func compressionLevelChangesSizeNotPixels() throws {
        let image = gradient(width: 64, height: 64, channels: 3)
        let stored = try PNGEncoder.encode(image, compressionLevel: 0)
        let packed = try PNGEncoder.encode(image, compressionLevel: 9)
        #expect(stored.count > packed.count)
        #expect(try DecodedPNG(data: stored).image == DecodedPNG(data: packed).image)
        #expect(throws: RenderError.self) { try PNGEncoder.encode(image, compressionLevel: 10) }
    }

    @Test func encodingIsDeterministic() throws {
        let image = gradient(width: 50, height: 40, channels: 4)
        #expect(try PNGEncoder.encode(image, text: [("Title", "x")]) == PNGEncoder.encode(image, text: [("Title", "x")]))
    }

    @Test func garbageAndTruncatedDataAreErrorsNotCrashes() throws {
        #expect(throws: RenderError.self) { try DecodedPNG(data: Data("not a png at all".utf8)) }
        let good = try PNGEncoder.encode(gradient(width: 20, height: 20, channels: 3))
        #expect(throws: RenderError.self) { try DecodedPNG(data: good.prefix(good.count / 2)) }
    }
}
