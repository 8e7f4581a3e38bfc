import Foundation

/// A self-contained HTML page (styles inline, images embedded as data URIs) built from
/// headings, paragraphs, key–value lists, tables and PNG images, for a report a person can open
/// in a browser, print, or attach to an email. Knows nothing of movies.
///
/// Cost: linear in the content; images are base64-encoded once (4/3 of their size).
public struct HTMLReport {
    private var body: [String] = []
    private var contents: [(id: String, title: String)] = []
    /// The page title (also the first heading).
    public var title: String
    /// A line under the title, e.g. the date and tool version.
    public var subtitle: String

    /// An empty report.
    public init(title: String, subtitle: String = "") {
        self.title = title
        self.subtitle = subtitle
    }

    /// Starts a section with a heading that also appears in the table of contents.
    public mutating func section(_ heading: String) {
        let id = "s\(contents.count + 1)"
        contents.append((id, heading))
        body.append("<h2 id=\"\(id)\">\(Self.escape(heading))</h2>")
    }

    /// A smaller heading inside a section.
    public mutating func subheading(_ text: String) {
        body.append("<h3>\(Self.escape(text))</h3>")
    }

    /// A paragraph of plain text.
    public mutating func paragraph(_ text: String) {
        body.append("<p>\(Self.escape(text))</p>")
    }

    /// A two-column list of settings or facts.
    public mutating func keyValues(_ pairs: [(String, String)]) {
        let rows = pairs.map { "<tr><th>\(Self.escape($0.0))</th><td>\(Self.escape($0.1))</td></tr>" }
        body.append("<table class=\"kv\">\(rows.joined())</table>")
    }

    /// A table; cells that parse as numbers are right-aligned. `highlightRow` is shaded.
    public mutating func table(header: [String], rows: [[String]], highlightRow: Int? = nil) {
        var html = "<table class=\"data\"><thead><tr>"
        html += header.map { "<th>\(Self.escape($0))</th>" }.joined()
        html += "</tr></thead><tbody>"
        for (i, row) in rows.enumerated() {
            html += i == highlightRow ? "<tr class=\"best\">" : "<tr>"
            html += row.map { cell in
                let numeric = Double(cell.replacingOccurrences(of: ",", with: "")) != nil
                return numeric ? "<td class=\"num\">\(Self.escape(cell))</td>" : "<td>\(Self.escape(cell))</td>"
            }.joined()
            html += "</tr>"
        }
        body.append(html + "</tbody></table>")
    }

    /// An embedded PNG with a caption; `width` is the displayed CSS width in pixels (PNGs drawn
    /// at 2× scale look sharp at half their pixel width).
    public mutating func image(png: Data, caption: String, width: Int? = nil) {
        let style = width.map { " style=\"width:\($0)px\"" } ?? ""
        body.append("""
        <figure><img\(style) alt="\(Self.escape(caption))" src="data:image/png;base64,\(png.base64EncodedString())">\
        <figcaption>\(Self.escape(caption))</figcaption></figure>
        """)
    }

    /// Images side by side in a responsive grid.
    public mutating func gallery(_ items: [(png: Data, caption: String)]) {
        let figures = items.map {
            "<figure><img alt=\"\(Self.escape($0.caption))\" src=\"data:image/png;base64,\($0.png.base64EncodedString())\"><figcaption>\(Self.escape($0.caption))</figcaption></figure>"
        }
        body.append("<div class=\"gallery\">\(figures.joined())</div>")
    }

    /// The whole page.
    public var html: String {
        let toc = contents.map { "<li><a href=\"#\($0.id)\">\(Self.escape($0.title))</a></li>" }.joined()
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>\(Self.css)</style></head>
        <body><main>
        <header><h1>\(Self.escape(title))</h1><p class="sub">\(Self.escape(subtitle))</p></header>
        <nav><ol>\(toc)</ol></nav>
        \(body.joined(separator: "\n"))
        </main></body></html>
        """
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let css = """
    body{font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;background:#fff;margin:0}
    main{max-width:1100px;margin:0 auto;padding:24px 32px 64px}
    h1{font-size:28px;margin:8px 0 0}h2{font-size:21px;margin:36px 0 10px;padding-bottom:4px;border-bottom:1px solid #ddd}
    h3{font-size:16px;margin:20px 0 8px}.sub{color:#666;margin:4px 0 16px}
    nav ol{columns:2;color:#555;font-size:14px}nav a{color:#2a5db0;text-decoration:none}
    p{line-height:1.5;max-width:80ch}
    table{border-collapse:collapse;font-size:13.5px;margin:8px 0 16px}
    table.data th{background:#f3f4f6;text-align:left;border-bottom:2px solid #ccc}
    table.data td,table.data th,table.kv td,table.kv th{padding:4px 10px}
    table.data tbody tr:nth-child(even){background:#fafafa}
    table.data tr.best{background:#e8f3e8;font-weight:600}
    table.kv th{text-align:left;color:#555;font-weight:normal}
    td.num{text-align:right;font-variant-numeric:tabular-nums}
    figure{margin:12px 0 20px}figure img{max-width:100%;height:auto;border:1px solid #eee}
    figcaption{font-size:13px;color:#555;margin-top:4px}
    .gallery{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:16px}
    @media print{nav{display:none}h2{break-after:avoid}figure{break-inside:avoid}}
    """
}
