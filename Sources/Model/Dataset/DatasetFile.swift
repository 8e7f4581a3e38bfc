import Core
import IngestKernels

/// The binary dataset file (`.cmx`, container kind "DSET"): one prepared `Dataset`, versioned
/// and checksummed, written atomically with `ContainerWriter` and read back with
/// `ContainerReader`.
///
/// Sections (little-endian), in file order: user ids (Int64); movie ids, titles, years, genre
/// names and membership; the training matrix by user (row starts Int64, column indices Int32,
/// values); test triplets; scale; provenance; the training matrix by movie (last, so that it
/// can be computed while the rest is written). Readers find sections by name, so files with
/// the older order (by movie before the test triplets) read the same. Ratings that are all
/// multiples of 0.5 in 0…127.5 are stored as one byte each (half-star units, section suffix
/// `.h`), others as Float (`.f`); test timestamps as UInt32 when they fit (`.u32`), else Int64.
/// At 32 M ratings the file is about 350 MB and loads in a fraction of a second (one checksum
/// pass and one copy per section).
public enum DatasetFile {
    /// The container kind.
    public static let kind = "DSET"
    /// The format version written.
    public static let version: UInt32 = 1

    /// Writes `dataset` to `path` atomically (a temporary file renamed into place).
    /// Cost: one pass over the data.
    public static func write(_ dataset: Dataset, to path: String) throws {
        let u = dataset.trainByUser, m = dataset.trainByMovie
        precondition(m.rowCount == u.columnCount && m.columnCount == u.rowCount && m.count == u.count,
                     "trainByMovie must be the transpose of trainByUser")
        try write(userIDs: dataset.userIDs, catalog: dataset.catalog, scale: dataset.scale, byUser: u,
                  byMovie: { m }, test: dataset.test, source: dataset.source, to: path)
    }

    /// Writes a dataset given as its parts. `byMovie`, the transpose of `byUser` (so its shape
    /// and encoding follow from `byUser`), is asked for only when its sections are reached, and
    /// they come last, so it can still be being computed while everything else is written.
    static func write(userIDs: [Int64], catalog: MovieCatalog, scale: RatingScale, byUser: RatingMatrix,
                      byMovie: @escaping () -> RatingMatrix, test: RatingTriplets, source: String, to path: String) throws {
        let codes = HalfStarCodes.representable(byUser.value)  // byMovie holds the same values
        let times = test.timestamps
        let time: Section
        if times.allSatisfy({ $0 >= 0 && $0 <= Int64(UInt32.max) }) {
            time = Section(".time.u32", count: times.count, as: UInt32.self) { i in UInt32(truncatingIfNeeded: times[i]) }
        } else {
            time = Section(".time", times)
        }
        let content = Content(
            userIDs: userIDs, catalog: catalog, scale: scale, source: source, byUserStart: byUser.rowStart,
            byUserColumns: Section(".col", byUser.columnIndex), byUserRatings: Section(".val", ratings: byUser.value, codes: codes),
            testUsers: Section(".user", test.users), testMovies: Section(".movie", test.movies),
            testRatings: Section(".rating", ratings: test.ratings, codes: HalfStarCodes.representable(test.ratings)), testTimes: time,
            byMovieStart: { byMovie().rowStart },
            byMovieColumns: Section(".col", byteCount: 4 * byUser.count) { sink in
                try byMovie().columnIndex.withUnsafeBytes { try sink.write($0) }
            },
            byMovieRatings: codes
                ? Section(".val.h", byteCount: byUser.count) { sink in try writeCodes(byMovie().value, to: &sink) }
                : Section(".val.f", byteCount: 4 * byUser.count) { sink in try byMovie().value.withUnsafeBytes { try sink.write($0) } })
        try write(content, to: path)
    }

    /// The bytes of one section of a dataset file, however the caller holds them: a name suffix
    /// (`.col`, `.val.h`, …), a byte count, and a producer that writes exactly that many bytes.
    struct Section {
        var suffix: String
        var byteCount: Int
        var produce: (inout FileSink) throws -> Void

