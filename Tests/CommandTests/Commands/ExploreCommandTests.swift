import Foundation
import Testing
import TestSupport

/// `cinematrix explore` end to end on a planted synthetic dataset (always), and the page it
/// writes run in headless chromium (skipped, with a message, when chromium is not installed):
/// its self-test searches, hovers, toggles a genre and zooms, and what it saw is checked
/// against `similar`, the CSV files and the catalogue.
@Suite(.serialized) struct ExploreCommandTests {
    /// A synthetic dataset (planted genre structure) trained briefly by MAP, explored once.
    static let fixture: (dir: String, data: String, model: String, out: String) = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-explore-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for step in [["synth", "--out", dir + "/csv", "--users", "300", "--movies", "500", "--ratings", "30000", "--seed", "3"],
                     ["prepare", dir + "/csv", "--out", dir + "/d.cmx"],
                     ["train", dir + "/d.cmx", "--inference", "map", "-k", "8", "--epochs", "5", "--out", dir + "/run"],
                     ["explore", dir + "/run", "--out", dir + "/explore"]] {
            let r = try? runCinematrix(step + ["--quiet"])
            precondition(r?.status == 0, "\(step[0]): \(r?.stderr ?? "did not run")")
        }
        return (dir, dir + "/d.cmx", dir + "/run", dir + "/explore")
    }()

    static var browserMissing: String { "chromium is not installed (apt-get install chromium, or scripts/setup.sh --test); the page is not run" }

    @Test func explorePrintsWhatItWroteAndWritesTheCoordinates() throws {
        let (dir, _, model, _) = Self.fixture
        let r = try runCinematrix(["explore", model, "--out", dir + "/explore-json", "--max-users", "100", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try #require(r.jsonObject)
        let page = try #require(result["page"] as? String)
        #expect(page == dir + "/explore-json/explore.html")
        let bytes = try #require(result["bytes"] as? Int)
        #expect((try FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) == bytes)
        #expect(result["users"] as? Int == 100, "--max-users caps the user map")
        let movies = try CSVFile(dir + "/explore-json/movies-tsne.csv")
        #expect(movies.header == ["movieId", "title", "year", "genres", "ratings", "x", "y"])
        #expect(movies.rows.count == result["movies"] as? Int)
        #expect(movies.rows.allSatisfy { Int($0[4])! >= result["minRatings"] as! Int }, "only movies above the floor are mapped")
        let users = try CSVFile(dir + "/explore-json/users-pca.csv")
        #expect(users.header == ["userId", "favouriteGenre", "x", "y"] && users.rows.count == 100)
        for name in ["movies-pca.csv", "users-tsne.csv", "explore.json"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/explore-json/" + name), "\(name)")
        }
        // The same seed gives the same page, byte for byte.
        let again = try runCinematrix(["explore", model, "--out", dir + "/explore-again", "--max-users", "100", "--quiet"])
        #expect(again.status == 0)
        #expect(FileManager.default.contents(atPath: page) == FileManager.default.contents(atPath: dir + "/explore-again/explore.html"))
    }

    @Test func thePageIsSelfContained() throws {
        let html = try String(contentsOfFile: Self.fixture.out + "/explore.html", encoding: .utf8)
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        // Nothing is loaded from anywhere: no src or href attribute, no @import, no url() but data:.
        #expect(html.firstMatch(of: #/\s(src|href)\s*=/#) == nil)
        #expect(!html.contains("@import") && html.firstMatch(of: #/url\(\s*['"]?(?!data:)/#) == nil)
        let data = try pageData(html)
        #expect(data["format"] as? Int == 1)
        let models = try #require(data["models"] as? [[String: Any]])
        #expect(models.count == 1 && (models[0]["movieMaps"] as? [Any])?.count == 2 && (models[0]["userMaps"] as? [Any])?.count == 2)
    }

    @Test(.enabled(if: HeadlessBrowser.installed != nil, "chromium is not installed (apt-get install chromium); the page is not run"))
    func thePageWorksInABrowser() throws {
        let (_, _, model, out) = Self.fixture
        let movies = try CSVFile(out + "/movies-tsne.csv")
        // The most-rated movie, typed carelessly (lower case, year given).
        let top = try #require(movies.rows.max { Int($0[4])! < Int($1[4])! })
        let display = "\(top[1]) (\(top[2]))"
        let query = display.lowercased()
        let similar = try #require(try runCinematrix(["similar", model, query, "--json"]).jsonObject)
        let record = try #require(try HeadlessBrowser.installed!.selftest(page: out + "/explore.html", query: [("query", query)]),
                                  "the page wrote no self-test record")
        try checkSelftest(record, displayTitle: display, similar: similar, movies: movies)
    }

    @Test(.enabled(if: HeadlessBrowser.installed != nil, "chromium is not installed (apt-get install chromium); the page is not run"))
    func aRequestThePageTriesIsRefusedAndRecorded() throws {
        // ?probe makes the page try an image and a fetch: both must be blocked and reported, which
        // is what lets the other tests trust an empty list of violations.
        let record = try #require(try HeadlessBrowser.installed!.selftest(page: Self.fixture.out + "/explore.html", query: [("probe", nil)]))
        let violations = try #require(record["violations"] as? [String])
        #expect(violations.contains { $0.hasPrefix("img-src") && $0.contains("example.invalid") }, "\(violations)")
        #expect(violations.contains { $0.hasPrefix("connect-src") && $0.contains("example.invalid") }, "\(violations)")
    }

    @Test(.enabled(if: HeadlessBrowser.installed != nil, "chromium is not installed (apt-get install chromium); the page is not run"))
    func screenshotsAtTwoWindowSizes() throws {
        let folder = Self.fixture.dir + "/screenshots"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let page = Self.fixture.out + "/explore.html"
        for (window, size) in [("1280,800", (1280, 800)), ("760,1000", (760, 1000))] {
            let path = "\(folder)/explore-\(size.0).png"
            try HeadlessBrowser.installed!.screenshot(HeadlessBrowser.url(page), to: path, window: window)
            let png = try #require(FileManager.default.contents(atPath: path), "no screenshot at \(window)")
            let measured = try #require(pngSize(png), "\(path) is not a PNG")
            #expect(measured == size, "\(window)")
            // At the narrow size the side panel goes below the map instead of squeezing it: the
            // self-test reports the canvas nearly as wide as the window.
            let record = try #require(try HeadlessBrowser.installed!.selftest(page: page, window: window))
            let canvas = try #require(record["canvas"] as? [Int])
            #expect(size.0 < 900 ? canvas[0] >= size.0 - 20 : canvas[0] <= size.0 - 300, "\(window): canvas \(canvas)")
            #expect((record["errors"] as? [String]) == [], "\(window)")
        }
    }

    @Test func aComparisonFolderSwitchesBetweenItsModels() throws {
        let (dir, data, _, _) = Self.fixture
        let compare = try runCinematrix(["compare", data, "-k", "4", "--epochs", "3", "--burn-in", "4", "--samples", "8", "--out", dir + "/cmp", "--quiet"])
        try #require(compare.status == 0, "\(compare.stderr)")
        // A copy of a model under another name: shown at the very same coordinates.
        try FileManager.default.removeItem(atPath: dir + "/cmp/bias-uv-map/model.cmxm")
        try FileManager.default.copyItem(atPath: dir + "/cmp/bias-uv-genre-map/model.cmxm", toPath: dir + "/cmp/bias-uv-map/model.cmxm")
        let r = try runCinematrix(["explore", dir + "/cmp", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let result = try #require(r.jsonObject)
        let names = try #require(result["models"] as? [String])
        #expect(Set(names) == ["bias-uv MAP", "bias-uv Gibbs", "bias-uv-genre MAP", "bias-uv-genre Gibbs"], "\(names)")
        #expect(Set(result["skipped"] as? [String] ?? []) == ["bias MAP", "bias Gibbs"])
        #expect(r.stderr.contains("bias MAP left out"))
        let page = dir + "/cmp/explore/explore.html"
        let models = try #require(try pageData(String(contentsOfFile: page, encoding: .utf8))["models"] as? [[String: Any]])
        let index = { (name: String) in names.firstIndex(of: name)! }
        #expect(models[index("bias-uv MAP")]["sameAs"] as? Int == index("bias-uv-genre MAP") || models[index("bias-uv-genre MAP")]["sameAs"] as? Int == index("bias-uv MAP"))
        #expect(models[index("bias-uv Gibbs")]["sameAs"] == nil)
        // Gibbs models carry their posterior spread, MAP models none.
        #expect(models[index("bias-uv-genre Gibbs")]["spreadLabel"] as? String == "posterior SD of the movie's bias")
        #expect(models[index("bias-uv-genre MAP")]["spread"] == nil)
        for name in ["bias-uv-map", "bias-uv-genre-gibbs"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/cmp/explore/\(name)/movies-tsne.csv"), "\(name)")
        }
        if let browser = HeadlessBrowser.installed {
            let record = try #require(try browser.selftest(page: page))
            #expect(record["models"] as? [String] == names)
            #expect((record["views"] as? [String] ?? []).filter { $0.hasPrefix("movies/tsne/genre/") }.count >= names.count)
            #expect((record["errors"] as? [String]) == [] && (record["violations"] as? [String]) == [], "\(record)")
        }
    }

    @Test func theReportEmbedsTheSameExplorer() throws {
        let (dir, _, model, _) = Self.fixture
        let r = try runCinematrix(["report", model, "--out", dir + "/report", "--quiet"])
        try #require(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: dir + "/report/report.html", encoding: .utf8)
        let start = try #require(html.range(of: "<iframe class=\"explorer\""))
        let attribute = try #require(html.range(of: "srcdoc=\"", range: start.upperBound..<html.endIndex))
        let end = try #require(html.range(of: "\"", range: attribute.upperBound..<html.endIndex))
        let embedded = String(html[attribute.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        let data = try pageData(embedded)
        // The report's own t-SNE map of the movies, not a second run: the page's coordinates
        // are those of the report's movies-tsne.csv.
        let csv = try CSVFile(dir + "/report/movies-tsne.csv")
        let maps = try #require((data["models"] as? [[String: Any]])?.first?["movieMaps"] as? [[String: Any]])
        let tsne = try #require(maps.first { $0["method"] as? String == "tsne" })
        let xs = csv.rows.map { Double($0[5])! }
        #expect(tsne["x0"] as? Double == xs.min() && tsne["x1"] as? Double == xs.max())
        #expect((data["movies"] as? [String: Any])?["count"] as? Int == csv.rows.count)
        if let browser = HeadlessBrowser.installed {
            let page = dir + "/report/embedded-explorer.html"
            try embedded.write(toFile: page, atomically: true, encoding: .utf8)
            let record = try #require(try browser.selftest(page: page))
            #expect((record["errors"] as? [String]) == [] && (record["violations"] as? [String]) == [], "\(record)")
            #expect((record["hover"] as? [String: Any])?["shown"] as? String != nil)
        }
    }
}

/// The page's self-test record checked against the command line and the files: the search
/// found `displayTitle` and lists `similar`'s neighbours with its scores; the hover shows the
/// title of the point under the cursor; unticking a genre hides exactly its movies (on the
/// canvas too); a wheel turn zooms about the cursor and a drag pans; nothing failed or was fetched.
func checkSelftest(_ record: [String: Any], displayTitle: String, similar: [String: Any], movies: CSVFile) throws {
    #expect((record["errors"] as? [String]) == [], "console errors: \(record["errors"] ?? "none recorded")")
    #expect((record["violations"] as? [String]) == [], "requests: \(record["violations"] ?? "none recorded")")
    #expect((record["timeToInteractive"] as? Double ?? 0) > 0)

    let search = try #require(record["search"] as? [String: Any])
    #expect(search["selected"] as? String == displayTitle && search["panelTitle"] as? String == displayTitle)
    #expect(search["ringDrawn"] as? Bool == true, "the chosen movie is ringed on the map: \(search["ringPixel"] ?? "")")
    let listed = try #require(search["neighbours"] as? [[String: Any]])
    let expected = try #require(similar["similar"] as? [[String: Any]])
    #expect(listed.count == 10 && expected.count == 10)
    #expect(listed.map { $0["id"] as? Int } == expected.map { $0["movieId"] as? Int }, "the page lists similar's neighbours in its order")
    #expect(listed.map { $0["score"] as? String } == expected.map { String(format: "%.3f", ($0["similarity"] as? Double) ?? .nan) })

    let titles = Set(movies.rows.map { "\($0[1]) (\($0[2]))" })
    let hover = try #require(record["hover"] as? [String: Any])
    let shown = try #require(hover["shown"] as? String, "no tooltip: \(hover)")
    #expect(shown == hover["expected"] as? String && titles.contains(shown), "\(hover)")

    let toggle = try #require(record["toggle"] as? [String: Any])
    let genre = try #require(toggle["genre"] as? String)
    let withGenre = movies.rows.filter { $0[3].split(separator: "|").contains(Substring(genre)) }.count
    #expect(toggle["withGenre"] as? Int == withGenre && toggle["before"] as? Int == movies.rows.count)
    #expect(toggle["after"] as? Int == movies.rows.count - withGenre, "\(toggle)")
    #expect(toggle["hiddenExactlyItsMovies"] as? Bool == true && toggle["restored"] as? Bool == true)
    #expect(toggle["memberVanished"] as? Bool == true && toggle["otherStayed"] as? Bool == true, "\(toggle)")

    let zoom = try #require(record["zoom"] as? [String: Any])
    #expect((zoom["factor"] as? Double ?? 0) > 1.3, "\(zoom)")
    #expect((zoom["drift"] as? Double ?? 99) < 1.5, "the point under the cursor stays there: \(zoom)")
    #expect(zoom["panned"] as? [Int] == [40, 25], "\(zoom)")
}

/// The data JSON inside an explorer page.
func pageData(_ html: String) throws -> [String: Any] {
    let open = "<script type=\"application/json\" id=\"cmx-data\">"
    let start = try #require(html.range(of: open))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let json = html[start.upperBound..<end.lowerBound]
    return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
}

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ d: Data) -> (Int, Int)? {
    let b = [UInt8](d.prefix(24))
    guard b.count == 24, b[0] == 0x89, b[1] == 0x50 else { return nil }
    func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
    return (be(16), be(20))
}

/// A CSV file (RFC 4180: quoted fields, doubled quotes) read whole.
struct CSVFile {
    var header: [String]
    var rows: [[String]]

    init(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var records: [[String]] = [], field = "", record: [String] = [], quoted = false
        func handle(_ c: Character) {
            switch c {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\n": record.append(field); field = ""; records.append(record); record = []
            default: field.append(c)
            }
        }
        var chars = text.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; handle(next) }
                    } else { quoted = false }
                } else { field.append(c) }
            } else { handle(c) }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }
}

