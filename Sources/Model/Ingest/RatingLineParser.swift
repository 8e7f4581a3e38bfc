import IngestKernels

/// Byte-level parser for ratings lines: no Strings, one pass.
///
/// Each line is `user SEP movie SEP rating SEP timestamp` (or the fields in the format's
/// `fieldOrder`, from a ratings.csv header) ended by LF, CRLF or a lone CR (the last line may
/// lack it). Ids are decimal integers below 2³¹, ratings decimals on the format's scale
/// (`4`, `4.0`, `4.5`, `4.50`), timestamps decimal seconds below 2³². Blank lines are ignored;
/// a UTF-8 byte order mark at the start of the file is skipped; a first line that does not
/// start with a digit is a header when `header` is set.
/// Plain lines are parsed 4,096 at a time by `cmx_parse_rating_lines` (C: about 18 ns a line on
/// one core of the workplace machine, standalone, where this Swift loop with its sink took
/// about 48 ns in perf); any other line is parsed here.
/// Cost: O(bytes); a 52 KB scratch block per call.
enum RatingLineParser {
    /// Parses `bytes` (whole lines) into `chunk`. `fileOffset` is the file offset of `bytes[0]`,
    /// for locating bad lines. Stops at the first bad line unless `skipBad` is set.
    static func parse(_ bytes: UnsafeRawBufferPointer, fileOffset: Int, format: RatingLineFormat,
                      header: Bool, skipBad: Bool, into chunk: RatingChunk) {
        var sink = ChunkSink(chunk)
        parse(bytes, fileOffset: fileOffset, format: format, header: header, skipBad: skipBad, into: &sink)
        sink.finish()
    }

