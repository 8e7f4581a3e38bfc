import Core
import Foundation

/// Where a chart put things, in device pixels (x right, y down), so callers and tests can find
/// marks without re-deriving the layout.
public struct ChartLayout: Sendable {
    /// One frame per set of axes (several for small multiples), in drawing order.
    public var frames: [PlotFrame] = []
    /// The title's ink box, if there is a title.
    public var titleBox: Rect?
    /// Legend entries: label, colour and the centre of the swatch.
    public var legend: [(label: String, colour: Colour, swatchCentre: (x: Double, y: Double))] = []
    /// Boxes of point labels that were placed.
    public var labelBoxes: [Rect] = []
    /// The leader line drawn to each of `labelBoxes` (same order), nil for a label beside its point.
    public var labelLeaders: [Segment?] = []
    /// The legend's box (frame included), if there is a legend.
    public var legendBox: Rect?
}

/// A drawn chart: pixels plus what happened while drawing. Encode with `pngData()` or `write(to:)`.
public struct RenderedChart: Sendable {
    public let image: PixelImage
    public let layout: ChartLayout
    /// Points left out because a coordinate was NaN or infinite (or ≤ 0 on a log axis).
    public let skippedPoints: Int
    /// Point labels that found no free place and were not drawn.
    public let droppedLabels: Int
    /// tEXt chunks written with the PNG: Title, Software, then the style's metadata.
    public let textChunks: [(String, String)]
    let compressionLevel: Int

    init(canvas: Canvas, style: ChartStyle, title: String?, layout: ChartLayout, skippedPoints: Int = 0, droppedLabels: Int = 0) throws {
        image = try canvas.pixels()
        var chunks: [(String, String)] = []
        if let title, !title.isEmpty { chunks.append(("Title", TitleLines(title).oneLine)) }
        chunks.append(("Software", style.software))
        chunks += style.metadata
        textChunks = chunks
        compressionLevel = style.compressionLevel
        self.skippedPoints = skippedPoints
        self.droppedLabels = droppedLabels
        var scaled = layout
        let s = canvas.scale
        scaled.titleBox = layout.titleBox.map { Rect(x: $0.x * s, y: $0.y * s, width: $0.width * s, height: $0.height * s) }
        scaled.labelBoxes = layout.labelBoxes.map { Rect(x: $0.x * s, y: $0.y * s, width: $0.width * s, height: $0.height * s) }
        scaled.labelLeaders = layout.labelLeaders.map { $0?.scaled(s) }
        scaled.legendBox = layout.legendBox.map { Rect(x: $0.x * s, y: $0.y * s, width: $0.width * s, height: $0.height * s) }
        scaled.legend = layout.legend.map { ($0.label, $0.colour, ($0.swatchCentre.x * s, $0.swatchCentre.y * s)) }
        self.layout = scaled
    }

    /// The PNG bytes (deterministic for equal input).
    public func pngData() throws -> Data {
        try PNGEncoder.encode(image, compressionLevel: compressionLevel, text: textChunks)
    }

    /// Encodes and writes the PNG to `path` through a temporary file and a rename, so a failure
    /// leaves no partial file.
    public func write(to path: String) throws {
        let png = try pngData()
        do {
            try OutputFile.write(png, to: path)
        } catch let e as OutputError {
            if case .busy = e { throw e }  // its own message says what to do
            throw RenderError.unwritable(path: path, reason: Self.reason(e))
        }
    }

    /// Why an output error happened, in the words of `RenderError.unwritable`.
    private static func reason(_ e: OutputError) -> String {
        switch e {
        case let .system(path, _, code) where code == ENOENT:
            return "folder \((path as NSString).deletingLastPathComponent) does not exist"
        case let .system(_, _, code): return String(cString: strerror(code))
        case .isAFolder: return "a folder of that name is in the way"
        default: return "\(e)"
        }
    }
}
