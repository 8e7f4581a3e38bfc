import Core
import Foundation
import Testing
import Render
import TestSupport

@Suite struct OutputErrorTests {
    let chart = LineChart(title: "t", series: [LineSeries(name: "s", x: [1, 2, 3], y: [3, 1, 2])])

    @Test func writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
        let folder = temporaryFolder("write")
        let path = folder + "/chart.png"
        try chart.render(style: ChartStyle(scale: 1)).write(to: path)
        try chart.render(style: ChartStyle(scale: 2)).write(to: path)
        #expect(try DecodedPNG(contentsOf: path).image.width == 1440)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["chart.png"])
    }

    @Test func unwritablePathIsAClearErrorAndLeavesNothing() throws {
        let folder = temporaryFolder("unwritable")
        let missing = folder + "/no/such/folder/chart.png"
        let rendered = try chart.render(style: ChartStyle(scale: 1))
        #expect { try rendered.write(to: missing) } throws: { error in
            "\(error)".contains("does not exist") && "\(error)".contains(missing)
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
        // A path whose "folder" is a regular file.
        let file = folder + "/plain"
        FileManager.default.createFile(atPath: file, contents: Data())
        #expect(throws: RenderError.self) { try rendered.write(to: file + "/chart.png") }
        // A path that is an existing folder cannot be replaced by the file.
        let dir = folder + "/dir.png"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        #expect(throws: RenderError.self) { try rendered.write(to: dir) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["dir.png", "plain"])
    }

    @Test func missingFontIsAClearError() throws {
        let style = ChartStyle(scale: 1, font: FontChoice("Nonexistent Sans Family 42"))
        #expect { try chart.render(style: style) } throws: { error in
            guard case RenderError.fontNotFound = error else { return false }
            return "\(error)".contains("fonts-dejavu-core") && "\(error)".contains("Nonexistent Sans Family 42")
        }
        #expect(throws: RenderError.self) { try chart.render(style: ChartStyle(scale: 1, font: FontChoice("/no/such/font.ttf"))) }
    }

    @Test func defaultFontReallyIsDejaVuSans() throws {
        let file = try FontChoice.dejaVuSans.resolvedFile()
        #expect(file.hasSuffix("DejaVuSans.ttf"))
        // The same file given as a path draws the same pixels as the family name.
        let byName = try chart.render(style: ChartStyle(scale: 1)).pngData()
        let byPath = try chart.render(style: ChartStyle(scale: 1, font: FontChoice(file))).pngData()
        #expect(byName == byPath)
    }

    @Test func badSizesAreRefused() {
        #expect(throws: RenderError.self) { try chart.render(style: ChartStyle(width: 10, height: 10)) }
        #expect(throws: RenderError.self) { try chart.render(style: ChartStyle(scale: 0)) }
    }
}