    /// Parses `bytes` (whole lines), handing each good rating to `sink`.
    static func parse<K: RatingSink>(_ bytes: UnsafeRawBufferPointer, fileOffset: Int, format: RatingLineFormat,
                                     header: Bool, skipBad: Bool, into sink: inout K) {
        // The scanner relies on every line ending in LF (so digit loops need no bounds check):
        // whole lines are parsed in place, an unterminated last line from a copy with an LF.
        // (A file with lone-CR line ends is all "last line": parsed from one copy.)
        var bytes = bytes, fileOffset = fileOffset
        if fileOffset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) {  // UTF-8 byte order mark
            bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
            fileOffset = 3
        }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var whole = bytes.count
        while whole > 0 && bytes[whole - 1] != 10 { whole -= 1 }
        if whole > 0 {
            dispatch(UnsafeRawBufferPointer(start: base, count: whole), fileOffset, format, header, skipBad, &sink)
        }
        if whole < bytes.count && (sink.lines.firstBad == nil || skipBad) {
            let tail = Array(bytes[whole...]) + [10]
            tail.withUnsafeBytes { dispatch($0, fileOffset + whole, format, header && whole == 0, skipBad, &sink) }
        }
    }

    private static func dispatch<K: RatingSink>(_ bytes: UnsafeRawBufferPointer, _ fileOffset: Int, _ format: RatingLineFormat,
                                                _ header: Bool, _ skipBad: Bool, _ sink: inout K) {
        switch format.separator {
        case .comma: run(bytes, fileOffset, format, header, skipBad, &sink, Comma.self)
        case .tab: run(bytes, fileOffset, format, header, skipBad, &sink, Tab.self)
        case .doubleColon: run(bytes, fileOffset, format, header, skipBad, &sink, DoubleColon.self)
        }
    }

    private static func run<S: FieldSeparator, K: RatingSink>(
        _ bytes: UnsafeRawBufferPointer, _ fileOffset: Int, _ format: RatingLineFormat,
        _ header: Bool, _ skipBad: Bool, _ sink: inout K, _: S.Type
    ) {
        guard let raw = bytes.baseAddress, bytes.count > 0 else { return }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let end = base + bytes.count
        var p = base
        let units = format.halfUnits
        let minHalf = UInt64(units.min), maxHalf = UInt64(units.max), oddAllowed = units.oddAllowed
        let standardOrder = format.fieldOrder == RatingLineFormat.standardOrder

        if header && !isDigit(p[0]) { p = nextLine(p, end) }
        // Plain lines go through the C fast path a block at a time; a line it stops at (blank,
        // bad, unusually spelled) and the last 64 bytes are parsed here, one line at a time.
        let block = 4096
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: block * 13, alignment: 16)
        defer { scratch.deallocate() }
        let users = scratch.bindMemory(to: UInt32.self, capacity: 3 * block)
        let movies = users + block, times = users + 2 * block
        let halves = (scratch + 12 * block).bindMemory(to: UInt8.self, capacity: block)
        var tryFast = standardOrder
        while p < end {
            if tryFast && end - p >= 64 {
                var n = 0
                let used = cmx_parse_rating_lines(p, end, S.code, UInt32(minHalf), UInt32(maxHalf), oddAllowed ? 1 : 0,
                                                  users, movies, halves, times, block, &n)
                sink.accept(users: users, movies: movies, halves: halves, times: times, count: n)
                if !sink.wantsMore { return }
                p += used
                if n == block { continue }
                tryFast = false
                continue
            }
            tryFast = standardOrder
            let c0 = p[0]
            if c0 == 10 { p += 1; continue }
            if c0 == 13 { p += 1; if p < end && p[0] == 10 { p += 1 }; continue }
            let lineStart = p
            var bad: BadLineKind? = nil
            if !standardOrder {
                if let r = permutedLine(&p, end, format.fieldOrder, units, S.self, bad: &bad) {
                    sink.accept(user: r.user, movie: r.movie, half: r.half, time: r.time)
                    if !sink.wantsMore { return }
                }
            } else {
            parse: do {
                // user
                let (u, un) = digits(&p, end)
                if un == 0 || un > 10 || u > 0x7FFF_FFFF {
                    bad = un == 0 && atLineEnd(p, end) ? .missingField : .nonNumericID
                    break parse
                }
                if !S.skip(&p, end) { bad = atLineEnd(p, end) ? .missingField : .nonNumericID; break parse }
                // movie
                let (m, mn) = digits(&p, end)
                if mn == 0 || mn > 10 || m > 0x7FFF_FFFF {
                    bad = mn == 0 && atLineEnd(p, end) ? .missingField : .nonNumericID
                    break parse
                }
                if !S.skip(&p, end) { bad = atLineEnd(p, end) ? .missingField : .nonNumericID; break parse }
                // rating
                let (whole, wn) = digits(&p, end)
                var half = whole &* 2
                var ok = wn > 0 && wn < 4
                if p < end && p[0] == 46 {  // '.'
                    p += 1
                    let first = p < end ? p[0] : 0
                    if first == 53 { half &+= 1; p += 1 } else if first == 48 { p += 1 } else { ok = false }
                    while p < end && p[0] == 48 { p += 1 }
                }
                if !ok || half < minHalf || half > maxHalf || (!oddAllowed && half & 1 == 1) {
                    bad = (wn == 0 && atLineEnd(p, end)) ? .missingField : .ratingOffScale
                    break parse
                }
                if !S.skip(&p, end) {
                    bad = atLineEnd(p, end) ? .missingField : .ratingOffScale
                    break parse
                }
                // timestamp
                let (t, tn) = digits(&p, end)
                if tn == 0 || tn > 10 || t > 0xFFFF_FFFF {
                    bad = (tn == 0 && atLineEnd(p, end)) ? .missingField : .badTimestamp
                    break parse
                }
                if !endLine(&p, end) {
                    bad = S.skip(&p, end) ? .extraField : .badTimestamp
                    break parse
                }
                sink.accept(user: UInt32(truncatingIfNeeded: u), movie: UInt32(truncatingIfNeeded: m),
                            half: UInt8(truncatingIfNeeded: half), time: UInt32(truncatingIfNeeded: t))
                if !sink.wantsMore { return }
            }
            }
            if let kind = bad {
                if sink.lines.firstBad == nil { sink.lines.firstBad = (fileOffset + (lineStart - base), kind) }
                if !skipBad { return }
                sink.lines.counts[kind, default: 0] += 1
                p = nextLine(lineStart, end)
            }
        }
    }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    @inline(__always) private static func atLineEnd(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        p >= end || p[0] == 10 || p[0] == 13
    }

    /// Skips the line end at `p` (LF, CRLF, a lone CR, or the end of the input) and returns
    /// true, or returns false leaving `p` unchanged.
    @inline(__always) private static func endLine(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        if p >= end { return true }
        if p[0] == 10 { p += 1; return true }
        if p[0] == 13 {
            p += 1
            if p < end && p[0] == 10 { p += 1 }
            return true
        }
        return false
    }

    /// Parses one line whose fields come in `order` (0 user, 1 movie, 2 rating, 3 timestamp;
    /// from a ratings.csv header), leaving `p` after its line end. Not the fast path: only files
    /// whose header lists the columns in another order come here.
    private static func permutedLine<S: FieldSeparator>(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ order: [Int],
                                                        _ units: (min: Int, max: Int, oddAllowed: Bool), _: S.Type,
                                                        bad: inout BadLineKind?)
    -> (user: UInt32, movie: UInt32, half: UInt8, time: UInt32)? {
        func failure(_ kind: BadLineKind) -> (user: UInt32, movie: UInt32, half: UInt8, time: UInt32)? { bad = kind; return nil }
        var values: [UInt64] = [0, 0, 0, 0]
        for (i, field) in order.enumerated() {
            if i > 0 && !S.skip(&p, end) { return failure(atLineEnd(p, end) ? .missingField : kind(of: order[i - 1])) }
            if field == 2 {
                let (whole, wn) = digits(&p, end)
                var half = whole &* 2
                var ok = wn > 0 && wn < 4
                if p < end && p[0] == 46 {
                    p += 1
                    let first = p < end ? p[0] : 0
                    if first == 53 { half &+= 1; p += 1 } else if first == 48 { p += 1 } else { ok = false }
                    while p < end && p[0] == 48 { p += 1 }
                }
                if !ok || half < UInt64(units.min) || half > UInt64(units.max) || (!units.oddAllowed && half & 1 == 1) {
                    return failure(wn == 0 && atLineEnd(p, end) ? .missingField : .ratingOffScale)
                }
                values[2] = half
            } else {
                let (v, n) = digits(&p, end)
                let limit: UInt64 = field == 3 ? 0xFFFF_FFFF : 0x7FFF_FFFF
                if n == 0 || n > 10 || v > limit { return failure(n == 0 && atLineEnd(p, end) ? .missingField : kind(of: field)) }
                values[field] = v
            }
        }
        guard endLine(&p, end) else { return failure(S.skip(&p, end) ? .extraField : kind(of: order[3])) }
        return (UInt32(truncatingIfNeeded: values[0]), UInt32(truncatingIfNeeded: values[1]),
                UInt8(truncatingIfNeeded: values[2]), UInt32(truncatingIfNeeded: values[3]))
    }

    /// The kind of bad line for a malformed field holding quantity `field`.
    private static func kind(of field: Int) -> BadLineKind {
        switch field {
        case 2: return .ratingOffScale
        case 3: return .badTimestamp
        default: return .nonNumericID
        }
    }

    /// Reads decimal digits at `p`. No bounds check: the input's last byte is an LF.
    @inline(__always) private static func digits(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> (UInt64, Int) {
        var v: UInt64 = 0
        var q = p
        while true {
            let d = q[0] &- 48
            if d > 9 { break }
            v = v &* 10 &+ UInt64(d)
            q += 1
        }
        let n = q - p
        p = q
        return (n > 19 ? .max : v, n)
    }

    @inline(__always) private static func nextLine(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var q = p
        while q < end && q[0] != 10 && q[0] != 13 { q += 1 }
        _ = endLine(&q, end)
        return q
    }
}

