import ArgumentParser
import Foundation
import Model
import Projection
import Analyze
import Render

/// `cinematrix maps`: the movie map once per genre, that genre highlighted over the rest in grey.
struct MapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maps",
        abstract: "Draw the movie map once per genre (that genre highlighted) and a small-multiples grid.",
        discussion: """
          cinematrix maps outputs/run1 --min-ratings 20 --out outputs/maps
        Writes DIR/map-<Genre>.png for every genre, DIR/maps-grid.png with all genres, and
        DIR/map.csv with the coordinates (movieId,title,genres,x,y). The map is t-SNE unless
        --method pca.
        """
    )

    @Argument(help: "The model: an experiment folder or its model.cmxm file.") var model: String
    @Option(help: "pca or tsne.") var method: ProjectCommand.Method = .tsne
    @OptionGroup var map: MapOptions

    func validate() throws { try map.check() }

    func run() throws {
        let m = try ModelFile.read(path: ModelFile.resolve(model))
        let out = map.out ?? "outputs/maps"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let selection = try MovieSelection(model: m, minRatings: map.minRatings)
        let result = try map.embed(selection.vectors, method: method)
        try selection.writeCoordinates(result.coordinates, to: out + "/map.csv")
        try AtomicFile.write(map.summary(result, method: method, count: selection.rows.count), to: out + "/map.txt")
        let x = (0..<result.coordinates.rows).map { Double(result.coordinates[$0, 0]) }
        let y = (0..<result.coordinates.rows).map { Double(result.coordinates[$0, 1]) }
        var panels: [HighlightGrid.Panel] = []
        for (g, name) in m.catalog.genreNames.enumerated() {
            let members = (0..<selection.rows.count).filter { selection.membership.genres(of: $0).contains(Int32(g)) }
            guard !members.isEmpty else { continue }
            let panel = HighlightGrid.Panel(title: "\(name) (\(members.count))", members: members)
            panels.append(panel)
            try HighlightGrid(title: "\(name) on the movie map", x: x, y: y, panels: [panel])
                .render(style: chartStyle(width: 720, height: 620)).write(to: "\(out)/map-\(fileSafe(name)).png")
        }
        try HighlightGrid(title: "Genres on the movie map (\(selection.rows.count) movies)", x: x, y: y, panels: panels,
                          colourPerPanel: true)
            .render(style: chartStyle(width: 1400, height: 1100)).write(to: out + "/maps-grid.png")
        print("\(panels.count) genre maps of \(selection.rows.count) movies → \(out)/map-*.png, \(out)/maps-grid.png")
    }
}

/// A name safe in a file name: letters, digits and '-' kept, anything else becomes '-'.
func fileSafe(_ s: String) -> String {
    String(s.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
}
