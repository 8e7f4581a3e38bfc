import Foundation

/// The explorer as one self-contained HTML file: the skeleton `explorer.html` with the styles
/// of `explorer.css`, the script of the `explorer-*.js` files and the data (`ExplorerData`,
/// compact JSON) put inline. Those files sit beside this one and are embedded into the library
/// at build time (`PackageResources`), so the page needs nothing else: no network, no other
/// file.
///
/// The page's Content-Security-Policy (`default-src 'none'`, inline script and style, `data:`
/// images) makes any network request fail and report itself, which the page's self-test
/// records.
public enum ExplorerPage {
    /// The page for `data`. Cost O(size of the data).
    public static func html(_ data: ExplorerData) throws -> String {
        let json = try dataJSON(data)
        let page = String(decoding: PackageResources.explorer_html, as: UTF8.self)
        let parts: [(String, String)] = [
            ("{{TITLE}}", escape(data.title)),
            ("{{STYLE}}", String(decoding: PackageResources.explorer_css, as: UTF8.self)),
            ("{{SCRIPT}}", script),
            ("{{DATA}}", json),
        ]
        // Each placeholder occurs once and is replaced once, in the order they stand in the
        // skeleton; what replaced one (titles, styles, script, data could hold the text of
        // another) is never searched.
        let located = parts.map { part -> (range: Range<String.Index>, value: String) in
            guard let r = page.range(of: part.0) else { preconditionFailure("explorer.html has no \(part.0)") }
            return (r, part.1)
        }.sorted { $0.range.lowerBound < $1.range.lowerBound }
        var out = ""
        out.reserveCapacity(page.utf8.count + json.utf8.count + 200_000)
        var rest = page[...]
        for (range, value) in located {
            out += rest[..<range.lowerBound]
            out += value
            rest = page[range.upperBound...]
        }
        out += rest
        return out
    }

    /// The page's script: the explorer-*.js files in the order they must run, in one function
    /// scope (so they share their declarations and leak none).
    public static var script: String {
        let files = [PackageResources.explorer_data_js, PackageResources.explorer_search_js, PackageResources.explorer_state_js,
                     PackageResources.explorer_draw_js, PackageResources.explorer_panels_js, PackageResources.explorer_controls_js,
                     PackageResources.explorer_selftest_js, PackageResources.explorer_start_js]
        return "(function () {\n'use strict';\n" + files.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n") + "})();\n"
    }

    /// `data` as compact JSON (keys sorted, so the same data gives the same bytes) that is safe
    /// inside a `<script>` element: every "<" is written as "\u003c", so no "</script>" or
    /// "<!--" can end or confuse the element.
    public static func dataJSON(_ data: ExplorerData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(data), as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// The page as the value of an `<iframe srcdoc="…">` attribute ("&" and "\"" escaped), for
    /// embedding it in another page such as the report.
    public static func srcdoc(_ page: String) -> String {
        page.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Escapes text for HTML element content.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