/// Where the parser puts good ratings (raw ids, rating × 2, seconds), specialised per use:
/// storing them (`ChunkSink`), counting them, or scattering them into place.
protocol RatingSink {
    mutating func accept(user: UInt32, movie: UInt32, half: UInt8, time: UInt32)
    /// Bad lines met so far.
    var lines: BadLineRecord { get set }
    /// False once the sink needs no more lines (parsing stops); true by default.
    var wantsMore: Bool { get }
    /// Takes a block of lines (see the extension's default).
    mutating func accept(users: UnsafePointer<UInt32>, movies: UnsafePointer<UInt32>, halves: UnsafePointer<UInt8>,
                         times: UnsafePointer<UInt32>, count: Int)
}

extension RatingSink {
    var wantsMore: Bool { true }

    /// Takes `count` lines at once (the C fast path's blocks); by default one at a time,
    /// stopping when the sink wants no more.
    @inline(__always)
    mutating func accept(users: UnsafePointer<UInt32>, movies: UnsafePointer<UInt32>, halves: UnsafePointer<UInt8>,
                         times: UnsafePointer<UInt32>, count: Int) {
        for i in 0..<count {
            accept(user: users[i], movie: movies[i], half: halves[i], time: times[i])
            if !wantsMore { return }
        }
    }
}