        init(_ suffix: String, byteCount: Int, produce: @escaping (inout FileSink) throws -> Void) {
            self.suffix = suffix
            self.byteCount = byteCount
            self.produce = produce
        }

        /// The bytes of a whole array.
        init<T: BitwiseCopyable>(_ suffix: String, _ array: [T]) {
            self.init(suffix, byteCount: array.count * MemoryLayout<T>.stride) { sink in
                try array.withUnsafeBytes { try sink.write($0) }
            }
        }

        /// `count` values computed one at a time by `value(i)`, written a megabyte at a time.
        init<T: BitwiseCopyable>(_ suffix: String, count: Int, as type: T.Type, value: @escaping (Int) -> T) {
            self.init(suffix, byteCount: count * MemoryLayout<T>.stride) { sink in
                try Pieces.write(count: count, as: T.self, to: &sink) { range, out in
                    for i in range { out[i - range.lowerBound] = value(i) }
                    return true
                }
            }
        }

        /// Ratings as half-star codes (`stem` + `.h`, encoded a piece at a time as the file is
        /// written, with no whole copy of the codes held) when `codes`, else as Float (`.f`).
        init(_ stem: String, ratings: [Float], codes: Bool) {
            guard codes else { self.init(stem + ".f", ratings); return }
            self.init(stem + ".h", byteCount: ratings.count) { sink in try writeCodes(ratings, to: &sink) }
        }
    }

    /// Everything a dataset file holds, section by section. The by-movie sections come last
    /// and are produced only when reached, so they can still be being computed meanwhile.
    struct Content {
        var userIDs: [Int64]
        var catalog: MovieCatalog
        var scale: RatingScale
        var source: String
        /// Row starts of the training matrix by user (users + 1).
        var byUserStart: [Int]
        var byUserColumns: Section, byUserRatings: Section
        var testUsers: Section, testMovies: Section, testRatings: Section, testTimes: Section
        /// Row starts of the training matrix by movie (movies + 1), asked for when reached.
        var byMovieStart: () -> [Int]
        var byMovieColumns: Section, byMovieRatings: Section
    }

    /// Writes `c` to `path` atomically, sections in the documented order.
    static func write(_ c: Content, to path: String) throws {
        var w = ContainerWriter(kind: kind, version: version)
        let catalog = c.catalog
        w.add("users.id", c.userIDs)
        w.add("movies.id", catalog.movieIDs)
        w.add("movies.title", titles: catalog.titles)
        w.add("movies.year", catalog.years)
        w.add("genres.name", strings: catalog.genreNames)
        w.add("genres.start", catalog.genreStart.map(Int64.init))
        w.add("genres.index", catalog.genreIndex)
        if let links = catalog.links {
            w.add("movies.imdb", links.imdb)
            w.add("movies.tmdb", links.tmdb)
        }
        let users = c.userIDs.count, movies = catalog.count
        w.add("byUser.shape", [Int64(users), Int64(movies)])
        w.add("byUser.start", c.byUserStart.map(Int64.init))
        func add(_ prefix: String, _ s: Section) { w.add(prefix + s.suffix, byteCount: s.byteCount, produce: s.produce) }
        add("byUser", c.byUserColumns)
        add("byUser", c.byUserRatings)
        add("test", c.testUsers)
        add("test", c.testMovies)
        add("test", c.testRatings)
        add("test", c.testTimes)
        w.add("scale", [c.scale.minimum, c.scale.maximum, c.scale.step])
        w.add("source", strings: [c.source])
        w.add("byMovie.shape", [Int64(movies), Int64(users)])
        let byMovieStart = c.byMovieStart
        add("byMovie", Section(".start", byteCount: 8 * (movies + 1)) { sink in
            let start = byMovieStart()
            try Pieces.write(count: start.count, as: Int64.self, to: &sink) { range, out in
                for i in range { out[i - range.lowerBound] = Int64(start[i]) }
                return true
            }
        })
        add("byMovie", c.byMovieColumns)
        add("byMovie", c.byMovieRatings)
        try w.write(to: path)
    }

