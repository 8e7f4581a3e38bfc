import Foundation
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

/// The title index. Building an index per input cost ~2 ms under AddressSanitizer with a few
/// hundred titles, so most inputs query one index built at start-up from a fixed catalogue, and
/// the index building is fuzzed on small catalogues taken from the input:
/// - first byte even: the rest is a query, looked up in the fixed index;
/// - first byte odd: up to 24 titles one per line (at most 4 KB; a trailing "(1999)" is the
///   year, as in movies.csv), the last line the query; the title picked by the first byte
///   (`byte >> 1`) is also looked up by its own display title, which must find it.
/// Queries beyond `TitleIndex.maximumQueryLength` must be refused by `resolve` unread.
enum TitleIndexFuzz {
    /// Titles (with years) exercising what the index must handle: moved articles, accents,
    /// apostrophes, alternative titles, the same title in several years and twice in one year,
    /// titles differing only in punctuation, a number as a title, a combining mark (compared
    /// in full), a non-Latin script. Kept small: a failed lookup scores every title.
    static let fixedTitles: [(String, Int32)] = [
        ("Toy Story", 1995), ("Toy Story 2", 1999), ("Matrix, The", 1999), ("Seven (a.k.a. Se7en)", 1995), ("1984", 1984),
        ("Hamlet", 1948), ("Hamlet", 1996), ("Emma", 1996), ("Emma", 1996), ("Paper Island", 2003), ("\"Paper\" Island", 2003),
        ("Boot, Das", 1981), ("Untitled Project", 0), ("+1", 2013), ("'burbs, The", 1989), ("Schindler's List", 1993),
        // Few, since every failed lookup keys every title, and these take Foundation's folding.
        ("Amélie (Fabuleux destin d'Amélie Poulain, Le)", 2001), ("Cafe\u{301} Society", 2016), ("東京物語", 1953),
    ]

    static let fixed: (index: TitleIndex, catalog: MovieCatalog) = {
        let ids = fixedTitles.indices.map { Int64($0 * 37 + 1) }
        let (index, catalog) = makeIndex(titles: fixedTitles.map(\.0), years: fixedTitles.map(\.1), ids: ids)
        for m in 0..<catalog.count { requireFindsItself(m, index, catalog) }
        return (index, catalog)
    }()

    static func makeIndex(titles: [String], years: [Int32], ids: [Int64]) -> (TitleIndex, MovieCatalog) {
        let n = titles.count
        let catalog = MovieCatalog(movieIDs: ids, titles: titles, years: years, genreNames: [],
                                   genreStart: [Int](repeating: 0, count: n + 1), genreIndex: [])
        let popularity = (0..<n).map { Int32(truncatingIfNeeded: $0 &* 7919 % 101) }
        return (TitleIndex(catalog: catalog, popularity: popularity), catalog)
    }

    static func run(_ data: [UInt8]) {
        guard let flags = data.first else { return }
        if flags & 1 == 0 {
            lookUp(String(decoding: data.dropFirst(), as: UTF8.self), fixed.index, fixed.catalog)
            return
        }
        guard data.count <= 4096 else { return }
        var lines = data.dropFirst().split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard let query = lines.popLast(), lines.count <= 24 else { return }
        let split = lines.map(TitleKey.splitYear)
        let (index, catalog) = makeIndex(titles: split.map(\.name), years: split.map { $0.year ?? 0 }, ids: lines.indices.map(Int64.init))
        lookUp(query, index, catalog)
        if !lines.isEmpty { requireFindsItself(Int(flags >> 1) % lines.count, index, catalog) }
    }

    /// Resolves `query` (the lookup `recommend --rate` and `similar` do) and checks what it returns.
    static func lookUp(_ query: String, _ index: TitleIndex, _ catalog: MovieCatalog) {
        do {
            let m = try index.resolve(query)
            require(m >= 0 && m < catalog.count, "resolved to \(m) of \(catalog.count)")
            require(query.count <= TitleIndex.maximumQueryLength, "a query of \(query.count) characters was read")
        } catch let e as TitleLookupError {
            require(e.tooLong == (query.utf8.count > TitleIndex.maximumQueryLength * 4 || query.count > TitleIndex.maximumQueryLength),
                    "too long: \(e.tooLong) for \(query.count) characters")
            require(e.candidates.count <= 10 && e.candidateIDs.allSatisfy(catalog.movieIDs.contains), "candidates not in the catalogue")
            require(!e.ambiguous || e.candidates.count >= 2, "ambiguous with \(e.candidates.count) candidate(s)")
        } catch {
            require(false, "unexpected error \(error)")
        }
    }

    /// A movie looked up by its display title ("Title (1999)"), as a user copies it from a
    /// listing, is found (alone or among equals) — unless its title has no letter or digit,
    /// or reads as an id ("#12", "id:12").
    static func requireFindsItself(_ m: Int, _ index: TitleIndex, _ catalog: MovieCatalog) {
        let typed = catalog.displayTitle(m)
        let lowered = typed.trimmingCharacters(in: .whitespaces).lowercased()
        guard !TitleKey.key(catalog.titles[m]).isEmpty, !lowered.hasPrefix("#"), !lowered.hasPrefix("id:"),
              typed.count <= TitleIndex.maximumQueryLength else { return }
        switch index.match(typed) {
        case let .found(i): require(i == m, "'\(typed)' found movie \(i), not \(m)")
        case let .ambiguous(all): require(all.contains(m), "'\(typed)' matched \(all) without \(m)")
        case .notFound: require(false, "'\(typed)' (movie \(m)) not found by its own title")
        }
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
