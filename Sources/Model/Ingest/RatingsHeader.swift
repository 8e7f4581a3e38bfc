/// The header line of a comma-separated ratings file, read by column name.
extension RatingLineFormat {
    /// The four columns a ratings.csv header names, in the standard order (matched without
    /// regard to case).
    static let columnNames = ["userId", "movieId", "rating", "timestamp"]

    /// This format with the field order named by the header of the file whose first bytes are
    /// `firstBytes` (a UTF-8 byte order mark is skipped). A first line that starts with a digit
    /// is data: the standard order stays. Throws `IngestError.badHeader` when the header lacks
    /// a column, repeats one or names one that is not a ratings column.
    func readingHeader(_ firstBytes: [UInt8], file: String) throws -> RatingLineFormat {
        var line = firstBytes[...]
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        line = line.prefix { $0 != 10 && $0 != 13 }
        guard let first = line.first, first &- 48 >= 10 else { return self }
        let names = line.split(separator: 44, omittingEmptySubsequences: false).map { field -> String in
            var text = String(decoding: field, as: UTF8.self).trimmingSpaces()
            if text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
            return text
        }
        let wanted = Self.columnNames.map { $0.lowercased() }
        var order: [Int] = []
        for name in names {
            guard let k = wanted.firstIndex(of: name.lowercased()) else {
                throw IngestError.badHeader(file: file, detail: "a column \"\(name)\" that is not a ratings column", columns: Self.columnNames)
            }
            guard !order.contains(k) else { throw IngestError.badHeader(file: file, detail: "column \"\(name)\" twice", columns: Self.columnNames) }
            order.append(k)
        }
        if let missing = (0..<4).first(where: { !order.contains($0) }) {
            throw IngestError.badHeader(file: file, detail: "no column \"\(Self.columnNames[missing])\"", columns: Self.columnNames)
        }
        var format = self
        format.fieldOrder = order
        return format
    }
}

extension String {
    /// The string without leading or trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
