import Foundation
import Render
import Testing

/// An image in a failed expectation is described by its size, not its millions of bytes.
extension PixelImage: CustomTestStringConvertible {
    public var testDescription: String { "\(width)×\(height) image (\(channels) channels)" }
}

/// Pixel probing helpers for rendered charts.
extension PixelImage {
    /// The RGBA colour at device position (x, y) (fractional positions pick the containing pixel).
    public func probe(_ x: Double, _ y: Double) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        rgba(x: Swift.min(width - 1, Swift.max(0, Int(x))), y: Swift.min(height - 1, Swift.max(0, Int(y))))
    }

    /// Number of pixels inside `rect` that differ from `background` by more than `tolerance` in some channel.
    public func inkPixels(in rect: Rect, background: (UInt8, UInt8, UInt8) = (255, 255, 255), tolerance: Int = 40) -> Int {
        var count = 0
        for y in Swift.max(0, Int(rect.y))..<Swift.min(height, Int(rect.maxY.rounded(.up))) {
            for x in Swift.max(0, Int(rect.x))..<Swift.min(width, Int(rect.maxX.rounded(.up))) {
                let p = rgba(x: x, y: y)
                if abs(Int(p.r) - Int(background.0)) > tolerance || abs(Int(p.g) - Int(background.1)) > tolerance
                    || abs(Int(p.b) - Int(background.2)) > tolerance { count += 1 }
            }
        }
        return count
    }
}

/// Whether an 8-bit pixel matches `colour` within `tolerance` per channel.
public func matches(_ p: (r: UInt8, g: UInt8, b: UInt8, a: UInt8), _ colour: Colour, tolerance: Int = 6) -> Bool {
    let c = colour.rgb8
    return abs(Int(p.r) - Int(c.r)) <= tolerance && abs(Int(p.g) - Int(c.g)) <= tolerance && abs(Int(p.b) - Int(c.b)) <= tolerance
}

/// Probes for marks drawn with some transparency on a white background, where a pixel is the
/// mark's colour c at opacity a over white: p = a·c + (1 − a)·255 per channel.
extension PixelImage {
    /// The opacity a (least squares over the three channels) at which `colour` over white gives
    /// the pixel at (x, y), or nil when no single a explains every channel within `tolerance`
    /// (8-bit levels) — the pixel is then another colour, or a mix.
    public func tintOpacity(x: Int, y: Int, of colour: Colour, tolerance: Double = 12) -> Double? {
        let p = rgba(x: x, y: y), c = colour.rgb8
        let dr = 255 - Double(p.r), dg = 255 - Double(p.g), db = 255 - Double(p.b)
        let fr = 255 - Double(c.r), fg = 255 - Double(c.g), fb = 255 - Double(c.b)
        let norm = fr * fr + fg * fg + fb * fb
        guard norm > 0 else { return nil }
        let a = (dr * fr + dg * fg + db * fb) / norm
        return abs(dr - a * fr) <= tolerance && abs(dg - a * fg) <= tolerance && abs(db - a * fb) <= tolerance ? a : nil
    }

    /// The pixels inside `rect` (the whole image when nil) that are `colour` over white at an
    /// opacity of at least `minimumOpacity`.
    public func tintedPixels(of colour: Colour, minimumOpacity: Double = 0.3, in rect: Rect? = nil) -> [(x: Int, y: Int)] {
        let area = rect ?? Rect(x: 0, y: 0, width: Double(width), height: Double(height))
        var out: [(x: Int, y: Int)] = []
        for y in Swift.max(0, Int(area.y))..<Swift.min(height, Int(area.maxY.rounded(.up))) {
            for x in Swift.max(0, Int(area.x))..<Swift.min(width, Int(area.maxX.rounded(.up))) {
                if let a = tintOpacity(x: x, y: y, of: colour), a >= minimumOpacity { out.append((x, y)) }
            }
        }
        return out
    }

    /// Whether some pixel within `radius` pixels of device position (x, y) is `colour` over
    /// white at an opacity of at least `minimumOpacity`.
    public func hasTint(of colour: Colour, near x: Double, _ y: Double, radius: Double = 3, minimumOpacity: Double = 0.3) -> Bool {
        !tintedPixels(of: colour, minimumOpacity: minimumOpacity,
                      in: Rect(x: x - radius, y: y - radius, width: 2 * radius + 1, height: 2 * radius + 1)).isEmpty
    }
}
