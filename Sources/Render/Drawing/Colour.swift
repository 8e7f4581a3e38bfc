import Foundation

/// An sRGB colour with straight (not premultiplied) alpha; components in 0...1.
public struct Colour: Equatable, Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit `0xRRGGBB` literal.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xff) / 255, green: Double((hex >> 8) & 0xff) / 255,
                  blue: Double(hex & 0xff) / 255, alpha: alpha)
    }

    /// The same colour with another alpha.
    public func withAlpha(_ alpha: Double) -> Colour {
        Colour(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// 8-bit components, rounded to nearest.
    public var rgb8: (r: UInt8, g: UInt8, b: UInt8) {
        func byte(_ v: Double) -> UInt8 { UInt8(max(0, min(255, (v * 255).rounded()))) }
        return (byte(red), byte(green), byte(blue))
    }

    /// "#RRGGBB" (upper-case hex of the 8-bit components; alpha is left out), as HTML and CSS take it.
    public var hex: String {
        let c = rgb8
        return "#" + [c.r, c.g, c.b].map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
    }

    /// WCAG contrast ratio against `other` (1 … 21): (L₁ + 0.05) / (L₂ + 0.05), lighter over darker.
    /// Graphical marks should reach 3:1 against their background to be seen easily (WCAG 1.4.11).
    public func contrast(with other: Colour) -> Double {
        let a = luminance, b = other.luminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// Relative luminance (WCAG definition, 0 black … 1 white); used to pick readable text colours.
    public var luminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Linear interpolation in sRGB between `a` (t = 0) and `b` (t = 1).
    static func mix(_ a: Colour, _ b: Colour, _ t: Double) -> Colour {
        Colour(red: a.red + (b.red - a.red) * t, green: a.green + (b.green - a.green) * t,
               blue: a.blue + (b.blue - a.blue) * t, alpha: a.alpha + (b.alpha - a.alpha) * t)
    }

    public static let white = Colour(hex: 0xffffff)
    public static let black = Colour(hex: 0x000000)
    public static let clear = Colour(red: 0, green: 0, blue: 0, alpha: 0)
}


extension String {
    /// The string with "0" in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
