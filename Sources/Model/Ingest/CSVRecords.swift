/// RFC 4180 records from a byte buffer: comma-separated fields, fields in double quotes may hold
/// commas, line breaks and doubled quotes (`""` for `"`); LF or CRLF line ends.
struct CSVRecords {
    /// One record: its fields (unquoted bytes) and the 1-based line on which it starts.
    struct Record {
        var fields: [[UInt8]]
        var line: Int
        /// Byte offset of the record's start.
        var offset: Int
    }

    /// An unterminated quoted field, found when the input ends inside it.
    struct UnterminatedQuote: Error { var line: Int; var offset: Int }

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next non-empty record, or nil at the end. Throws `UnterminatedQuote`.
    mutating func next() throws -> Record? {
        while position < bytes.count {
            // Skip blank lines.
            if bytes[position] == 10 { position += 1; line += 1; continue }
            if bytes[position] == 13 && position + 1 < bytes.count && bytes[position + 1] == 10 {
                position += 2; line += 1; continue
            }
            break
        }
        guard position < bytes.count else { return nil }
        let startLine = line, startOffset = position
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var i = position
        let n = bytes.count
        while true {
            // Bytes are copied a run at a time (between quotes or separators), not one by one.
            if i < n && bytes[i] == 34 {  // quoted field
                i += 1
                var run = i
                while true {
                    guard i < n else { throw UnterminatedQuote(line: startLine, offset: startOffset) }
                    let c = bytes[i]
                    if c == 34 {
                        field.append(contentsOf: bytes[run..<i])
                        if i + 1 < n && bytes[i + 1] == 34 { field.append(34); i += 2; run = i; continue }
                        i += 1
                        break
                    }
                    if c == 10 { line += 1 }
                    i += 1
                }
                // Anything up to the next separator after a closing quote is kept verbatim.
                run = i
                while i < n && bytes[i] != 44 && bytes[i] != 10 && !(bytes[i] == 13 && (i + 1 == n || bytes[i + 1] == 10)) { i += 1 }
                field.append(contentsOf: bytes[run..<i])
            } else {
                let run = i
                while i < n && bytes[i] != 44 && bytes[i] != 10 { i += 1 }
                field.append(contentsOf: bytes[run..<i])
                if field.last == 13 && (i == n || bytes[i] == 10) { field.removeLast() }
            }
            fields.append(field)
            field = []
            if i < n && bytes[i] == 44 { i += 1; continue }
            if i < n && bytes[i] == 13 { i += 1 }
            if i < n && bytes[i] == 10 { i += 1; line += 1 }
            break
        }
        position = i
        return Record(fields: fields, line: startLine, offset: startOffset)
    }
}
