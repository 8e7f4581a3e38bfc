import Core
@testable import cinematrix
import Foundation
import Testing
import TestSupport
import ZIPFoundation

/// `cinematrix download` against a loopback server serving a zip built here. No test reaches
/// the internet.
@Suite(.serialized) struct DownloadTests {
    let work = temporaryFolder("download")

    /// A zip holding `ml-latest-small/ratings.csv` and `movies.csv`, large enough to be cut.
    func makeArchive() throws -> [UInt8] {
        let source = work + "/src/ml-latest-small"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        var ratings = "userId,movieId,rating,timestamp\n"
        var rng = SystemRandomNumberGenerator()
        for u in 1...400 { for m in 1...25 { ratings += "\(u),\(m * 7 + u % 5),\(Double(Int.random(in: 1...10, using: &rng)) / 2),\(900_000_000 + u * m)\n" } }
        try ratings.write(toFile: source + "/ratings.csv", atomically: true, encoding: .utf8)
        try "movieId,title,genres\n1,Toy Story (1995),Comedy\n".write(toFile: source + "/movies.csv", atomically: true, encoding: .utf8)
        let zip = work + "/ml-latest-small.zip"
        try FileManager.default.zipItem(at: URL(fileURLWithPath: source), to: URL(fileURLWithPath: zip), compressionMethod: .none)
        return Array(try Data(contentsOf: URL(fileURLWithPath: zip)))
    }

    func md5(_ bytes: [UInt8]) -> String { MD5Digest.hex(of: Data(bytes)) }

    @Test func md5MatchesTheRFC1321TestSuite() {
        #expect(MD5Digest.hex(of: Data()) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(MD5Digest.hex(of: Data("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(MD5Digest.hex(of: Data("12345678901234567890123456789012345678901234567890123456789012345678901234567890".utf8))
                == "57edf4a22be3c955ac49da2e2107b67a")
    }

    @Test func downloadsVerifiesAndUnzipsThenSuggestsPrepare() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let zip = try makeArchive()
        server.set("ml-latest-small.zip", zip)
        server.set("ml-latest-small.zip.md5", Array("MD5 (ml-latest-small.zip) = \(md5(zip))\n".utf8))
        let r = try runCinematrix(["download", "ml-latest-small", "--dir", work + "/Data", "--base-url", server.baseURL])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: work + "/Data/ml-latest-small/ratings.csv"))
        #expect(!FileManager.default.fileExists(atPath: work + "/Data/ml-latest-small.zip"))
        #expect(r.stdout.contains("cinematrix prepare \(work)/Data/ml-latest-small"))
        // The same download under the CLI contract: one JSON envelope naming the folder.
        let json = try runCinematrix(["download", "ml-latest-small", "--dir", work + "/Data2", "--base-url", server.baseURL, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let envelope = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(envelope?["command"] as? String == "download" && envelope?["ok"] as? Bool == true)
        #expect((envelope?["result"] as? [String: Any])?["folder"] as? String == work + "/Data2/ml-latest-small")
    }

    @Test func aTruncatedDownloadResumesWithARangeRequest() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let zip = try makeArchive()
        server.set("ml-latest-small.zip", zip, truncatedAt: zip.count / 3)
        server.set("ml-latest-small.zip.md5", Array("\(md5(zip))  ml-latest-small.zip\n".utf8))
        let first = try runCinematrix(["download", "ml-latest-small", "--dir", work + "/Data", "--base-url", server.baseURL])
        #expect(first.status != 0)
        #expect(first.stderr.contains("run the same command again to resume"))
        #expect(!FileManager.default.fileExists(atPath: work + "/Data/ml-latest-small"))
        let second = try runCinematrix(["download", "ml-latest-small", "--dir", work + "/Data", "--base-url", server.baseURL])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(server.log.contains { $0.path == "/ml-latest-small.zip" && $0.range == "bytes=\(zip.count / 3)-" })
        let ratings = try String(contentsOfFile: work + "/Data/ml-latest-small/ratings.csv", encoding: .utf8)
        #expect(ratings.split(separator: "\n").count == 10_001)
    }

    @Test func aWrongChecksumIsRefusedAndLeavesNothingHalfDone() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let zip = try makeArchive()
        server.set("ml-latest-small.zip", zip)
        server.set("ml-latest-small.zip.md5", Array("MD5 (ml-latest-small.zip) = 0123456789abcdef0123456789abcdef\n".utf8))
        let r = try runCinematrix(["download", "ml-latest-small", "--dir", work + "/Data", "--base-url", server.baseURL])
        #expect(r.status != 0)
        #expect(r.stderr.contains("GroupLens publishes 0123456789abcdef0123456789abcdef"))
        let left = (try? FileManager.default.contentsOfDirectory(atPath: work + "/Data")) ?? []
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test func unknownReleaseIsRejectedBeforeAnyWork() throws {
        let r = try runCinematrix(["download", "ml-2m"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("unknown release 'ml-2m'"))
        #expect(r.stderr.contains("ml-latest-small"))
    }
}
