import Core
import Testing
import TestSupport
@testable import Model

/// The byte-level ratings parser, on every digit count and on both its paths: the C fast path
/// for plain lines and the Swift parser for the rest (unusual lines and the last 64 bytes).
@Suite struct IngestParserTests {
    func parse(_ text: String, _ format: RatingLineFormat = .init(separator: .comma, scale: RatingLineFormat.halfStars),
               skip: Bool = true) -> RatingChunk {
        let chunk = RatingChunk(capacity: text.utf8.count / 8 + 1)
        Array(text.utf8).withUnsafeBytes {
            RatingLineParser.parse($0, fileOffset: 0, format: format, header: true, skipBad: skip, into: chunk)
        }
        return chunk
    }

    @Test func idsAndTimestampsOfEveryLength() {
        var expected: [(UInt32, UInt32, UInt32)] = []
        var text = "userId,movieId,rating,timestamp\r\n"
        var value: UInt64 = 7
        for digits in 1...10 {
            let u = UInt32(min(value, 0x7FFF_FFFF)), m = UInt32(digits), t = UInt32(min(value, 0xFFFF_FFFF))
            text += "\(u),\(m),3.5,\(t)\(digits % 2 == 0 ? "\r\n" : "\n")"
            expected.append((u, m, t))
            value = value * 10 + UInt64(digits % 10)
        }
        text += "0,0,5,0"  // no final newline, whole-number rating
        expected.append((0, 0, 0))
        let c = parse(text)
        #expect(c.count == expected.count)
        for (i, e) in expected.enumerated() {
            #expect(c.users[i] == e.0 && c.movies[i] == e.1 && c.times[i] == e.2, "line \(i)")
        }
        #expect((0..<c.count - 1).allSatisfy { c.halves[$0] == 7 })
        #expect(c.halves[c.count - 1] == 10)
    }

    @Test(arguments: [RatingLineFormat.Separator.comma, .tab, .doubleColon])
    func randomNumbersOnTheFastPath(separator: RatingLineFormat.Separator) {
        // 3,000 lines with ids and timestamps of 1–10 digits, some with leading zeros, whole
        // and half stars, LF and CRLF: all but the last two lines or so are read by the C fast
        // path.
        var rng = SplitMix64(seed: 12)
        let sep = separator == .comma ? "," : (separator == .tab ? "\t" : "::")
        var text = separator == .comma ? "userId,movieId,rating,timestamp\n" : ""
        var expected: [(UInt32, UInt32, UInt8, UInt32)] = []
        func number(_ limit: UInt64) -> (String, UInt32) {
            let digits = 1 + Int(rng.next() % 10)
            var v: UInt64 = 0
            var s = ""
            for d in 0..<digits {
                let x = d == 0 && digits > 1 && rng.next() % 4 == 0 ? 0 : rng.next() % 10
                s += String(x)
                v = v * 10 + x
            }
            if v > limit { return (String(limit), UInt32(limit)) }
            return (s, UInt32(v))
        }
        for _ in 0..<3_000 {
            let (us, u) = number(0x7FFF_FFFF), (ms, m) = number(0x7FFF_FFFF), (ts, t) = number(0xFFFF_FFFF)
            let half = UInt8(1 + rng.next() % 10)
            let rating = half % 2 == 1 ? "\(half / 2).5" : (rng.next() % 2 == 0 ? "\(half / 2)" : "\(half / 2).0")
            text += [us, ms, rating, ts].joined(separator: sep) + (rng.next() % 5 == 0 ? "\r\n" : "\n")
            expected.append((u, m, half, t))
        }
        let c = parse(text, .init(separator: separator, scale: RatingLineFormat.halfStars), skip: false)
        #expect(c.count == expected.count && c.badCounts.isEmpty)
        for (i, e) in expected.enumerated() where i < c.count {
            #expect(c.users[i] == e.0 && c.movies[i] == e.1 && c.halves[i] == e.2 && c.times[i] == e.3, "line \(i)")
        }
    }

    @Test func overlongNumbersMidBufferAreBadLines() {
        let good = String(repeating: "1,2,4.0,1000000000\n", count: 10)
        let text = good + "1,2,4.0,99999999999999999999999\n" + good + "123456789012,2,4.0,1\n" + good
            + "1,2,4.0,4294967296\n" + good + "1,00000000000000000000000002,4.0,1\n" + good
        let c = parse(text)
        #expect(c.count == 50)
        #expect(c.badCounts == [.badTimestamp: 2, .nonNumericID: 2])
        #expect((0..<c.count).allSatisfy { c.times[$0] == 1_000_000_000 && c.users[$0] == 1 && c.movies[$0] == 2 })
    }

