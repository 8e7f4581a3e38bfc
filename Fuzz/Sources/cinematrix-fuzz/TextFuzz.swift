@testable import Model
@testable import Render

/// The ratings line parser, as every ingest path runs it.
enum RatingsFuzz {
    static func run(_ data: [UInt8]) {
        guard let flags = data.first else { return }
        let body = Array(data.dropFirst())
        let separators: [RatingLineFormat.Separator] = [.comma, .tab, .doubleColon]
        let scales = [RatingLineFormat.halfStars, RatingLineFormat.wholeStars]
        var format = RatingLineFormat(separator: separators[Int(flags % 3)], scale: scales[Int(flags >> 2 & 1)])
        let header = flags & 8 != 0, skipBad = flags & 16 != 0
        if format.separator == .comma {
            guard let withHeader = try? format.readingHeader(Array(body.prefix(4096)), file: "ratings.csv") else { return }
            format = withHeader
        }
        // Parsed as one chunk, or split at a line start as the chunked readers do.
        let split = flags & 32 != 0 ? (body.firstIndex(of: 10).map { $0 + 1 } ?? 0) : 0
        var ranges = [0..<split, split..<body.count].filter { !$0.isEmpty }
        if ranges.isEmpty { ranges = [0..<0] }
        let units = format.halfUnits
        body.withUnsafeBytes { raw in
            for (k, range) in ranges.enumerated() {
                let chunk = RatingChunk(capacity: range.count / 8 + 1)
                RatingLineParser.parse(UnsafeRawBufferPointer(rebasing: raw[range]), fileOffset: range.lowerBound, format: format,
                                       header: header && k == 0, skipBad: skipBad, into: chunk)
                require(chunk.count <= chunk.capacity, "stored \(chunk.count) ratings in room for \(chunk.capacity)")
                for i in 0..<chunk.count {
                    let half = Int(chunk.halves[i])
                    require(half >= units.min && half <= units.max && (units.oddAllowed || half % 2 == 0), "rating code \(half) off the scale")
                    require(chunk.users[i] <= 0x7FFF_FFFF && chunk.movies[i] <= 0x7FFF_FFFF, "id above 2^31 accepted")
                }
                if let bad = chunk.firstBad { require(bad.offset >= range.lowerBound && bad.offset < max(1, range.upperBound), "bad line outside the chunk") }
            }
        }
    }
}

/// The three movie-list parsers and the catalogue they build.
enum MoviesFuzz {
    static func run(_ data: [UInt8]) {
        guard let flags = data.first else { return }
        let body = Array(data.dropFirst())
        var tally = BadLineTally()
        let skipBad = flags & 4 != 0
        do {
            let builder: CatalogBuilder
            var order: [String]? = nil
            switch flags % 3 {
            case 0: builder = try MovieListParser.csv(bytes: body, path: "movies.csv", skipBad: skipBad, tally: &tally)
            case 1: builder = try MovieListParser.dat(bytes: body, path: "movies.dat", skipBad: skipBad, tally: &tally)
            default:
                let cut = body.firstIndex(of: 0) ?? body.count
                (builder, order) = try MovieListParser.item(bytes: Array(body[(min(cut + 1, body.count))...]), path: "u.item",
                                                            genres: Array(body[..<cut]), genrePath: "u.genre",
                                                            skipBad: skipBad, tally: &tally)
            }
            let catalog = builder.build(order: order)
            require(catalog.count == builder.movieIDs.count, "catalogue lost movies")
            require(Set(catalog.movieIDs).count == catalog.count, "a movie id listed twice was accepted")
            _ = TitleIndex(catalog: catalog).match("a")
        } catch {}
    }
}

/// The title index: titles one per line, the last line the query.
enum TitleIndexFuzz {
    static func run(_ data: [UInt8]) {
        var lines = data.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        // Queries beyond 500 characters are to be refused before the lookup (issue 16, done in
        // the commands); a lookup's cost grows with the query's length times the titles'.
        guard let query = lines.popLast(), query.utf8.count <= 500, lines.count <= 300 else { return }
        let n = lines.count
        let catalog = MovieCatalog(movieIDs: (0..<n).map(Int64.init), titles: lines, years: [Int32](repeating: 1999, count: n),
                                   genreNames: [], genreStart: [Int](repeating: 0, count: n + 1), genreIndex: [])
        let popularity = (0..<n).map { Int32(truncatingIfNeeded: $0 &* 7919 % 101) }
        let index = TitleIndex(catalog: catalog, popularity: popularity)
        switch index.match(query) {
        case let .found(i): require(i >= 0 && i < n, "match out of range")
        case let .ambiguous(all): require(all.allSatisfy { $0 >= 0 && $0 < n }, "match out of range")
        default: break
        }
        if let i = try? index.resolve(query) { require(i >= 0 && i < n, "resolve out of range") }
    }
}

/// `plot --csv`: the table reader, every column as numbers and as text, and the axis of each
/// numeric column (limits and ticks, linear and log).
enum PlotCSVFuzz {
    static func run(_ data: [UInt8]) {
        guard let table = try? NumericTable(bytes: data, file: "fuzz.csv") else { return }
        for name in table.columns.prefix(8) {
            _ = try? table.textColumn(name)
            guard let values = try? table.column(name) else { continue }
            let finite = values.filter(\.isFinite)
            guard let lo = finite.min(), let hi = finite.max() else { continue }
            for scale in [AxisScale.linear, .log] where scale == .linear || lo > 0 {
                let (a, b) = Axis.limits(min: lo, max: hi, scale: scale)
                let axis = Axis(lower: a, upper: b, scale: scale, maxTicks: 6)
                require(axis.ticks.count <= 1000, "\(axis.ticks.count) ticks")
            }
        }
    }
}
