/// Reads the MD5 that GroupLens publishes beside each zip. Two formats occur:
/// BSD style `MD5 (ml-25m.zip) = 6b51fb2759a8657d3bfcbfc42b592ada` and coreutils style
/// `6b51fb2759a8657d3bfcbfc42b592ada  ml-25m.zip`.
enum PublishedChecksum {
    /// The 32-digit lower-case hex MD5 in `text`, or nil when there is none.
    static func md5(from text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) {
            for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "=" }) {
                let t = token.lowercased()
                if t.count == 32, t.allSatisfy(\.isHexDigit) { return t }
            }
        }
        return nil
    }
}
