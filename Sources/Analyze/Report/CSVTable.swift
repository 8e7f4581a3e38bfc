import Core
import Foundation
import Model

/// A titled table of text cells, shown in the report and written as CSV (RFC 4180).
public struct CSVTable: Sendable, Equatable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]

    public init(title: String = "", header: [String], rows: [[String]]) {
        self.title = title
        self.header = header
        self.rows = rows
    }

    /// The table as CSV text, header first, one line per row.
    public var csv: String {
        ([header] + rows).map { $0.map(Self.field).joined(separator: ",") + "\n" }.joined()
    }

    /// Writes `csv` to `path` whole or not at all.
    public func write(to path: String) throws {
        try OutputFile.write(csv, to: path)
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    public static func field(_ s: String) -> String { CSVField.quoted(s) }
}