/// Bad lines met while parsing one chunk: counts by kind and the first one's byte offset.
struct BadLineRecord {
    var counts: [BadLineKind: Int] = [:]
    var firstBad: (offset: Int, kind: BadLineKind)?
}

/// Stores ratings into a `RatingChunk`.
struct ChunkSink: RatingSink {
    let chunk: RatingChunk
    var n: Int
    var maxUser: UInt32, maxMovie: UInt32
    let users, movies, times: UnsafeMutablePointer<UInt32>
    let halves: UnsafeMutablePointer<UInt8>
    var lines = BadLineRecord()

    init(_ chunk: RatingChunk) {
        self.chunk = chunk
        n = chunk.count
        maxUser = chunk.maxUser; maxMovie = chunk.maxMovie
        users = chunk.users; movies = chunk.movies; times = chunk.times; halves = chunk.halves
        lines.counts = chunk.badCounts
        lines.firstBad = chunk.firstBad
    }

    @inline(__always) mutating func accept(user: UInt32, movie: UInt32, half: UInt8, time: UInt32) {
        users[n] = user; movies[n] = movie; halves[n] = half; times[n] = time
        if user > maxUser { maxUser = user }
        if movie > maxMovie { maxMovie = movie }
        n += 1
    }

    func finish() {
        chunk.count = n; chunk.maxUser = maxUser; chunk.maxMovie = maxMovie
        chunk.badCounts = lines.counts; chunk.firstBad = lines.firstBad
    }
}

/// A field separator, as a type so the parser is specialised per separator.
protocol FieldSeparator {
    /// The separator's code for the C fast path (`CMX_SEP_…`).
    static var code: Int32 { get }
    /// Skips the separator at `p` and returns true, or returns false leaving `p` unchanged.
    static func skip(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool
}

enum Comma: FieldSeparator {
    static var code: Int32 { Int32(CMX_SEP_COMMA) }
    @inline(__always) static func skip(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        if p < end && p[0] == 44 { p += 1; return true }
        return false
    }
}

enum Tab: FieldSeparator {
    static var code: Int32 { Int32(CMX_SEP_TAB) }
    @inline(__always) static func skip(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        if p < end && p[0] == 9 { p += 1; return true }
        return false
    }
}

enum DoubleColon: FieldSeparator {
    static var code: Int32 { Int32(CMX_SEP_DOUBLE_COLON) }
    @inline(__always) static func skip(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        if p + 1 < end && p[0] == 58 && p[1] == 58 { p += 2; return true }
        return false
    }
}
