import Model

/// Everything the explorer page shows, as it is written into the page (compact JSON, see
/// `ExplorerData+JSON.swift`): the catalogue rows on the map, the mapped users, and one entry
/// per model with its maps, neighbour lists, clusters and posterior spread.
///
/// Per-point numbers are `PackedColumn`s (little-endian integers in base64); map coordinates
/// are rounded to 1/65,535 of the map's extent, scores and spreads to thousandths. The schema
/// is documented in docs/data-formats.md ("The explorer page's data").
public struct ExplorerData: Sendable, Encodable {
    /// Version of this schema; the page refuses data of another.
    public static let currentFormat = 1
    public var format = ExplorerData.currentFormat
    /// Heading of the page, e.g. "Cinematrix explorer: run1".
    public var title: String
    /// A line under it: tool version and what was mapped.
    public var subtitle: String
    /// Genre names by genre index.
    public var genres: [String]
    /// "#rrggbb" per genre, from `GenrePalette`.
    public var genreColours: [String]
    public var movies: ExplorerMovies
    public var users: ExplorerUsers
    /// At least one; the page opens on the first.
    public var models: [ExplorerModel]
}

/// The movies on the map (those above the popularity floor), in dense-index order; every
/// column has one value per movie.
public struct ExplorerMovies: Sendable, Encodable {
    public var count: Int
    /// Raw MovieLens movie ids.
    public var ids: PackedColumn
    /// Titles without the year, joined by "\n" (line breaks inside a title become spaces).
    public var titles: String
    /// Release year, 0 when unknown.
    public var years: PackedColumn
    /// Genre bit set: `genreWords` values per movie, bit g of word w set when the movie has
    /// genre 32·w + g.
    public var genreWords: Int
    public var genres: PackedColumn
    /// The movie's rarest genre (the most specific; what the PNG maps colour by), or
    /// `genres.count` for none.
    public var primaryGenre: PackedColumn
    /// Training ratings.
    public var ratings: PackedColumn
    /// Mean training rating in hundredths of a star, 65,535 when unknown; nil when the model
    /// holds no ratings.
    public var meanRating: PackedColumn?
    /// IMDb and TMDb ids (0 = none), present only when the catalogue carries links
    /// (`ExplorerData.links(for:in:)`).
    public var imdb: PackedColumn?
    public var tmdb: PackedColumn?
}

/// The users on the user map (a seeded sample when there are more than asked for).
public struct ExplorerUsers: Sendable, Encodable {
    public var count: Int
    /// Raw user ids.
    public var ids: PackedColumn
    /// Training ratings per user.
    public var ratings: PackedColumn
    /// Favourite genre (`favouriteGenres`), or `genres.count` for none.
    public var favouriteGenre: PackedColumn
    /// Users in the model; `count` of them are mapped.
    public var total: Int
}

/// One model's view of the movies and users.
public struct ExplorerModel: Sendable, Encodable {
    /// Short name for the switch, e.g. "bias-uv-genre MAP".
    public var name: String
    /// A line for people: kind, K, inference, training figures.
    public var detail: String
    /// The popularity floor (training ratings) of the map and of the neighbour lists.
    public var minRatings: Int
    /// Index of an earlier model with the very same vectors: this entry then carries no maps
    /// or lists of its own and the page shows that model's, at the same coordinates.
    public var sameAs: Int?
    /// t-SNE then PCA, of the movies and of the users.
    public var movieMaps: [ExplorerMap]?
    public var userMaps: [ExplorerMap]?
    /// Neighbours per movie (`neighbourCount` each, best first): indices into the movie table,
    /// exactly `cinematrix similar`'s list at this floor (cosine).
    public var neighbourCount: Int?
    public var neighbours: PackedColumn?
    /// Their cosine similarities in thousandths, as `similar` prints them (three decimals).
    public var scores: PackedColumn?
    /// k-means cluster of each movie (from 0) and each cluster's name.
    public var clusters: PackedColumn?
    public var clusterNames: [String]?
    /// Posterior spread of each movie in thousandths of a star (Gibbs models), and what it is
    /// ("posterior SD of the movie's bias").
    public var spread: PackedColumn?
    public var spreadLabel: String?
}

/// One 2-D map: a point per movie (or user), rounded to a 65,536-step grid over its extent.
public struct ExplorerMap: Sendable, Encodable {
    /// "tsne" or "pca", and the caption line ("t-SNE, perplexity 30, KL divergence 1.23").
    public var method: String
    public var detail: String
    /// The extent: x in x0…x1, y in y0…y1.
    public var x0: Double
    public var x1: Double
    public var y0: Double
    public var y1: Double
    /// u16 pairs (x, y) per point: round((x − x0) / (x1 − x0) · 65,535).
    public var xy: PackedColumn

    /// `map`'s points packed onto the grid.
    public init(_ map: EmbeddingMap) {
        method = map.method.rawValue
        detail = map.detail
        x0 = map.x.min() ?? 0
        x1 = map.x.max() ?? 0
        y0 = map.y.min() ?? 0
        y1 = map.y.max() ?? 0
        func step(_ v: Double, _ lo: Double, _ hi: Double) -> UInt32 {
            hi > lo ? UInt32(max(0, min(65_535, ((v - lo) / (hi - lo) * 65_535).rounded()))) : 0
        }
        var packed = [UInt32]()
        packed.reserveCapacity(map.x.count * 2)
        for i in map.x.indices {
            packed.append(step(map.x[i], x0, x1))
            packed.append(step(map.y[i], y0, y1))
        }
        xy = PackedColumn(unsigned: packed, atLeast: .u16)
    }
}

/// A movie's ids on other sites, for the page's links.
public struct ExternalIDs: Sendable, Equatable {
    public var imdb: Int64?
    public var tmdb: Int64?

    public init(imdb: Int64?, tmdb: Int64?) {
        self.imdb = imdb
        self.tmdb = tmdb
    }
}

extension ExplorerData {
    /// IMDb and TMDb ids of dense `movie` in `model`'s catalogue (MovieLens `links.csv`, kept
    /// by `prepare` in the dataset and by training in the model), or nil when the catalogue has
    /// no links; an id the release does not give is nil.
    public static func links(for movie: Int, in model: FactorModel) -> ExternalIDs? {
        guard let links = model.catalog.links else { return nil }
        return ExternalIDs(imdb: links.imdb[movie] > 0 ? links.imdb[movie] : nil, tmdb: links.tmdb[movie] > 0 ? links.tmdb[movie] : nil)
    }
}
