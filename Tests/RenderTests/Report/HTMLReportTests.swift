import Foundation
import Testing
@testable import Render

@Suite struct HTMLReportTests {
    @Test func pageIsSelfContainedEscapedAndNavigable() throws {
        var r = HTMLReport(title: "Run <1>", subtitle: "K = 32 & λ = 1")
        r.section("Curves")
        r.paragraph("Loss fell \"fast\" & steadily.")
        let png = Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
        r.image(png: png, caption: "loss <log>", width: 480)
        r.section("Comparison")
        r.table(header: ["model", "test RMSE"], rows: [["bias", "0.8630"], ["bias-uv-genre", "0.8251"]], highlightRow: 1)
        let html = r.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Run &lt;1&gt;</title>"))
        #expect(html.contains("K = 32 &amp; λ = 1"))
        #expect(html.contains("Loss fell &quot;fast&quot; &amp; steadily."))
        #expect(html.contains("src=\"data:image/png;base64,\(png.base64EncodedString())\""))
        #expect(html.contains("alt=\"loss &lt;log&gt;\""))
        #expect(html.contains("<a href=\"#s1\">Curves</a>") && html.contains("<h2 id=\"s2\">Comparison</h2>"))
        #expect(html.contains("<tr class=\"best\"><td>bias-uv-genre</td><td class=\"num\">0.8251</td></tr>"))
        // Nothing is fetched from elsewhere: no external URLs in src or href attributes.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
    }
}