/// The explorer on the real ml-latest-small (`../shared/data`, or CINEMATRIX_SHARED), trained
/// quickly by MAP: the search for "toy story" in the page finds Toy Story and lists the ten
/// movies `cinematrix similar` prints, with the same scores. Skipped, with a message, when the
/// data or chromium is absent.
@Suite(.serialized, .needsSharedData("ml-latest-small"))
struct ExploreSharedDataTests {
    @Test(.enabled(if: HeadlessBrowser.installed != nil, "chromium is not installed (apt-get install chromium); the page is not run"))
    func toyStoryAndItsNeighboursAsSimilarPrintsThem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-explore-small-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for step in [["prepare", SharedData.path("ml-latest-small"), "--out", dir + "/small.cmx"],
                     ["train", dir + "/small.cmx", "--inference", "map", "--epochs", "5", "--out", dir + "/run"],
                     ["explore", dir + "/run", "--out", dir + "/explore"]] {
            let r = try runCinematrix(step + ["--quiet"])
            try #require(r.status == 0, "\(step[0]): \(r.stderr)")
        }
        let similar = try #require(try runCinematrix(["similar", dir + "/run", "toy story", "--json"]).jsonObject)
        let record = try #require(try HeadlessBrowser.installed!.selftest(page: dir + "/explore/explore.html", query: [("query", "toy story")]))
        try checkSelftest(record, displayTitle: "Toy Story (1995)", similar: similar, movies: try CSVFile(dir + "/explore/movies-tsne.csv"))
    }
}

