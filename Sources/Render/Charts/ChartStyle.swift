/// What the charts draw on.
public enum Background: String, Sendable, CaseIterable {
    /// Opaque white; written as 8-bit RGB.
    case white
    /// Fully transparent; written as 8-bit RGBA.
    case transparent
}

/// What to do with NaN and infinite values in the data.
public enum NonFinitePolicy: Sendable {
    /// Leave such points out and count them in `RenderedChart.skippedPoints` (lines break there).
    case skip
    /// Throw `RenderError.nonFiniteValues`.
    case refuse
}

/// Size, resolution, background, font and encoding options shared by every chart.
public struct ChartStyle: Sendable {
    /// Size in points (logical units); the image has `width * scale` × `height * scale` pixels.
    public var width: Double
    public var height: Double
    /// Device pixels per point: 1 for screen previews, 2 (default) for reports and high-DPI displays.
    public var scale: Double
    public var background: Background
    public var font: FontChoice
    /// zlib level 0–9 used by the PNG encoder.
    public var compressionLevel: Int
    public var nonFinite: NonFinitePolicy
    /// Extra PNG tEXt chunks (keyword, text) such as the parameters that made the image.
    public var metadata: [(String, String)]
    /// Written as the PNG "Software" chunk.
    public var software: String

    public init(width: Double = 720, height: Double = 450, scale: Double = 2, background: Background = .white,
                font: FontChoice = .dejaVuSans, compressionLevel: Int = 6, nonFinite: NonFinitePolicy = .skip,
                metadata: [(String, String)] = [], software: String = "Cinematrix Render") {
        self.width = width
        self.height = height
        self.scale = scale
        self.background = background
        self.font = font
        self.compressionLevel = compressionLevel
        self.nonFinite = nonFinite
        self.metadata = metadata
        self.software = software
    }
}

/// Sizes (points) and colours every chart shares, in the spirit of a careful matplotlib style:
/// light grid behind the data, left and bottom spines only, dark-grey text.
enum Theme {
    static let padding = 10.0
    static let titleSize = 14.0
    static let labelSize = 12.0
    static let tickSize = 10.5
    static let legendSize = 10.5
    static let annotationSize = 9.0
    static let tickLength = 3.5
    static let tickGap = 3.0
    static let labelGap = 6.0
    static let text = Colour(hex: 0x262626)
    static let tickText = Colour(hex: 0x3A3A3A)
    static let subtitle = Colour(hex: 0x555555)
    static let spine = Colour(hex: 0x5A5A5A)
    static let grid = Colour(hex: 0xE3E3E3)
    static let spineWidth = 0.8
    static let gridWidth = 0.6
    static let lineWidth = 1.8
}
