/// Any CSV file's columns charted: y columns against an x column as lines, or one y column as
/// points, optionally coloured by a text column. The work of `cinematrix plot --csv`.
public enum CSVChart {
    /// What to draw.
    public struct Request: Sendable {
        public var x: String
        public var y: [String]
        public var scatter: Bool
        /// Column whose values colour the points (scatter only), in order of first appearance;
        /// with more than ten distinct values, the nine commonest and "other" (`CategoryLumping`).
        public var colourBy: String?
        public var logY: Bool
        public var title: String?
        /// Fixed colours for some category names (e.g. genres, so a genre has its colour here as in
        /// every other chart); used when every category shown has one.
        public var namedColour: (@Sendable (String) -> Colour?)?
        public init(x: String, y: [String], scatter: Bool = false, colourBy: String? = nil, logY: Bool = false, title: String? = nil,
                    namedColour: (@Sendable (String) -> Colour?)? = nil) {
            self.namedColour = namedColour
            self.x = x
            self.y = y
            self.scatter = scatter
            self.colourBy = colourBy
            self.logY = logY
            self.title = title
        }
    }

    /// Reads `file` and draws `request` in `style`. Throws `RenderError` naming the file, line
    /// or column at fault.
    public static func render(file: String, _ request: Request, style: ChartStyle) throws -> RenderedChart {
        let table = try NumericTable(contentsOf: file)
        let xs = try table.column(request.x)
        guard let first = request.y.first else { throw RenderError.invalidOption("give at least one y column") }
        if request.scatter {
            var categories: [Int]?, names: [String] = []
            if let colourBy = request.colourBy {
                let cells = try table.textColumn(colourBy)
                var index: [String: Int] = [:]
                categories = cells.map { cell in
                    if let i = index[cell] { return i }
                    index[cell] = names.count
                    names.append(cell)
                    return names.count - 1
                }
            }
            var colours: [Colour]?
            let named = names.map { request.namedColour?($0) }
            if named.allSatisfy({ $0 != nil }) && !names.isEmpty { colours = named.compactMap { $0 } }
            var ys = try table.column(first), x = xs
            if let found = categories, names.count > CategoryLumping.defaultLimit {
                let lumped = CategoryLumping.keepingLargest(found, names: names, colours: colours)
                // "other" is drawn first, behind the named categories.
                let other = lumped.names.count - 1
                let order = found.indices.sorted { (lumped.categories[$0] == other ? 0 : 1, $0) < (lumped.categories[$1] == other ? 0 : 1, $1) }
                (x, ys) = (order.map { xs[$0] }, order.map { ys[$0] })
                (categories, names, colours) = (order.map { lumped.categories[$0] }, lumped.names, lumped.colours)
            }
            return try ScatterPlot(title: request.title, xLabel: request.x, yLabel: first, x: x, y: ys,
                                   categories: categories, categoryNames: names, categoryColours: colours).render(style: style)
        }
        let series = try request.y.map { LineSeries(name: $0, x: xs, y: try table.column($0)) }
        let integer = xs.allSatisfy { !$0.isFinite || $0 == $0.rounded() }
        return try LineChart(title: request.title ?? request.y.joined(separator: ", "), xLabel: request.x,
                             yLabel: request.y.count == 1 ? first : nil, series: series,
                             yScale: request.logY ? .log : .linear, integerX: integer).render(style: style)
    }
}
