/// Byte-level parser for ratings lines: no Strings, no allocation, one pass.
///
/// Each line is `user SEP movie SEP rating SEP timestamp` ended by LF or CRLF (the last line may
/// lack it). Ids are decimal integers below 2³¹, ratings decimals on the format's scale
/// (`4`, `4.0`, `4.5`, `4.50`), timestamps decimal seconds below 2³². Blank lines are ignored;
/// a first line that does not start with a digit is a header when `header` is set.
/// Cost: about one branch per byte.
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

        if header && !isDigit(p[0]) { p = nextLine(p, end) }
        while p < end {
            let c0 = p[0]
            if c0 == 10 { p += 1; continue }
            if c0 == 13 && p + 1 < end && p[1] == 10 { p += 2; continue }
            let lineStart = p
            var bad: BadLineKind? = nil
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
                if p < end && p[0] == 13 { p += 1 }
                if p < end {
                    if p[0] != 10 {
                        bad = S.skip(&p, end) ? .extraField : .badTimestamp
                        break parse
                    }
                    p += 1
                }
                sink.accept(user: UInt32(truncatingIfNeeded: u), movie: UInt32(truncatingIfNeeded: m),
                            half: UInt8(truncatingIfNeeded: half), time: UInt32(truncatingIfNeeded: t))
                if !sink.wantsMore { return }
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
        p >= end || p[0] == 10 || (p[0] == 13 && (p + 1 >= end || p[1] == 10))
    }

    /// Reads decimal digits at `p`. No bounds check: the input's last byte is an LF.
    /// Eight bytes at a time (SWAR) while at least 16 bytes remain, byte at a time near the end.
    /// Returns the value (`.max` past 19 digits) and the number of digits.
    @inline(__always) private static func digits(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> (UInt64, Int) {
        if end - p >= 16 { return wideDigits(&p, end) }
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

    /// `digits` eight bytes at a time: each block's leading digits are found with bit tricks
    /// and converted with three multiplies. Needs 8 readable bytes at every block start, which
    /// the caller guarantees for the first block; later blocks follow 8 digits, and a number
    /// of over 19 digits is cut short only after it is known to be too long.
    @inline(__always) private static func wideDigits(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> (UInt64, Int) {
        var v: UInt64 = 0
        var n = 0
        while true {
            let w = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian
            // A byte is a digit when its high nibble is 3 and, after adding 6, still is.
            let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
            let flags = ((w & high) | (((w &+ 0x0606_0606_0606_0606) & high) >> 4)) ^ 0x3333_3333_3333_3333
            let k = flags == 0 ? 8 : flags.trailingZeroBitCount >> 3
            if k > 0 {
                // The k digits, most significant first, moved to the top bytes (zeros below).
                var x = (w & 0x0F0F_0F0F_0F0F_0F0F) << UInt64(64 - 8 * k)
                x = (x &* 2561) >> 8
                x = ((x & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
                let block = ((x & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
                if n == 0 {
                    v = block
                } else {
                    var scale: UInt64 = 1
                    for _ in 0..<k { scale &*= 10 }
                    v = v &* scale &+ block
                }
                n += k
                p += k
            }
            if k < 8 || n > 19 || end - p < 8 { break }
        }
        if n > 19 {
            while p[0] &- 48 <= 9 { p += 1; n += 1 }
            return (.max, n)
        }
        if end - p < 8 {
            // Fewer than 8 bytes left after a full block: finish byte at a time.
            while p[0] &- 48 <= 9 { v = v &* 10 &+ UInt64(p[0] &- 48); p += 1; n += 1 }
            if n > 19 { return (.max, n) }
        }
        return (v, n)
    }

    @inline(__always) private static func nextLine(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var q = p
        while q < end && q[0] != 10 { q += 1 }
        return q < end ? q + 1 : end
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
}

extension RatingSink {
    var wantsMore: Bool { true }
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
    /// Skips the separator at `p` and returns true, or returns false leaving `p` unchanged.
    static func skip(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool
}

enum Comma: FieldSeparator {
    @inline(__always) static func skip(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        if p < end && p[0] == 44 { p += 1; return true }
        return false
    }
}

enum Tab: FieldSeparator {
    @inline(__always) static func skip(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        if p < end && p[0] == 9 { p += 1; return true }
        return false
    }
}

enum DoubleColon: FieldSeparator {
    @inline(__always) static func skip(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        if p + 1 < end && p[0] == 58 && p[1] == 58 { p += 2; return true }
        return false
    }
}