/// The page's title search against the command line's, query by query, on the small two-taste
/// model of the recommend tests (titles "Matrix, The", "Amélie", "Alien" and "Aliens", "Film 10"…):
/// the same movie found, the same candidates when several match, the same closest titles when
/// none does.
@Suite(.serialized) struct ExploreTitleSearchTests {
    @Test(.enabled(if: HeadlessBrowser.installed != nil, "chromium is not installed (apt-get install chromium); the page is not run"))
    func thePageFindsWhatTheCommandLineFinds() throws {
        let model = RecommendCommandTests.folder
        let out = model + "/explore-titles"
        let r = try runCinematrix(["explore", model, "--out", out, "--min-ratings", "0", "--clusters", "2", "--quiet"])
        try #require(r.status == 0, "\(r.stderr)")
        let queries = ["the matrix", "MATRIX, THE", "matrix (1981)", "Matrix, The (1990)", "amelie", "AMÉLIE", "alien", "aliens", "toy",
                       "#3", "film", "film 1", "fargoo", "brazil (1988)", "  cars  "]
        let record = try #require(try HeadlessBrowser.installed!.selftest(page: out + "/explore.html", query: queries.map { ("match", $0) }))
        let matches = try #require(record["matches"] as? [[String: Any]])
        #expect(matches.count == queries.count)
        for (query, page) in zip(queries, matches) {
            let cli = try runCinematrix(["similar", model, query, "--min-ratings", "0", "--json"])
            let envelope = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
            if let result = envelope["result"] as? [String: Any] {
                let title = (result["query"] as? [String: Any])?["title"] as? String
                #expect(page["found"] as? String == title, "\(query): page \(page), command line \(title ?? "nil")")
            } else {
                let error = try #require(envelope["error"] as? [String: Any])
                let candidates = error["candidates"] as? [String] ?? []
                let message = error["message"] as? String ?? ""
                let listed = message.contains("matches several movies") ? (page["ambiguous"] as? [String])?.prefix(10).map { $0 } : page["closest"] as? [String]
                #expect(page["found"] is NSNull, "\(query): the page found \(page["found"] ?? "") where the command line did not")
                #expect(listed == candidates, "\(query): page \(page), command line \(candidates)")
            }
        }
    }
}
