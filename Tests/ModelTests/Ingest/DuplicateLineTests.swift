import Core
import Foundation
import Testing
import TestSupport
@testable import Model

/// A duplicate (user, movie) pair is named by both its lines, whatever the line ends: LF,
/// CRLF, a lone CR (classic Mac) or a mix, counted as every other error counts them.
@Suite struct DuplicateLineTests {
    /// Ratings lines with a blank line and a duplicate of line 2 on line 5, joined by `end`.
    static let lines = ["userId,movieId,rating,timestamp", "1,1,4.0,100", "2,1,4.0,5", "", "1,1,3.0,101", "2,7,2.5,9"]

    @Test(arguments: ["\n", "\r\n", "\r"], [0, 0.5])
    func bothLinesAreNamed(end: String, testFraction: Double) throws {
        let f = IngestFixture.latest(ratings: Self.lines.joined(separator: end) + end)
        defer { f.remove() }
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: testFraction, seed: 4), threads: 2)
        let text = errorText { _ = try MovieLensReader.read(directory: f.directory, options: options) }
        let path = f.directory + "/ratings.csv"
        #expect(text?.contains("\(path):5: duplicate (user, movie) pair") == true, "\(text ?? "no error")")
        #expect(text?.contains("first at \(path):2)") == true, "\(text ?? "no error")")
    }

    @Test func mixedLineEndsAndALastLineWithoutEnd() throws {
        // Lines: 1 header (CR), 2 (CRLF), 3 (LF), 4 blank (CR), 5 blank (CRLF), 6 the duplicate of 3, no end.
        let ratings = "userId,movieId,rating,timestamp\r1,2,4.0,1\r\n1,1,4.0,100\n\r\r\n1,1,3.0,101"
        let f = IngestFixture.latest(ratings: ratings)
        defer { f.remove() }
        let text = errorText { _ = try MovieLensReader.read(directory: f.directory, options: ReadOptions(split: SplitSpec(testFraction: 0))) }
        #expect(text?.contains("ratings.csv:6: duplicate (user, movie) pair") == true, "\(text ?? "no error")")
        #expect(text?.contains("ratings.csv:3)") == true, "\(text ?? "no error")")
    }

    @Test func crOnlyTabFileWithABOM() throws {
        let f = IngestFixture("dup100k")
        defer { f.remove() }
        f.write("u.genre", "unknown|0\nAction|1\n")
        f.write("u.item", "1|A (1995)|01-Jan-1995||http://x|0|1\r2|B|01-Jan-1996||http://y|1|0\r")
        f.write("u.data", "\u{FEFF}196\t1\t3\t881250949\r186\t2\t5\t891717742\r196\t1\t4\t881250950\r")
        let text = errorText { _ = try MovieLensReader.read(directory: f.directory, options: ReadOptions(split: SplitSpec(testFraction: 0))) }
        #expect(text?.contains("u.data:3: duplicate (user, movie) pair") == true, "\(text ?? "no error")")
        #expect(text?.contains("u.data:1)") == true, "\(text ?? "no error")")
    }

    /// Every block size splits a file with every kind of line end into the same lines as one
    /// whole read, CRLFs straddling block boundaries included, and numbers them as
    /// `InputFile.lineInfo` does.
    @Test func linesAreTheSameForEveryBlockSize() throws {
        var generator = SplitMix64(seed: 21)
        let pieces = ["a", "bc", "", "defg", "h"], ends = ["\n", "\r\n", "\r"]
        var text = ""
        for _ in 0..<60 {
            text += pieces[Int(generator.next() % UInt64(pieces.count))] + ends[Int(generator.next() % UInt64(ends.count))]
        }
        text += "tail"
        let f = IngestFixture("lines")
        defer { f.remove() }
        let path = f.write("lines.txt", text)
        let file = try InputFile(path: path, expected: "a text file")
        func lines(blockSize: Int) throws -> [String] {
            var out: [String] = []
            try DuplicateLocator.forEachLine(of: file, blockSize: blockSize) { out.append(String(decoding: $0, as: UTF8.self)); return true }
            return out
        }
        // Expected: CRLF and lone CR turned into LF, split at LF.
        var normalised: [UInt8] = []
        let raw = Array(text.utf8)
        for (i, b) in raw.enumerated() where !(b == 10 && i > 0 && raw[i - 1] == 13) { normalised.append(b == 13 ? 10 : b) }
        let expected = normalised.split(separator: 10, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let whole = try lines(blockSize: 1 << 20)
        #expect(whole == expected && whole.last == "tail" && whole.count > 40)
        for size in 1...9 { #expect(try lines(blockSize: size) == whole, "block size \(size)") }
        // The n-th line (1-based) starts where lineInfo says line n is.
        var offset = 0
        let bytes = Array(text.utf8)
        for (n, line) in whole.enumerated() {
            let info = try file.lineInfo(at: offset)
            #expect(info.line == n + 1 && info.text == line, "line \(n + 1)")
            offset += line.utf8.count
            if offset < bytes.count && bytes[offset] == 13 { offset += 1 }
            if offset < bytes.count && bytes[offset] == 10 { offset += 1 }
        }
        // Stopping early stops.
        var seen = 0
        try DuplicateLocator.forEachLine(of: file, blockSize: 3) { _ in seen += 1; return seen < 4 }
        #expect(seen == 4)
    }
}
