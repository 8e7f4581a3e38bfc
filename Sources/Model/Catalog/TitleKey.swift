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
