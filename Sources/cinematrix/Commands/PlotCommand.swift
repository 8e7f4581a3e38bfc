import ArgumentParser
import Foundation
import Model
import Render

/// `cinematrix plot`: re-renders an experiment's charts from its metrics.csv, or charts any CSV.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw PNG charts: a run's loss and RMSE curves, or any CSV's columns.",
        discussion: """
        Experiment mode re-renders loss.png and rmse.png in EXPERIMENT_DIR from its
        metrics.csv (columns epoch,loss,train_rmse,test_rmse,seconds):
          cinematrix plot outputs/run1
        CSV mode draws y columns against an x column as lines, or as points:
          cinematrix plot --csv results.csv --x k --y rmse,mae --out by-k.png
          cinematrix plot --csv embedding.csv --x pc1 --y pc2 --scatter \\
            --colour-by genre --out map.png
        Values that are NaN or infinite are skipped and counted (--strict refuses
        them). Images are 720x450 points at 2 pixels per point.
        """
    )

    @Argument(help: "Experiment folder holding metrics.csv (omit when using --csv).")
    var experiment: String?

    @Option(help: "CSV file with a header row to chart.")
    var csv: String?

    @Option(help: "Column for the x axis (CSV mode).")
    var x: String?

    @Option(help: "Column(s) for the y axis, comma-separated (CSV mode).")
    var y: String?

    @Option(help: "Output PNG path (CSV mode).")
    var out: String?

    @Flag(help: "Draw points instead of lines (CSV mode).")
    var scatter = false

    @Option(name: .customLong("colour-by"), help: "Column whose values colour the points, one colour per distinct value (CSV mode, --scatter).")
    var colourBy: String?

    @Flag(help: "Logarithmic y axis (CSV mode, lines).")
    var logY = false

    @Option(help: "Chart title (CSV mode; default: the y column names).")
    var title: String?

    @Option(help: "Image width in points.")
    var width: Double = 720

    @Option(help: "Image height in points.")
    var height: Double = 450

    @Option(help: "Pixels per point: 1 for screen previews, 2 for reports and high-DPI displays.")
    var scale: Double = 2

    @Option(help: "Font family name or path of a .ttf/.otf file.")
    var font: String = "DejaVu Sans"

    @Flag(help: "Transparent background instead of white.")
    var transparent = false

    @Flag(help: "Refuse NaN or infinite values instead of skipping them.")
    var strict = false

    func validate() throws {
        if csv == nil {
            guard experiment != nil else {
                throw ValidationError("give an experiment folder (cinematrix plot outputs/run1) or --csv FILE --x COL --y COL --out FILE.png")
            }
            guard x == nil, y == nil, out == nil, !scatter, !logY else {
                throw ValidationError("--x, --y, --out, --scatter and --log-y belong to CSV mode; add --csv FILE")
            }
        } else {
            guard experiment == nil else { throw ValidationError("give either an experiment folder or --csv, not both") }
            guard x != nil, y != nil, let out else { throw ValidationError("CSV mode needs --x COL --y COL[,COL] --out FILE.png") }
            guard out.lowercased().hasSuffix(".png") else { throw ValidationError("--out must name a .png file, e.g. --out chart.png") }
            if scatter && yColumns.count != 1 { throw ValidationError("--scatter takes exactly one --y column") }
            if colourBy != nil && !scatter { throw ValidationError("--colour-by applies to --scatter") }
            if scatter && logY { throw ValidationError("--log-y applies to line charts; drop --scatter or --log-y") }
        }
        guard (0.25...8).contains(scale) else { throw ValidationError("--scale must be between 0.25 and 8 (2 for high-DPI)") }
        guard (50...20000).contains(width), (50...20000).contains(height) else {
            throw ValidationError("--width and --height must be between 50 and 20000 points")
        }
    }

    var yColumns: [String] { (y ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    var style: ChartStyle {
        ChartStyle(width: width, height: height, scale: scale, background: transparent ? .transparent : .white,
                   font: FontChoice(font), nonFinite: strict ? .refuse : .skip,
                   metadata: [("Parameters", "cinematrix plot " + CommandLine.arguments.dropFirst().joined(separator: " "))],
                   software: "cinematrix \(Cinematrix.version)")
    }

    func run() throws {
        // RenderError and PlotInputError describe themselves; ArgumentParser prints them and exits 1.
        if let csv { try plotCSV(csv) } else if let experiment { try plotExperiment(experiment) }
    }

    private func plotExperiment(_ folder: String) throws {
        let metrics = (folder as NSString).appendingPathComponent("metrics.csv")
        guard FileManager.default.fileExists(atPath: metrics) else {
            throw PlotInputError(message: "\(metrics) not found; point plot at a folder written by cinematrix train, or use --csv")
        }
        var values = try ExperimentCharts.Metrics(csv: metrics)
        // The titles name the model and data, as train draws them, when the model is beside it.
        if let m = try? ModelFile.read(path: folder, users: .none) {
            values.subject = chartSubject(m.hyperparameters, users: m.trainingUserCount, movies: m.movieCount)
        }
        let result = try ExperimentCharts.render(metrics: values, into: folder, style: style)
        if result.skipped > 0 { Terminal.error("note: skipped \(result.skipped) non-finite value(s)") }
        print(result.paths.joined(separator: "\n"))
    }

    private func plotCSV(_ file: String) throws {
        let table = try NumericTable(contentsOf: file)
        let xs = try table.column(x!)
        let rendered: RenderedChart
        if scatter {
            let column = yColumns[0]
            var categories: [Int]?, names: [String] = []
            if let colourBy {
                // Categories in order of first appearance, so the legend follows the file.
                let cells = try table.textColumn(colourBy)
                var index: [String: Int] = [:]
                categories = cells.map { cell in
                    if let i = index[cell] { return i }
                    index[cell] = names.count
                    names.append(cell)
                    return names.count - 1
                }
            }
            rendered = try ScatterPlot(title: title, xLabel: x, yLabel: column, x: xs, y: try table.column(column),
                                       categories: categories, categoryNames: names).render(style: style)
        } else {
            let series = try yColumns.map { LineSeries(name: $0, x: xs, y: try table.column($0)) }
            let integer = xs.allSatisfy { !$0.isFinite || $0 == $0.rounded() }
            rendered = try LineChart(title: title ?? yColumns.joined(separator: ", "), xLabel: x,
                                     yLabel: yColumns.count == 1 ? yColumns[0] : nil, series: series,
                                     yScale: logY ? .log : .linear, integerX: integer).render(style: style)
        }
        try rendered.write(to: out!)
        if rendered.skippedPoints > 0 { Terminal.error("note: skipped \(rendered.skippedPoints) point(s) with non-finite values") }
        print(out!)
    }
}

/// A plot input problem found by the command itself, printed as "Error: …" with exit status 1.
private struct PlotInputError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
