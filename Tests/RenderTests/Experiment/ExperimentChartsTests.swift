import Core
import Foundation
import Testing
import Render
import TestSupport

@Suite struct ExperimentChartsTests {
    let csv = """
    epoch,loss,train_rmse,test_rmse,seconds
    1,900.5,1.20,1.30,0.4
    2,420.0,0.95,1.02,0.4
    3,300.0,0.85,0.96,0.4
    4,280.0,0.80,nan,0.4
    5,275.0,0.78,0.97,0.4

    """

    @Test func metricsCSVBecomesLossAndRMSECharts() throws {
        let folder = temporaryFolder("experiment")
        let metrics = folder + "/metrics.csv"
        try csv.write(toFile: metrics, atomically: true, encoding: .utf8)
        let result = try ExperimentCharts.render(metricsCSV: metrics, into: folder, style: ChartStyle(scale: 1))
        #expect(result.paths.map { ($0 as NSString).lastPathComponent } == ["loss.png", "rmse.png"])
        #expect(result.skipped == 1)
        for path in result.paths {
            let png = try DecodedPNG(contentsOf: path)
            #expect(png.image.width == 720 && png.image.height == 450)
            #expect(png.text.first?.key == "Title")
        }
        // The best test epoch is 3 (0.96), named in the RMSE legend.
        let chart = try ExperimentCharts.rmseChart(ExperimentCharts.Metrics(csv: metrics)).render(style: ChartStyle(scale: 1))
        #expect(chart.layout.legend.map(\.label).last == "best epoch 3: 0.96")
    }

    @Test func trainOnlyRunsDrawOneSeries() throws {
        let m = ExperimentCharts.Metrics(epoch: [1, 2, 3], loss: [3, 2, 1], trainRMSE: [1.1, 0.9, 0.8], testRMSE: [.nan, .nan, .nan])
        let chart = ExperimentCharts.rmseChart(m)
        #expect(chart.series.count == 1 && chart.best == nil)
        // One series and no marker: no legend (the y label names the series).
        #expect(try chart.render(style: ChartStyle(scale: 1)).layout.legend.isEmpty)
    }

    @Test func lossFallingByOrdersOfMagnitudeUsesLogAxis() {
        let steep = ExperimentCharts.Metrics(epoch: [1, 2, 3], loss: [1e6, 1e4, 1e3], trainRMSE: [1, 1, 1], testRMSE: [1, 1, 1])
        let flat = ExperimentCharts.Metrics(epoch: [1, 2, 3], loss: [10, 8, 7], trainRMSE: [1, 1, 1], testRMSE: [1, 1, 1])
        #expect(ExperimentCharts.lossChart(steep).yScale == .log)
        #expect(ExperimentCharts.lossChart(flat).yScale == .linear)
    }

    @Test func csvProblemsNameFileAndLine() throws {
        #expect { try NumericTable(text: "a,b\n1,2\n3\n", file: "t.csv") } throws: { "\($0)".hasPrefix("t.csv:3:") }
        let table = try NumericTable(text: "a,\"b, quoted\"\n1,x\n", file: "t.csv")
        #expect(table.columns == ["a", "b, quoted"])
        #expect { try table.column("b, quoted") } throws: { "\($0)".hasPrefix("t.csv:2:") && "\($0)".contains("'x'") }
        #expect { try table.column("c") } throws: { "\($0)".contains("the columns are a, b, quoted") }
        // Blank lines are skipped (like pandas); empty cells, nan and inf are accepted.
        #expect(try NumericTable(text: "a\n\nnan\ninf\n2.5\n", file: "t").column("a").map { $0.isNaN ? -1 : $0 } == [-1, .infinity, 2.5])
        let crlf = try NumericTable(text: "a,b\r\n,2\r\n\"3\",-1e3\r\n", file: "t")
        #expect(try crlf.column("b") == [2, -1000])
        #expect(try crlf.column("a").map { $0.isNaN ? -1 : $0 } == [-1, 3])
    }
}
