import Foundation

/// A plain-text table with aligned columns for terminal output: numbers right-aligned, text
/// left-aligned, long text cut with an ellipsis at `maxWidth` characters.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Column indices to right-align (numbers).
    var numeric: Set<Int> = []
    var maxWidth = 48

    /// Adds a row.
    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as lines of text, with a rule under the header.
    var rendered: String {
        let cells = ([header] + rows).map { $0.map { clip($0) } }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cells { for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, c in
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return numeric.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(cells[0]), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += cells.dropFirst().map(line)
        return out.joined(separator: "\n")
    }

    private func clip(_ s: String) -> String { s.count <= maxWidth ? s : String(s.prefix(maxWidth - 1)) + "…" }
}
