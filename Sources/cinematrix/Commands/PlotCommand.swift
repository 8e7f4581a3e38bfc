import ArgumentParser
import Foundation
import Analyze
import Model
import Render

/// `cinematrix plot`: re-renders an experiment's charts from its metrics.csv, or charts any CSV.
struct PlotCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw PNG charts: a run's loss and RMSE curves, or any CSV's columns.",
        discussion: CommandHelp.discussion("""
            Experiment mode draws loss.png and rmse.png in EXPERIMENT_DIR afresh from its metrics.csv. CSV mode \
            draws y columns against an x column as lines, or as points with --scatter. Values that are NaN or \
            infinite are skipped and counted (--strict refuses them). Images are 720×450 points at 2 pixels per \
            point.
            """, examples: [
                "cinematrix plot outputs/run1",
                "cinematrix plot --csv results.csv --x k --y rmse,mae --out by-k.png",
                "cinematrix plot --csv embedding.csv --x pc1 --y pc2 --scatter --colour-by genre --out map.png",
            ]))

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

    @Option(name: .customLong("colour-by"), help: "Column whose values colour the points, one colour per distinct value; over ten values, the nine commonest and \"other\" (CSV mode, --scatter).")
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
                   software: ToolVersion.tag)
    }

    @OptionGroup var output: OutputOptions

    func execute(_ console: Console) throws -> CommandOutcome {
        let paths: [String], skipped: Int
        if let csv, let x, let out {
            // MovieLens genres keep their colours (GenrePalette) when every value is one.
            let request = CSVChart.Request(x: x, y: yColumns, scatter: scatter, colourBy: colourBy, logY: logY, title: title) { name in
                GenrePalette.familyRank(of: name) != nil || name.isEmpty ? GenrePalette.colour(for: name) : nil
            }
            let chart = try CSVChart.render(file: csv, request, style: style)
            try chart.write(to: out)
            (paths, skipped) = ([out], chart.skippedPoints)
        } else {
            (paths, skipped) = try ExperimentRun.redrawCurves(folder: experiment ?? ".", style: style)
        }
        if skipped > 0 { console.note("note: skipped \(skipped) point(s) with non-finite values") }
        return CommandOutcome(json: .object([("files", .array(paths.map(JSONValue.string))), ("skippedPoints", .int(skipped))]),
                             text: paths.joined(separator: "\n"))
    }
}
