import Foundation

/// Debian's chromium (or another Chromium build on PATH), run headless to test the explorer
/// page in a real browser: `--dump-dom` for the page's self-test record, `--screenshot` for
/// pictures. Each run gets a fresh profile folder, so runs in parallel do not share one.
struct HeadlessBrowser {
    let executable: String

    /// The first of chromium, chromium-browser, google-chrome on PATH, or nil.
    static let installed: HeadlessBrowser? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return HeadlessBrowser(executable: "\(dir)/\(name)")
            }
        }
        return nil
    }()

    /// The `file://` URL of `page` with the query `items` (e.g. ["selftest": nil, "query": "toy story"]).
    static func url(_ page: String, _ items: [(String, String?)] = []) -> String {
        var c = URLComponents(url: URL(fileURLWithPath: page), resolvingAgainstBaseURL: false)!
        if !items.isEmpty { c.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) } }
        return c.url!.absoluteString
    }

    /// Runs the browser headless on `url` with `arguments`; returns standard output. Killed
    /// after `timeout` seconds.
    func run(_ url: String, _ arguments: [String], timeout: Double = 180) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-chromium-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--hide-scrollbars", "--user-data-dir=\(profile)"] + arguments + [url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let box = OutputBox()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            box.data = out.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            done.wait()
        }
        process.waitUntilExit()
        return String(decoding: box.data, as: UTF8.self)
    }

    /// The page's self-test record (`?selftest`, see explorer-selftest.js), or nil when the page
    /// wrote none. `window` is "width,height" in CSS pixels.
    func selftest(page: String, query: [(String, String?)] = [], window: String = "1280,900") throws -> [String: Any]? {
        let dom = try run(Self.url(page, [("selftest", nil)] + query), ["--window-size=\(window)", "--dump-dom"])
        guard let start = dom.range(of: "<pre id=\"selftest\" hidden=\"\">"),
              let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else { return nil }
        let text = Self.unescape(String(dom[start.upperBound..<end.lowerBound]))
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    /// Writes a screenshot of `url` at `window` ("width,height") to `path`.
    func screenshot(_ url: String, to path: String, window: String) throws {
        _ = try run(url, ["--window-size=\(window)", "--screenshot=\(path)"])
    }

    /// Element text as the DOM serialiser escapes it, back to plain text.
    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// Bytes read on another thread; written once before the semaphore is signalled.
private final class OutputBox: @unchecked Sendable { var data = Data() }