    @Test func unusualSpellingsMidBufferAreReadLikeAnywhereElse() {
        // The C fast path stops at these lines and the Swift parser takes them; the lines
        // around them go back to the fast path.
        let good = String(repeating: "3,4,2.0,5\n", count: 12)
        let odd = ["1,2,4.50,7\n", "\n", "1,2,4,8\r\n", "1,2,04.5,9\n", "\r\n", "0001,0002,1.0,10\n"]
        let text = "userId,movieId,rating,timestamp\n" + good + odd.joined(separator: good) + good
        let c = parse(text, skip: false)
        #expect(c.badCounts.isEmpty && c.firstBad == nil)
        let extra = (0..<c.count).filter { !(c.users[$0] == 3 && c.movies[$0] == 4 && c.halves[$0] == 4 && c.times[$0] == 5) }
        #expect(c.count == 12 * 7 + 4)
        #expect(extra.map { c.halves[$0] } == [9, 8, 9, 2])
        #expect(extra.map { c.times[$0] } == [7, 8, 9, 10])
        #expect(extra.map { c.users[$0] } == [1, 1, 1, 1])
    }

    @Test func outOfRangeNumbersAreBadLines() {
        let text = "1,2,4.0,4294967296\n2147483648,2,4.0,1\n1,12345678901234567890123,4.0,1\n1,2,4.50,1\n1,2,4.05,1\n"
        let c = parse(text)
        #expect(c.count == 1 && c.halves[0] == 9)
        #expect(c.badCounts == [.badTimestamp: 1, .nonNumericID: 2, .ratingOffScale: 1])
    }

    @Test func separatorsOtherThanComma() {
        let tab = parse("1\t2\t3\t4\n", .init(separator: .tab, scale: RatingLineFormat.wholeStars))
        #expect(tab.count == 1 && tab.halves[0] == 6)
        let dat = parse("10::20::4.5::30\n11::21::1::31", .init(separator: .doubleColon, scale: RatingLineFormat.halfStars))
        #expect(dat.count == 2 && dat.users[1] == 11 && dat.times[1] == 31 && dat.halves[0] == 9)
        let whole = parse("1\t2\t3.5\t4\n", .init(separator: .tab, scale: RatingLineFormat.wholeStars))
        #expect(whole.count == 0 && whole.badCounts == [.ratingOffScale: 1])
    }
}

/// RFC 4180 records as `movies.csv` uses them.
@Suite struct CSVRecordsTests {
    private func records(_ text: String) throws -> [([String], Int)] {
        var r = CSVRecords(Array(text.utf8))
        var out: [([String], Int)] = []
        while let rec = try r.next() { out.append((rec.fields.map { String(decoding: $0, as: UTF8.self) }, rec.line)) }
        return out
    }

    @Test func quotingLineEndsAndLineNumbers() throws {
        let text = "movieId,title,genres\r\n1,\"Matrix, The (1999)\",Action\r\n\r\n"
            + "2,\"\"\"Great\"\" Cats\",Musical\n3,\"Two\nlines\",Drama\n4,\"a\"b,c\n5,plain,(no genres listed)"
        let r = try records(text)
        #expect(r.map(\.0) == [["movieId", "title", "genres"], ["1", "Matrix, The (1999)", "Action"],
                                ["2", "\"Great\" Cats", "Musical"], ["3", "Two\nlines", "Drama"], ["4", "ab", "c"],
                                ["5", "plain", "(no genres listed)"]])
        #expect(r.map(\.1) == [1, 2, 4, 5, 7, 8])
    }

    @Test func unterminatedQuoteNamesItsLine() {
        var r = CSVRecords(Array("1,ok,x\n2,\"never closed,y\n3,z,w\n".utf8))
        #expect(throws: CSVRecords.UnterminatedQuote.self) {
            while try r.next() != nil {}
        }
        var again = CSVRecords(Array("1,ok,x\n2,\"never closed,y\n".utf8))
        _ = try? again.next()
        do { _ = try again.next(); Issue.record("expected an error") } catch let e as CSVRecords.UnterminatedQuote {
            #expect(e.line == 2)
        } catch { Issue.record("\(error)") }
    }
}
