/// Finds where a duplicated (user, movie) pair occurs, to name file and line in the error.
/// Runs only on the error path: a serial scan of the ratings files.
enum DuplicateLocator {
    static func describe(user: Int64, movie: Int64, in files: [(InputFile, RatingLineFormat)]) throws -> IngestError {
        var seen: [(String, Int)] = []
        for (file, format) in files {
            var lineNumber = 0
            var offset = 0
            var carry: [UInt8] = []
            while offset < file.size || !carry.isEmpty {
                let block = try file.read(offset: offset, count: 1 << 22)
                offset += block.count
                var bytes = carry + block
                carry = []
                if !block.isEmpty, let lastNL = bytes.lastIndex(of: 10) {
                    carry = Array(bytes[(lastNL + 1)...])
                    bytes = Array(bytes[...lastNL])
                } else if !block.isEmpty {
                    carry = bytes
                    continue
                }
                for line in bytes.split(separator: 10, omittingEmptySubsequences: false) {
                    lineNumber += 1
                    guard let found = userAndMovie(line, format), found.user == user, found.movie == movie else { continue }
                    seen.append((file.path, lineNumber))
                    if seen.count == 2 {
                        return .badLine(file: file.path, line: lineNumber, kind: .duplicatePair,
                                        detail: "user \(user) rated movie \(movie) again (first at \(seen[0].0):\(seen[0].1))")
                    }
                }
                if bytes.last == 10 { lineNumber -= 1 }  // the empty piece after the final newline
                if block.isEmpty { break }
            }
        }
        let place = files.first.map { $0.0.path } ?? "ratings"
        return .badLine(file: place, line: seen.first?.1 ?? 0, kind: .duplicatePair,
                        detail: "user \(user) rated movie \(movie) more than once")
    }

    /// The user and movie of `line`, whose fields hold the quantities in `format.fieldOrder`.
    private static func userAndMovie(_ line: ArraySlice<UInt8>, _ format: RatingLineFormat) -> (user: Int64, movie: Int64)? {
        let separator: UInt8 = format.separator == .doubleColon ? 58 : format.separator == .tab ? 9 : 44
        let fields = line.split(separator: separator, maxSplits: 4, omittingEmptySubsequences: format.separator == .doubleColon)
        guard let ui = format.fieldOrder.firstIndex(of: 0), let mi = format.fieldOrder.firstIndex(of: 1),
              ui < fields.count, mi < fields.count,
              let (u, restU) = leadingNumber(fields[ui]), restU.isEmpty,
              let (m, restM) = leadingNumber(fields[mi]), restM.isEmpty else { return nil }
        return (u, m)
    }

    private static func leadingNumber(_ s: ArraySlice<UInt8>) -> (Int64, ArraySlice<UInt8>)? {
        var v: Int64 = 0
        var i = s.startIndex
        while i < s.endIndex, s[i] &- 48 < 10, v < Int64(Int32.max) { v = v * 10 + Int64(s[i] - 48); i += 1 }
        return i == s.startIndex ? nil : (v, s[i...])
    }
}
