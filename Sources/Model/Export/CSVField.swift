/// One field of a CSV line (RFC 4180): as is, or in double quotes (inner quotes doubled) when
/// it holds a comma, a quote or a line break.
public enum CSVField {
    public static func quoted(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
