import Core

/// Writes a `SyntheticRatings` in the ml-latest CSV layout: `ratings.csv`
/// (`userId,movieId,rating,timestamp`, sorted by user then movie) and `movies.csv`
/// (`movieId,title,genres`, RFC 4180 quoting). LF line ends, UTF-8.
///
/// Users are generated in blocks on all cores into byte buffers and written in order, so the
/// bytes do not depend on the thread count. Each file is written whole or not at all
/// (`OutputFile`). Cost O(ratings · rank / threads); memory O(block size).
public enum SyntheticCSVWriter {
    /// What was written.
    public struct Summary: Sendable, Equatable {
        /// Ratings written.
        public var ratings: Int
        /// Root mean square difference between the written (rounded) ratings and the planted
        /// model's noiseless prediction: the error floor a perfect model would reach.
        public var plantedRMSE: Double
        /// Bytes of `ratings.csv`.
        public var ratingsBytes: Int
    }

    /// Writes both files into `directory` (created if needed). `progress(fraction)` is called on
    /// the calling thread.
    @discardableResult
    public static func write(_ synth: SyntheticRatings, to directory: String,
                             progress: (Double) -> Void = { _ in }) throws -> Summary {
        try OutputFolder.create(directory)
        try OutputFile.write(moviesCSV(synth.catalog), to: directory + "/movies.csv")
        let users = synth.config.users
        let threads = max(1, synth.config.threads)
        let blockSize = 2048
        let blocks = (users + blockSize - 1) / blockSize
        let batch = threads * 4
        let path = directory + "/ratings.csv"
        var squared = 0.0, written = 0, bytes = 0
        try OutputFile.write(to: path) { fd in
            try writeAll(fd, Array("userId,movieId,rating,timestamp\n".utf8), path)
            bytes += 32
            var scratch = (0..<threads).map { _ in [Int32](repeating: 0, count: synth.config.movies) }
            for first in stride(from: 0, to: blocks, by: batch) {
                let count = min(batch, blocks - first)
                var outputs = [(bytes: [UInt8], squared: Double, n: Int)](repeating: ([], 0, 0), count: count)
                outputs.withUnsafeMutableBufferPointer { out in
                    scratch.withUnsafeMutableBufferPointer { sc in
                        let o = out.baseAddress!, s = sc.baseAddress!
                        parallelForEach(count: count, threads: threads, grain: 1) { b, w in
                            let lo = (first + b) * blockSize, hi = min(users, lo + blockSize)
                            o[b] = renderBlock(synth, users: lo..<hi, seen: &s[w])
                        }
                    }
                }
                for o in outputs {
                    try writeAll(fd, o.bytes, path)
                    squared += o.squared
                    written += o.n
                    bytes += o.bytes.count
                }
                progress(Double(first + count) / Double(blocks))
            }
        }
        return Summary(ratings: written, plantedRMSE: (squared / Double(max(1, written))).squareRoot(), ratingsBytes: bytes)
    }

    /// The lines of users `range`, with the squared error of the rounded ratings.
    static func renderBlock(_ synth: SyntheticRatings, users range: Range<Int>, seen: inout [Int32]) -> ([UInt8], Double, Int) {
        var out: [UInt8] = []
        out.reserveCapacity(range.reduce(0) { $0 + synth.ratingsPerUser[$1] } * 28)
        var squared = 0.0, n = 0
        let ids = synth.catalog.movieIDs
        for u in range {
            let r = synth.ratings(ofUser: u, seen: &seen)
            let userDigits = decimal(UInt64(synth.userID(u)))
            for j in 0..<r.movies.count {
                let m = Int(r.movies[j])
                out += userDigits
                out.append(44)
                appendDecimal(UInt64(ids[m]), to: &out)
                out.append(44)
                let h = r.halves[j]
                out.append(48 + h / 2)
                out.append(46)
                out.append(h & 1 == 1 ? 53 : 48)
                out.append(44)
                appendDecimal(UInt64(r.times[j]), to: &out)
                out.append(10)
                let e = Double(h) * 0.5 - Double(synth.model.predict(user: u, movie: m))
                squared += e * e
                n += 1
            }
        }
        return (out, squared, n)
    }

    /// `movies.csv` bytes: titles with a comma or quote are quoted, quotes doubled.
    static func moviesCSV(_ catalog: MovieCatalog) -> [UInt8] {
        var out = Array("movieId,title,genres\n".utf8)
        for i in 0..<catalog.count {
            appendDecimal(UInt64(catalog.movieIDs[i]), to: &out)
            out.append(44)
            let title = catalog.displayTitle(i)
            if title.contains(",") || title.contains("\"") {
                out.append(34)
                for b in title.utf8 { if b == 34 { out.append(34) }; out.append(b) }
                out.append(34)
            } else {
                out += title.utf8
            }
            out.append(44)
            let genres = catalog.genres(of: i).map { catalog.genreNames[Int($0)] }
            out += (genres.isEmpty ? "(no genres listed)" : genres.joined(separator: "|")).utf8
            out.append(10)
        }
        return out
    }

    static func decimal(_ v: UInt64) -> [UInt8] { var o: [UInt8] = []; appendDecimal(v, to: &o); return o }

    @inline(__always) static func appendDecimal(_ v: UInt64, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[19 - n] = 48 + UInt8(x % 10); x /= 10; n += 1 } while x > 0
            out.append(contentsOf: d[(20 - n)...])
        }
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        let code = bytes.withUnsafeBytes { OutputFile.writeAll(fd, $0) }
        if code != 0 { throw OutputError.system(path: path, operation: "write", errno: code) }
    }
}