    /// Reads the dataset at `path`, checking kind, version, length and checksum, and returns it
    /// with the file's checksum (a fingerprint of the data, e.g. for recording in a run).
    /// Throws `ContainerError` for a missing, truncated, corrupted or foreign file.
    public static func read(path: String) throws -> (dataset: Dataset, checksum: UInt64) {
        let r = try ContainerReader(path: path, kind: kind, versions: 1...version)
        let userIDs: [Int64] = try r.array("users.id")
        let movieIDs: [Int64] = try r.array("movies.id")
        let m = movieIDs.count, u = userIDs.count
        let titles = try r.titleList("movies.title", expectedCount: m)
        let years: [Int32] = try r.array("movies.year", expectedCount: m)
        let genreNames = try r.strings("genres.name")
        let genreStart: [Int64] = try r.array("genres.start", expectedCount: m + 1)
        let genreIndex: [Int32] = try r.array("genres.index")
        guard genreStart.first == 0, genreStart.last.map(Int.init) == genreIndex.count,
              zip(genreStart, genreStart.dropFirst()).allSatisfy({ $0 <= $1 }),
              genreIndex.allSatisfy({ $0 >= 0 && Int($0) < genreNames.count }) else {
            throw ContainerError.missingSection(path: path, name: "genres")
        }
        var catalog = MovieCatalog(movieIDs: movieIDs, titleList: titles, years: years, genreNames: genreNames,
                                   genreStart: genreStart.map(Int.init), genreIndex: genreIndex)
        catalog.links = try MovieLinks.read(r, imdb: "movies.imdb", tmdb: "movies.tmdb", movies: m, path: path)
        let scale = try checkedScale(try r.array("scale", expectedCount: 3), path: path)
        let byUser = try readMatrix(r, "byUser", rows: u, columns: m, scale: scale)
        let byMovie = try readMatrix(r, "byMovie", rows: m, columns: u, scale: scale)
        try checkOrientations(byUser, byMovie, path: path)
        let testUsers: [Int32] = try r.array("test.user")
        let n = testUsers.count
        let testMovies: [Int32] = try r.array("test.movie", expectedCount: n)
        let testRatings = try readRatings(r, "test.rating", count: n, scale: scale)
        let testTimes: [Int64] = r.has("test.time.u32")
            ? try r.array("test.time.u32", as: UInt32.self, expectedCount: n).map(Int64.init)
            : try r.array("test.time", expectedCount: n)
        guard testUsers.allSatisfy({ $0 >= 0 && Int($0) < u }), testMovies.allSatisfy({ $0 >= 0 && Int($0) < m }) else {
            throw ContainerError.missingSection(path: path, name: "test")
        }
        let source = try r.strings("source", expectedCount: 1)[0]
        let dataset = Dataset(userIDs: userIDs, catalog: catalog, scale: scale,
                              trainByUser: byUser, trainByMovie: byMovie,
                              test: RatingTriplets(users: testUsers, movies: testMovies, ratings: testRatings, timestamps: testTimes),
                              source: source)
        return (dataset, r.checksum)
    }

    // MARK: sections

    static func writeCodes(_ values: [Float], to sink: inout FileSink) throws {
        try values.withUnsafeBufferPointer { v in
            try Pieces.write(count: v.count, as: UInt8.self, to: &sink) { range, out in
                cmx_half_star_codes(v.baseAddress! + range.lowerBound, range.count, out) != 0
            }
        }
    }

    /// Ratings stored as half-star codes (which must lie on `scale`) or as Floats (which must be finite).
    private static func readRatings(_ r: ContainerReader, _ name: String, count: Int, scale: RatingScale) throws -> [Float] {
        if r.has(name + ".h") {
            let codes: [UInt8] = try r.array(name + ".h", expectedCount: count)
            try checkCodes(codes, on: scale, name: name + ".h", path: r.path)
            return HalfStarCodes.decode(codes)
        }
        let values: [Float] = try r.array(name + ".f", expectedCount: count)
        try checkFinite(values, name: name + ".f", path: r.path)
        return values
    }

