/// Finds where a duplicated (user, movie) pair occurs, to name file and line in the error.
/// Runs only on the error path: a serial scan of the ratings files.
enum DuplicateLocator {
    static func describe(user: Int64, movie: Int64, in files: [(InputFile, RatingLineFormat)]) throws -> IngestError {
        var seen: [(String, Int)] = []
        for (file, format) in files {
            var lineNumber = 0
            try forEachLine(of: file) { text in
                lineNumber += 1
                let line = lineNumber == 1 && text.starts(with: [0xEF, 0xBB, 0xBF]) ? text.dropFirst(3) : text  // a BOM
                guard let found = userAndMovie(line, format), found.user == user, found.movie == movie else { return true }
                seen.append((file.path, lineNumber))
                return seen.count < 2
            }
            if seen.count == 2 {
                return .badLine(file: seen[1].0, line: seen[1].1, kind: .duplicatePair,
                                detail: "user \(user) rated movie \(movie) again (first at \(seen[0].0):\(seen[0].1))")
            }
        }
        let place = seen.first?.0 ?? files.first.map { $0.0.path } ?? "ratings"
        return .badLine(file: place, line: seen.first?.1 ?? 0, kind: .duplicatePair,
                        detail: "user \(user) rated movie \(movie) more than once")
    }

    /// Calls `body` with each line of `file` without its end — LF, CRLF or a lone CR, counted as
    /// the readers count them (`InputFile.lineInfo`) — in order, until it returns false. A last
    /// line without an end is passed too; nothing after a final line end. Reads `blockSize`
    /// bytes at a time (a line end split between blocks is handled).
    static func forEachLine(of file: InputFile, blockSize: Int = 1 << 22, _ body: (ArraySlice<UInt8>) -> Bool) throws {
        var offset = 0
        var pending: [UInt8] = []  // the unfinished line at the end of the previous block
        while true {
            let block = try file.read(offset: offset, count: blockSize)
            offset += block.count
            let atEnd = block.isEmpty
            let bytes = pending + block
            pending = []
            var start = bytes.startIndex
            while start < bytes.endIndex {
                guard let end = bytes[start...].firstIndex(where: { $0 == 10 || $0 == 13 }) else {
                    if atEnd { _ = body(bytes[start...]) } else { pending = Array(bytes[start...]) }
                    break
                }
                // A CR last in the block may be the first half of a CRLF: decided with the next block.
                if bytes[end] == 13 && end + 1 == bytes.endIndex && !atEnd { pending = Array(bytes[start...]); break }
                if !body(bytes[start..<end]) { return }
                start = end + 1
                if bytes[end] == 13 && start < bytes.endIndex && bytes[start] == 10 { start += 1 }
            }
            if atEnd { return }
        }
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
