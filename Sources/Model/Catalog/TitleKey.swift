import Core
import Foundation

/// The forgiving comparison key of a movie title: case, accents, punctuation and a leading or
/// trailing article do not matter, so "Matrix, The", "the matrix" and "MATRIX" share one key.
///
/// Cost: O(length of the title).
public enum TitleKey {
    /// Articles MovieLens moves to the end ("Matrix, The") in the languages it uses most.
    static let articles: Set<String> = [
        "the", "a", "an", "les", "le", "la", "l", "il", "lo", "der", "die", "das", "el", "los", "las", "une", "un",
    ]

    /// The key of `title`: folded to lower-case ASCII-ish letters and digits separated by
    /// single spaces, with one leading article dropped (after moving a trailing ", The" first).
    public static func key(_ title: String) -> String {
        if let fast = title.utf8.withContiguousStorageIfAvailable({ asciiKey($0) }), let key = fast { return key }
        return foldedKey(title)
    }

    /// `key` for ASCII text, straight from the bytes: Foundation's folding is ~100× slower,
    /// and the closest-titles fallback keys every title. Gives exactly `foldedKey`'s result
    /// (tested); returns nil for any non-ASCII byte.
    static func asciiKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var t = [UInt8]()
        t.reserveCapacity(bytes.count + 1)
        for b in bytes {
            guard b < 0x80 else { return nil }
            t.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        // "city of lost children, the" → "the city of lost children" (the last ", " only).
        var comma = -1
        if t.count >= 2 { for i in stride(from: t.count - 2, through: 0, by: -1) where t[i] == 0x2C && t[i + 1] == 0x20 { comma = i; break } }
        if comma >= 0 {
            var a = comma + 2, b = t.count
            while a < b, t[a] == 0x20 || t[a] == 0x09 { a += 1 }
            while b > a, t[b - 1] == 0x20 || t[b - 1] == 0x09 { b -= 1 }
            let tail = Array(t[a..<b])
            let word = tail.last == 0x27 ? Array(tail.dropLast()) : tail
            if articles.contains(String(decoding: word, as: UTF8.self)) { t = tail + [0x20] + t[..<comma] }
        }
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        for c in t {
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                current.append(c)
            } else if c == 0x27 {
                continue  // "Schindler's" → "schindlers"
            } else if !current.isEmpty {
                words.append(current)
                current = []
            }
        }
        if !current.isEmpty { words.append(current) }
        if words.count > 1, articles.contains(String(decoding: words[0], as: UTF8.self)) { words.removeFirst() }
        return String(decoding: Array(words.joined(separator: [0x20])), as: UTF8.self)
    }

    /// `key` through Foundation's Unicode folding (case, accents, width), for any text.
    static func foldedKey(_ title: String) -> String {
        var t = title.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        // "City of Lost Children, The" → "The City of Lost Children".
        if let comma = t.range(of: ", ", options: .backwards) {
            let tail = t[comma.upperBound...].trimmingCharacters(in: .whitespaces)
            let word = tail.hasSuffix("'") ? String(tail.dropLast()) : tail
            if articles.contains(word) { t = tail + " " + t[..<comma.lowerBound] }
        }
        var words: [String] = []
        var current = ""
        for scalar in t.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "’" {
                continue  // "Schindler's" → "schindlers"
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        if words.count > 1, articles.contains(words[0]) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// Appends `title` folded as `key` folds it, but keeping punctuation and spaces: ASCII
    /// letters lower-cased, apostrophes dropped, and each other character replaced by its own
    /// folding (looked up once per distinct character in `cache`). Every word of `key(title)`
    /// then appears in the appended bytes. Returns false when the title has a combining mark,
    /// whose folding depends on the character before it: such titles must be compared in full.
    static func appendFolded(_ title: String, to out: inout [UInt8], cache: inout [Unicode.Scalar: FoldedScalar]) -> Bool {
        var exact = true
        for scalar in title.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v == 0x27 { continue }
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v | 0x20) : UInt8(v))
            } else if scalar == "’" {
                continue
            } else {
                let folded: FoldedScalar
                if let known = cache[scalar] {
                    folded = known
                } else {
                    let category = scalar.properties.generalCategory
                    folded = FoldedScalar(
                        bytes: Array(String(Character(scalar)).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).utf8),
                        isMark: category == .nonspacingMark || category == .spacingMark)
                    cache[scalar] = folded
                }
                if folded.isMark { exact = false }
                out += folded.bytes
            }
        }
        return exact
    }

    /// One character's folding, cached by `appendFolded`: its bytes, and whether it is a
    /// combining mark (whose folding depends on the character before it).
    struct FoldedScalar {
        var bytes: [UInt8]
        var isMark: Bool
    }

    /// Splits a query or a MovieLens title into its name and a trailing "(1999)" year, if any.
    public static func splitYear(_ text: String) -> (name: String, year: Int32?) {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard s.hasSuffix(")"), let open = s.range(of: "(", options: .backwards) else { return (s, nil) }
        let inside = s[open.upperBound..<s.index(before: s.endIndex)].trimmingCharacters(in: .whitespaces)
        // "(1999)", or a range such as "(2009–2011)" or "(2007-)": take the first year.
        let first = inside.prefix(4)
        let rest = inside.dropFirst(4)
        guard first.count == 4, first.allSatisfy(\.isASCII), let y = Int32(first), y > 1800, y < 2200,
              rest.isEmpty || rest.first == "-" || rest.first == "–"
        else { return (s, nil) }
        return (s[..<open.lowerBound].trimmingCharacters(in: .whitespaces), y)
    }

    /// The keys under which a catalogue title can be found: the whole title, the part before an
    /// alternative title in parentheses, and the alternative ("Seven (a.k.a. Se7en)" → "seven",
    /// "se7en"). Duplicates removed, order kept.
    public static func aliases(_ title: String) -> [String] {
        var keys = [key(title)]
        if let open = title.firstIndex(of: "("), title.hasSuffix(")") {
            keys.append(key(String(title[..<open])))
            var alt = String(title[title.index(after: open)..<title.index(before: title.endIndex)])
            for prefix in ["a.k.a. ", "aka ", "a.k.a "] where alt.lowercased().hasPrefix(prefix) {
                alt = String(alt.dropFirst(prefix.count))
            }
            keys.append(key(alt))
        }
        var seen = Set<String>()
        return keys.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
