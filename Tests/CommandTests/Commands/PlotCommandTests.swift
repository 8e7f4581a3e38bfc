import Core
import Foundation
import Render
import Testing
import TestSupport

/// End-to-end tests of `cinematrix plot`.
@Suite struct PlotCommandTests {
    let folder: String = {
        let d = temporaryFolder("plot")
        try? "epoch,loss,train_rmse,test_rmse,seconds\n1,10,1.2,1.3,0.1\n2,6,1.0,1.1,0.1\n3,5,0.9,1.05,0.1\n"
            .write(toFile: d + "/metrics.csv", atomically: true, encoding: .utf8)
        return d
    }()

    /// The decoded pixels of the command's PNG at `path`.
    func image(_ path: String) throws -> PixelImage { try DecodedPNG(contentsOf: path).image }

    /// Whether the 7 × 7 pixels around device position `p` are background (white or grid).
    func blank(_ image: PixelImage, _ p: (x: Double, y: Double)) -> Bool {
        image.inkPixels(in: Rect(x: p.x.rounded(.down) - 3, y: p.y.rounded(.down) - 3, width: 7, height: 7)) == 0
    }

    // Where the data lands is found from the same chart drawn here with the Render library at
    // the command's size (720 × 450 points, --scale 1); the probes then read the command's file.

    @Test func experimentFolderGetsLossAndRMSECharts() throws {
        let result = try runCinematrix(["plot", folder, "--scale", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rmse.png"))
        let metrics = try ExperimentCharts.Metrics(csv: folder + "/metrics.csv")
        let rmse = try image(folder + "/rmse.png")
        #expect(rmse.width == 720 && rmse.height == 450)
        let f = try #require(try ExperimentCharts.rmseChart(metrics).render(style: ChartStyle(scale: 1)).layout.frames.first)
        // Epochs 1 and 2 (epoch 3 carries the best-epoch marker): train in the first colour,
        // test in the second, each on its value.
        for (epoch, train, test) in [(1.0, 1.2, 1.3), (2.0, 1.0, 1.1)] {
            let t = f.pixel(x: epoch, y: train), s = f.pixel(x: epoch, y: test)
            #expect(matches(rmse.probe(t.x, t.y), Palette.category(0)), "train RMSE, epoch \(epoch)")
            #expect(matches(rmse.probe(s.x, s.y), Palette.category(1)), "test RMSE, epoch \(epoch)")
        }
        #expect(blank(rmse, f.pixel(x: 1.5, y: 0.95)), "below both curves")
        let loss = try image(folder + "/loss.png")
        let g = try #require(try ExperimentCharts.lossChart(metrics).render(style: ChartStyle(scale: 1)).layout.frames.first)
        for (epoch, value) in [(1.0, 10.0), (2.0, 6.0), (3.0, 5.0)] {
            let p = g.pixel(x: epoch, y: value)
            #expect(matches(loss.probe(p.x, p.y), Palette.category(0)), "loss, epoch \(epoch)")
        }
        #expect(blank(loss, g.pixel(x: 2.5, y: 9)), "above the loss curve")
    }

    @Test func anyCSVAsLinesOrScatter() throws {
        let lines = try runCinematrix(["plot", "--csv", folder + "/metrics.csv", "--x", "epoch", "--y", "train_rmse,test_rmse",
                                       "--out", folder + "/lines.png", "--scale", "1"])
        #expect(lines.status == 0, "\(lines.stderr)")
        let epochs = [1.0, 2, 3], train = [1.2, 1.0, 0.9], test = [1.3, 1.1, 1.05], loss = [10.0, 6, 5]
        // Lines: the default title is the y columns; x is whole numbers.
        let drawn = try LineChart(title: "train_rmse, test_rmse", xLabel: "epoch",
                                  series: [LineSeries(name: "train_rmse", x: epochs, y: train), LineSeries(name: "test_rmse", x: epochs, y: test)],
                                  integerX: true).render(style: ChartStyle(scale: 1))
        let f = try #require(drawn.layout.frames.first)
        let lineImage = try image(folder + "/lines.png")
        for i in epochs.indices {
            let t = f.pixel(x: epochs[i], y: train[i]), s = f.pixel(x: epochs[i], y: test[i])
            #expect(matches(lineImage.probe(t.x, t.y), Palette.category(0)), "train_rmse at epoch \(epochs[i])")
            #expect(matches(lineImage.probe(s.x, s.y), Palette.category(1)), "test_rmse at epoch \(epochs[i])")
        }
        #expect(blank(lineImage, f.pixel(x: 2.5, y: 1.25)), "above both lines")
        for (entry, name) in zip(drawn.layout.legend, ["train_rmse", "test_rmse"]) {
            #expect(entry.label == name && matches(lineImage.probe(entry.swatchCentre.x, entry.swatchCentre.y), entry.colour), "legend \(name)")
        }

        let points = try runCinematrix(["plot", "--csv", folder + "/metrics.csv", "--x", "loss", "--y", "test_rmse",
                                        "--scatter", "--out", folder + "/points.png", "--scale", "1"])
        #expect(points.status == 0, "\(points.stderr)")
        let g = try #require(try ScatterPlot(xLabel: "loss", yLabel: "test_rmse", x: loss, y: test).render(style: ChartStyle(scale: 1)).layout.frames.first)
        let pointImage = try image(folder + "/points.png")
        for i in loss.indices {
            let p = g.pixel(x: loss[i], y: test[i])
            #expect(pointImage.hasTint(of: Palette.category(0), near: p.x, p.y, radius: 1), "point (\(loss[i]), \(test[i]))")
        }
        // Between the points, and where the x and y columns would put them if swapped: nothing.
        #expect(blank(pointImage, g.pixel(x: 8, y: 1.15)))
        #expect(blank(pointImage, g.pixel(x: 6, y: 1.3)) && blank(pointImage, g.pixel(x: 10, y: 1.05)))
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
