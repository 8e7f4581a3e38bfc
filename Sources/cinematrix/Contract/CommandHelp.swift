/// Builds a command's `--help` discussion the same way for every command: wrapped prose
/// paragraphs, then the examples in a block of their own, one command per line. ArgumentParser
/// keeps lines that begin with spaces as they are, so examples are never run together.
enum CommandHelp {
    /// `text` (paragraphs separated by blank lines; each paragraph re-wrapped at 76 columns),
    /// then "Examples:" and each example indented by two spaces. An example that is too long
    /// is continued on indented lines after a trailing backslash, as a shell accepts it.
    static func discussion(_ text: String, examples: [String]) -> String {
        let paragraphs = text.components(separatedBy: "\n\n").map { paragraph -> String in
            // Lines that start with spaces are preformatted (lists, tables); keep them.
            if paragraph.split(separator: "\n").contains(where: { $0.hasPrefix(" ") }) { return paragraph }
            return wrap(paragraph.split(whereSeparator: \.isWhitespace).joined(separator: " "), width: 76)
        }
        var out = paragraphs.joined(separator: "\n\n")
        if !examples.isEmpty {
            out += (out.isEmpty ? "" : "\n\n") + "Examples:\n" + examples.map { "  " + $0 }.joined(separator: "\n")
        }
        return out
    }

    /// `text` broken into lines of at most `width` characters at spaces.
    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