    private static func readMatrix(_ r: ContainerReader, _ name: String, rows: Int, columns: Int, scale: RatingScale) throws -> RatingMatrix {
        let shape: [Int64] = try r.array(name + ".shape", expectedCount: 2)
        guard shape == [Int64(rows), Int64(columns)] else { throw ContainerError.missingSection(path: r.path, name: name + ".shape") }
        let start: [Int64] = try r.array(name + ".start", expectedCount: rows + 1)
        let col: [Int32] = try r.array(name + ".col")
        let val = try readRatings(r, name + ".val", count: col.count, scale: scale)
        // Structural checks, so a damaged-but-checksummed or hand-made file cannot crash a kernel.
        var ok = start.first == 0 && start.last == Int64(col.count)
        if ok { for i in 0..<rows where start[i] > start[i + 1] { ok = false; break } }
        if ok { ok = col.allSatisfy { $0 >= 0 && Int($0) < columns } }
        guard ok else { throw ContainerError.missingSection(path: r.path, name: name) }
        return RatingMatrix(rowCount: rows, columnCount: columns, rowStart: start.map(Int.init), columnIndex: col, value: val)
    }
}

/// Ratings as one byte each: the rating times two, when every rating is a multiple of 0.5 in
/// 0…127.5 (all MovieLens data).
enum HalfStarCodes {
    /// Whether every rating has a code (see `cmx_half_star_codes`). Runs on all cores; the
    /// codes themselves are written a piece at a time by `DatasetFile`.
    static func representable(_ values: [Float]) -> Bool {
        let parts = values.count >= 1 << 20 ? 4 * availableCores : 1
        var ok = [Bool](repeating: true, count: parts)
        values.withUnsafeBufferPointer { v in
            ok.withUnsafeMutableBufferPointer { okay in
                let flags = okay.baseAddress!
                parallelChunks(count: v.count, threads: parts) { part, range in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16_384) { scratch in
                        var start = range.lowerBound
                        while start < range.upperBound {
                            let n = min(16_384, range.upperBound - start)
                            if cmx_half_star_codes(v.baseAddress! + start, n, scratch.baseAddress!) == 0 {
                                flags[part] = false
                                return
                            }
                            start += n
                        }
                    }
                }
            }
        }
        return ok.allSatisfy { $0 }
    }

    static func decode(_ codes: [UInt8]) -> [Float] {
        [Float](unsafeUninitializedCapacity: codes.count) { out, n in
            codes.withUnsafeBufferPointer { c in for i in 0..<c.count { out[i] = Float(c[i]) * 0.5 } }
            n = codes.count
        }
    }
}

/// Writes a derived array to a container sink a megabyte at a time through one reusable buffer.
enum Pieces {
    /// Calls `fill(range, buffer)` for consecutive ranges of `0..<count` (at most 1 MiB of `T`
    /// each), then writes the buffer's first `range.count` values. `fill` returns false when it
    /// met a value it cannot represent, which is a programming error here (checked before).
    static func write<T: BitwiseCopyable>(count: Int, as _: T.Type, to sink: inout FileSink,
                                          fill: (Range<Int>, UnsafeMutablePointer<T>) -> Bool) throws {
        let piece = max(1, (1 << 20) / MemoryLayout<T>.stride)
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: piece)
        defer { buffer.deallocate() }
        var start = 0
        while start < count {
            let range = start..<min(count, start + piece)
            let ok = fill(range, buffer)
            precondition(ok, "value changed while the file was written")
            try sink.write(UnsafeRawBufferPointer(start: buffer, count: range.count * MemoryLayout<T>.stride))
            start = range.upperBound
        }
    }
}
