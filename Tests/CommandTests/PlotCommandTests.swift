import Foundation
import Testing

/// End-to-end tests of `cinematrix plot`.
@Suite struct PlotCommandTests {
    let folder: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-plot-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        try? "epoch,loss,train_rmse,test_rmse,seconds\n1,10,1.2,1.3,0.1\n2,6,1.0,1.1,0.1\n3,5,0.9,1.05,0.1\n"
            .write(toFile: d + "/metrics.csv", atomically: true, encoding: .utf8)
        return d
    }()

    func isPNG(_ path: String) -> Bool {
        FileManager.default.contents(atPath: path)?.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func experimentFolderGetsLossAndRMSECharts() throws {
        let result = try runCinematrix(["plot", folder, "--scale", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(isPNG(folder + "/loss.png") && isPNG(folder + "/rmse.png"))
        #expect(result.stdout.contains("rmse.png"))
    }

    @Test func anyCSVAsLinesOrScatter() throws {
        let lines = try runCinematrix(["plot", "--csv", folder + "/metrics.csv", "--x", "epoch", "--y", "train_rmse,test_rmse",
                                       "--out", folder + "/lines.png", "--scale", "1"])
        #expect(lines.status == 0, "\(lines.stderr)")
        #expect(isPNG(folder + "/lines.png"))
        let points = try runCinematrix(["plot", "--csv", folder + "/metrics.csv", "--x", "loss", "--y", "test_rmse",
                                        "--scatter", "--out", folder + "/points.png", "--scale", "1"])
        #expect(points.status == 0, "\(points.stderr)")
        #expect(isPNG(folder + "/points.png"))
    }

    @Test func badInputFailsWithAClearMessageAndNoFile() throws {
        let missingColumn = try runCinematrix(["plot", "--csv", folder + "/metrics.csv", "--x", "epoch", "--y", "nope", "--out", folder + "/bad.png"])
        #expect(missingColumn.status != 0)
        #expect(missingColumn.stderr.contains("no column 'nope'"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/bad.png"))
        let unwritable = try runCinematrix(["plot", "--csv", folder + "/metrics.csv", "--x", "epoch", "--y", "loss", "--out", folder + "/missing/x.png"])
        #expect(unwritable.status != 0)
        #expect(unwritable.stderr.contains("does not exist"))
        let font = try runCinematrix(["plot", folder, "--font", "No Such Font Family"])
        #expect(font.status != 0)
        #expect(font.stderr.contains("font 'No Such Font Family' not found"))
        let neither = try runCinematrix(["plot"])
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("--csv"))
    }
}
