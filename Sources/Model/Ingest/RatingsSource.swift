/// One ratings file as the plan resolved it: the file, how its lines are spelled (separator,
/// scale, column order from its header), whether its ratings are test ratings (a fixed test
/// file), and the line-aligned byte ranges it is parsed in — the parse-chunks stage that
/// every reading strategy runs.
struct RatingsSource: Sendable {
    let file: InputFile
    let format: RatingLineFormat
    /// Whether every rating of the file is a test rating (`--test` files).
    let isTest: Bool
    /// Line-aligned byte ranges, parsed one per task.
    let ranges: [Range<Int>]

    /// `file` cut into `parts` ranges; by default one per 4 MB, at most 16 (enough to keep every
    /// thread busy; more would only add per-chunk tables).
    init(file: InputFile, format: RatingLineFormat, isTest: Bool = false, parts: Int? = nil) throws {
        self.file = file
        self.format = format
        self.isTest = isTest
        ranges = try file.lineAlignedChunks(parts: parts ?? Self.defaultParts(bytes: file.size))
    }

    /// One range per 4 MB, at least 1 and at most 16.
    static func defaultParts(bytes: Int) -> Int { max(1, min(16, bytes / (4 << 20))) }

    /// Parses range `c` into `sink` (the file's header is skipped in range 0), mapping the
    /// range into memory only meanwhile. Stops at the first bad line unless `skipBad`.
    /// Cost O(bytes of the range).
    @inline(__always)
    func parse<K: RatingSink>(range c: Int, skipBad: Bool, into sink: inout K) throws {
        let range = ranges[c]
        try file.withMappedBytes(range) { bytes in
            RatingLineParser.parse(bytes, fileOffset: range.lowerBound, format: format,
                                   header: c == 0 && format.separator == .comma, skipBad: skipBad, into: &sink)
        }
    }

    /// Adds the ranges' bad-line counts (`records`, one per range) to `tally` and locates the
    /// first bad line (file order): throws it unless bad lines are skipped.
    func resolveBadLines(_ records: [BadLineRecord], skipBad: Bool, tally: inout BadLineTally) throws {
        for r in records { for (k, n) in r.counts { tally.counts[k, default: 0] += n } }
        if let (offset, kind) = records.lazy.compactMap(\.firstBad).first {
            let (line, text) = try file.lineInfo(at: offset)
            let error = IngestError.badLine(file: file.path, line: line, kind: kind, detail: Self.detail(kind, text, format))
            if !skipBad { throw error }
            if tally.first == nil { tally.first = error }
        }
    }

    /// What is wrong with the bad line `text` of kind `kind`, for the error message.
    static func detail(_ kind: BadLineKind, _ text: String, _ format: RatingLineFormat) -> String {
        let scale = format.scale
        let fields: String
        switch format.separator {
        case .comma: fields = "userId,movieId,rating,timestamp"
        case .tab: fields = "user<TAB>movie<TAB>rating<TAB>timestamp"
        case .doubleColon: fields = "user::movie::rating::timestamp"
        }
        let what: String
        switch kind {
        case .ratingOffScale:
            what = "the rating is not on the scale \(scale.minimum)–\(scale.maximum) in steps of \(scale.step)"
        case .missingField, .extraField: what = "expected \(fields)"
        case .nonNumericID: what = "user and movie ids must be whole numbers below 2147483648"
        case .badTimestamp: what = "the timestamp must be whole seconds since 1970, below 4294967296"
        default: what = kind.rawValue
        }
        return "\(what), found \"\(text)\""
    }
}
