import Core
import Foundation
import Model

/// The work of `cinematrix explore`: reads the models an `ExplorerInput` names, maps them
/// (`ExplorerEntry.compute`; a model with the very same vectors as an earlier one shares its
/// maps, and other models' maps are turned onto the first's by `MapAlignment`), and writes
/// `OUT/explore.html`, the coordinates as CSV (`movies-tsne.csv`, `users-tsne.csv`,
/// `movies-pca.csv`, `users-pca.csv`; in `OUT/<kind>-<inference>/` for each model of a
/// comparison) and `OUT/explore.json` (the settings and seed).
public enum ExplorerFiles {
    /// What was written.
    public struct Written: Sendable {
        public var page: String
        /// Size of the page in bytes.
        public var pageBytes: Int
        public var csvFiles: [String]
        /// Names of the models on the page, and of those left out (bias models have no vectors).
        public var models: [String]
        public var skipped: [String]
        public var movies: Int
        public var users: Int
        public var minRatings: Int
        /// Each stage ("reading …", "tsne of 87585 movies", …, "page") with its seconds, in order.
        public var stages: [StageClock.Stage]
    }

    /// Explores `input` into `out` (nil: `input.defaultOut`).
    public static func write(input: ExplorerInput, out: String?, settings: ExplorerEntry.Settings,
                             step: (String) -> Void, progress: @escaping (Double) -> Void) throws -> Written {
        let target = out ?? input.defaultOut
        var clock = StageClock()
        func mark(_ stage: String?) {
            clock.start(stage)
            if let stage { step(stage) }
        }
        var entries: [ExplorerEntry] = [], folders: [String] = [], skipped: [String] = []
        for source in input.models {
            mark("reading \(source.path)")
            let m = try ModelFile.read(path: source.path, includeUserRatings: true)
            guard m.rank > 0 else {
                if input.models.count == 1 { throw AnalysisError.noVectors(source.path) }
                skipped.append(source.name)
                continue
            }
            if let same = entries.firstIndex(where: { $0.sameAs == nil && $0.model.movieFactors == m.movieFactors
                && $0.model.userFactors == m.userFactors && $0.model.catalog.movieIDs == m.catalog.movieIDs }) {
                var shared = entries[same]
                shared.name = source.name
                shared.model = m
                shared.sameAs = same
                entries.append(shared)
            } else {
                let prefix = input.models.count > 1 ? "\(source.name): " : ""
                var entry = try ExplorerEntry.compute(name: source.name, model: m, settings: settings, step: { mark(prefix + $0) },
                                                      progress: progress)
                if let first = entries.first, entry.movieRows == first.movieRows, entry.userRows == first.userRows {
                    entry.movieMaps = zip(entry.movieMaps, first.movieMaps).map { MapAlignment.aligned($0, onto: $1) }
                    entry.userMaps = zip(entry.userMaps, first.userMaps).map { MapAlignment.aligned($0, onto: $1) }
                }
                entries.append(entry)
            }
            folders.append(source.folder)
        }
        guard let first = entries.first else { throw AnalysisError.noVectors(input.models.first?.path) }
        mark("page")
        let data = try ExplorerData.assemble(title: "Cinematrix explorer: \(input.name)", entries: entries)
        let html = try ExplorerPage.html(data)
        try OutputFolderCreation.create(target)
        let page = target + "/explore.html"
        try OutputFile.write(html, to: page)
        var csvFiles: [String] = []
        for (entry, folder) in zip(entries, folders) {
            let dir = folder.isEmpty ? target : target + "/" + folder
            try OutputFolderCreation.create(dir)
            for (kind, maps) in [(EmbeddingKind.movies, entry.movieMaps), (.users, entry.userMaps)] {
                for map in maps {
                    let path = "\(dir)/\(kind.rawValue)-\(map.method.rawValue).csv"
                    try MapProjection.table(kind, map: map, model: entry.model).write(to: path)
                    csvFiles.append(path)
                }
            }
        }
        var record = ParameterRecord(model: input.models.map(\.path).joined(separator: ", "), seed: settings.seed, minRatings: first.minRatings)
        record.set("perplexity", settings.perplexity)
        record.set("clusters", Double(settings.clusters))
        record.set("maxUsers", Double(settings.maxUsers))
        record.set("movies", Double(first.movieRows.count))
        record.set("users", Double(first.userRows.count))
        record.set("neighbours", Double(ExplorerEntry.neighbourCount))
        try record.write(to: target + "/explore.json")
        mark(nil)
        return Written(page: page, pageBytes: html.utf8.count, csvFiles: csvFiles, models: entries.map(\.name), skipped: skipped,
                       movies: first.movieRows.count, users: first.userRows.count, minRatings: first.minRatings, stages: clock.stages)
    }
}
