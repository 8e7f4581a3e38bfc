/// Turning catalogue bytes into Strings.
enum TextDecoding {
    /// UTF-8 when `bytes` are valid UTF-8, else Latin-1 (ISO-8859-1, one byte per code point).
    /// The `.dat` and `u.item` files of ml-100k/ml-1m/ml-10m are Latin-1; ASCII reads the same
    /// either way, and Latin-1 accented text is almost never valid UTF-8.
    static func utf8OrLatin1<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// The bytes as UTF-8, or nil when they are not valid UTF-8.
    static func strictUTF8<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        String(validating: bytes, as: UTF8.self)
    }
}

/// Splits MovieLens titles into title and release year.
public enum TitleYear {
    /// `"Toy Story (1995)"` → `("Toy Story", 1995)`; also `"Title (2006-2007)"` and
    /// `"Title (2006–)"` (first year), ignoring trailing spaces. A title without a trailing
    /// parenthesised 4-digit year is returned whole with year 0.
    public static func split(_ raw: String) -> (title: String, year: Int32) {
        let s = Array(raw.utf8)
        var end = s.count
        while end > 0 && (s[end - 1] == 32 || s[end - 1] == 9) { end -= 1 }
        guard end >= 6, s[end - 1] == UInt8(ascii: ")"), let open = s[..<end].lastIndex(of: UInt8(ascii: "(")),
              open + 5 <= end - 1 else { return (trimmed(raw), 0) }
        let inside = s[(open + 1)..<(end - 1)]
        let digits = inside.prefix(4)
        guard digits.count == 4, digits.allSatisfy({ $0 &- 48 < 10 }) else { return (trimmed(raw), 0) }
        let rest = inside.dropFirst(4)
        let restOK = rest.isEmpty || dashes.contains { d in
            rest.starts(with: d) && rest.dropFirst(d.count).allSatisfy { $0 &- 48 < 10 }
        }
        guard restOK else { return (trimmed(raw), 0) }
        let year = digits.reduce(Int32(0)) { $0 * 10 + Int32($1 - 48) }
        var t = open
        while t > 0 && s[t - 1] == 32 { t -= 1 }
        return (String(decoding: s[..<t], as: UTF8.self), year)
    }

    /// A hyphen and an en dash, as UTF-8.
    private static let dashes: [[UInt8]] = [[45], Array("–".utf8)]

    private static func trimmed(_ s: String) -> String {
        var v = Substring(s)
        while let l = v.last, l == " " || l == "\t" { v = v.dropLast() }
        return String(v)
    }
}
