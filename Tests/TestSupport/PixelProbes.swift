import Foundation
import Render

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
