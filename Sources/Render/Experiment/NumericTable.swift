import Foundation

/// A CSV file with a header row, kept as bytes with cell offsets and converted to numbers per
/// column on request. Handles quoted fields ("a,b" and doubled quotes), CRLF line ends and a
/// leading UTF-8 byte order mark;
/// empty cells, "nan" and "NaN" become NaN. Cost: one pass over the bytes to index the cells,
/// one `strtod` per cell read.
public struct NumericTable: Sendable {
    /// Path the table was read from (for error messages).
    public let file: String
    public let columns: [String]
    private let bytes: [UInt8]
    /// Per data cell, row-major: byte range in `bytes` (quotes excluded) and whether it was quoted.
    private let starts: [Int]
    private let ends: [Int]
    private let quoted: [Bool]

    /// Number of data rows (header excluded).
    public var rowCount: Int { columns.isEmpty ? 0 : starts.count / columns.count }

    /// Parses CSV `text`; `file` only names the source in errors.
    public init(text: String, file: String) throws {
        try self.init(bytes: Array(text.utf8), file: file)
    }

    /// Reads and parses the CSV file at `path`.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RenderError.csv(file: path, line: 0, reason: "cannot read the file; check the path")
        }
        try self.init(bytes: [UInt8](data), file: path)
    }

    init(bytes: [UInt8], file: String) throws {
        self.file = file
        let bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes  // a UTF-8 byte order mark
        self.bytes = bytes
        var starts: [Int] = [], ends: [Int] = [], quoted: [Bool] = []
        var header: [String] = []
        var line = 0, fieldsInLine = 0
        var i = 0
        let n = bytes.count
        var expected = -1
        while i < n {
            line += 1
            // Skip blank lines (including a final newline).
            var j = i
            while j < n && (bytes[j] == 32 || bytes[j] == 13) { j += 1 }
            if j >= n || bytes[j] == 10 { i = j + 1; continue }
            fieldsInLine = 0
            while true {
                var start = i, end = i, wasQuoted = false
                if i < n && bytes[i] == 34 {  // opening quote
                    wasQuoted = true
                    i += 1
                    start = i
                    while i < n {
                        if bytes[i] == 34 {
                            if i + 1 < n && bytes[i + 1] == 34 { i += 2; continue }
                            break
                        }
                        if bytes[i] == 10 { line += 1 }
                        i += 1
                    }
                    end = i
                    if i < n { i += 1 }  // closing quote
                    while i < n && bytes[i] != 44 && bytes[i] != 10 { i += 1 }
                } else {
                    while i < n && bytes[i] != 44 && bytes[i] != 10 { i += 1 }
                    end = i
                    if end > start && bytes[end - 1] == 13 { end -= 1 }
                }
                starts.append(start); ends.append(end); quoted.append(wasQuoted)
                fieldsInLine += 1
                if i < n && bytes[i] == 44 { i += 1; continue }
                i += 1  // newline or end
                break
            }
            if expected < 0 {
                expected = fieldsInLine
                header = (0..<expected).map { Self.text(bytes, starts[$0], ends[$0], quoted: quoted[$0]).trimmingCharacters(in: .whitespaces) }
                starts.removeAll(); ends.removeAll(); quoted.removeAll()
            } else if fieldsInLine != expected {
                throw RenderError.csv(file: file, line: line, reason: "expected \(expected) fields like the header, found \(fieldsInLine)")
            }
        }
        guard expected > 0 else { throw RenderError.csv(file: file, line: 1, reason: "the file is empty; expected a header row") }
        columns = header
        self.starts = starts
        self.ends = ends
        self.quoted = quoted
    }

    /// Whether a column called `name` exists.
    public func has(_ name: String) -> Bool { columns.contains(name) }

    private func index(of name: String) throws -> Int {
        guard let index = columns.firstIndex(of: name) else {
            throw RenderError.csv(file: file, line: 1, reason: "no column '\(name)'; the columns are \(columns.joined(separator: ", "))")
        }
        return index
    }

    /// The column `name` as numbers. Throws naming the line of the first cell that is not a
    /// number (empty, "nan", "inf" and "-inf" are accepted as NaN / ±∞). Line numbers assume
    /// one record per line.
    public func column(_ name: String) throws -> [Double] {
        let c = try index(of: name)
        let width = columns.count
        var out = [Double](repeating: .nan, count: rowCount)
        var buffer = [CChar](repeating: 0, count: 64)
        try bytes.withUnsafeBufferPointer { b in
            try buffer.withUnsafeMutableBufferPointer { tmp in
                for row in 0..<rowCount {
                    var s = starts[row * width + c], e = ends[row * width + c]
                    while s < e && b[s] == 32 { s += 1 }
                    while e > s && b[e - 1] == 32 { e -= 1 }
                    if s == e { continue }
                    let length = e - s
                    var value: Double?
                    if length < 63 {
                        for k in 0..<length { tmp[k] = CChar(bitPattern: b[s + k]) }
                        tmp[length] = 0
                        var endPointer: UnsafeMutablePointer<CChar>?
                        let v = strtod(tmp.baseAddress!, &endPointer)
                        if endPointer == tmp.baseAddress! + length { value = v }
                    }
                    if let value { out[row] = value; continue }
                    let cell = Self.text(bytes, s, e, quoted: false)
                    switch cell.lowercased() {
                    case "nan", "na", "null": continue
                    default:
                        throw RenderError.csv(file: file, line: row + 2, reason: "column '\(name)' has '\(cell)', which is not a number")
                    }
                }
            }
        }
        return out
    }

    /// The column `name` as text cells (quotes removed, doubled quotes undone).
    public func textColumn(_ name: String) throws -> [String] {
        let c = try index(of: name)
        let width = columns.count
        return (0..<rowCount).map { row in
            let k = row * width + c
            return Self.text(bytes, starts[k], ends[k], quoted: quoted[k])
        }
    }

    private static func text(_ bytes: [UInt8], _ start: Int, _ end: Int, quoted: Bool) -> String {
        let s = String(decoding: bytes[start..<end], as: UTF8.self)
        return quoted ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }
}
