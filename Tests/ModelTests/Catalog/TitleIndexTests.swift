import Core
import Testing
import TestSupport
@testable import Model

@Suite struct TitleIndexTests {
    /// A small catalogue with the quirks of MovieLens titles.
    let catalog: MovieCatalog = {
        let rows: [(Int64, String, Int32)] = [
            (1, "Toy Story", 1995), (2, "Matrix, The", 1999), (3, "Heat", 1995),
            (4, "Hamlet", 1990), (5, "Hamlet", 1996), (6, "Amélie (Fabuleux destin d'Amélie Poulain, Le)", 2001),
            (7, "City of Lost Children, The (Cité des enfants perdus, La)", 1995),
            (8, "Seven (a.k.a. Se7en)", 1995), (9, "Star Wars: Episode IV - A New Hope", 1977),
            (10, "Star Wars: Episode V - The Empire Strikes Back", 1980), (11, "1984", 1984),
            (12, "Schindler's List", 1993),
        ]
        return MovieCatalog(movieIDs: rows.map(\.0), titles: rows.map(\.1), years: rows.map(\.2),
                            genreNames: [], genreStart: [Int](repeating: 0, count: rows.count + 1), genreIndex: [])
    }()
    var index: TitleIndex { TitleIndex(catalog: catalog, popularity: [9, 8, 7, 3, 5, 4, 3, 6, 9, 8, 1, 7]) }

    @Test(arguments: [
        ("Toy Story (1995)", 0), ("toy story", 0), ("TOY STORY", 0), ("the matrix", 1), ("Matrix, The (1999)", 1),
        ("Matrix", 1), ("The Matrix (1999)", 1), ("heat", 2), ("Hamlet (1996)", 4), ("amelie", 5),
        ("Le Fabuleux destin d'Amelie Poulain", 5), ("the city of lost children", 6), ("Se7en", 7),
        ("seven", 7), ("1984", 10), ("1984 (1984)", 10), ("schindlers list", 11), ("#3", 2), ("id:12", 11),
    ])
    func forgivingQueriesFindTheMovie(query: String, expected: Int) {
        #expect(index.match(query) == .found(expected))
    }

    @Test func sameNameWithoutYearIsAmbiguousMostRatedFirst() throws {
        #expect(index.match("Hamlet") == .ambiguous([4, 3]))
        #expect { try index.resolve("hamlet") } throws: { error in
            let e = error as! TitleLookupError
            return e.ambiguous && e.candidates == ["Hamlet (1996)", "Hamlet (1990)"] && "\(e)".contains("add the year")
                && e.candidateIDs == [catalog.movieIDs[4], catalog.movieIDs[3]]
                && "\(e)".contains("Hamlet (1996)  #\(catalog.movieIDs[4])")
        }
    }

    @Test func aQueryTypedExactlyLikeOneTitlePicksItAmongPunctuationTwins() throws {
        let twins = MovieCatalog(movieIDs: [1, 2], titles: ["Paper Island", "\"Paper\" Island"], years: [2020, 2020],
                                 genreNames: [], genreStart: [0, 0, 0], genreIndex: [])
        let index = TitleIndex(catalog: twins, popularity: [1, 9])
        #expect(index.match("Paper Island (2020)") == .found(0))
        #expect(index.match("\"paper\" island") == .found(1))
        #expect(index.match("paper island!") == .ambiguous([1, 0]))
    }

    @Test func sameTitleAndYearTwiceIsToldApartByID() throws {
        let twins = MovieCatalog(movieIDs: [10, 20, 30], titles: ["Emma", "Emma", "Heat"], years: [1996, 1996, 1995],
                                 genreNames: [], genreStart: [0, 0, 0, 0], genreIndex: [])
        let index = TitleIndex(catalog: twins, popularity: [5, 9, 1])
        #expect(index.match("Emma (1996)") == .ambiguous([1, 0]))
        #expect(index.match("#10") == .found(0))
        #expect { try index.resolve("emma (1996)") } throws: { error in
            "\(error)".contains("e.g. \"#20\"") && "\(error)".contains("Emma (1996)  #10")
        }
    }

    @Test func leadingWordsMatchWhenNothingMatchesExactly() {
        #expect(index.match("toy") == .found(0))
        #expect(index.match("star wars") == .ambiguous([8, 9]))
        #expect(index.match("Star Wars (1980)") == .found(9))
        #expect(index.match("schindler") == .notFound(closest: [11]))  // whole words only
    }

    @Test func unknownTitlesListTheClosest() throws {
        guard case let .notFound(closest) = index.match("star trek wars") else {
            Issue.record("expected notFound"); return
        }
        #expect(Set(closest.prefix(2)) == [8, 9])
        #expect(index.match("Toy Story (2010)") == .notFound(closest: [0]))
        #expect(index.match("qwertyuiop") == .notFound(closest: []))
    }

    @Test func keysIgnoreCaseAccentsPunctuationAndArticles() {
        #expect(TitleKey.key("Matrix, The") == TitleKey.key("the matrix"))
        #expect(TitleKey.key("AMÉLIE!") == "amelie")
        #expect(TitleKey.splitYear("Heat (1995)") == ("Heat", 1995))
        #expect(TitleKey.splitYear("Dr. Who (2005–2013)").year == 2005)
        #expect(TitleKey.splitYear("Heat").year == nil)
        #expect(TitleKey.splitYear("Seven (a.k.a. Se7en)").year == nil)
    }

    @Test func theASCIIFastPathGivesFoundationsKeys() {
        // Every ASCII quirk the slow path handles, and a whole synthetic catalogue.
        var titles = ["Matrix, The", "City of Lost Children, The (Cité)", "Schindler's List", "Guns of Navarone, The'",
                      "\"Great Performances\" Cats", "Good, the Bad and the Ugly, The", "Dr. Strangelove or: How I Learned",
                      "Seven (a.k.a. Se7en)", "1984", "A", "The", "an American Tail", "Lion King, The  ", "X,  The",
                      "Hello,World", "Amelie, Le", "  spaced   out  ", "M*A*S*H", "Tab\tSeparated, The", "", ",", ", The"]
        var rng = SplitMix64(seed: 11)
        titles += SyntheticCatalog.make(count: 2000, rng: &rng).titles
        for t in titles where t.allSatisfy(\.isASCII) {
            let fast = t.utf8.withContiguousStorageIfAvailable { TitleKey.asciiKey($0) } ?? nil
            #expect(fast == TitleKey.foldedKey(t), "\(t)")
            #expect(TitleKey.key(t) == TitleKey.foldedKey(t), "\(t)")
        }
        #expect(TitleKey.key("Amélie, Le") == TitleKey.foldedKey("Amélie, Le"))
        #expect("Amélie".utf8.withContiguousStorageIfAvailable { TitleKey.asciiKey($0) } == .some(nil))
    }

    @Test func everyTitleIsFoundByItsOwnNameWithOrWithoutCaseAccentsAndYear() {
        var rng = SplitMix64(seed: 5)
        let synthetic = SyntheticCatalog.make(count: 3000, rng: &rng)
        let extra: [(Int64, String, Int32)] = [
            (90001, "Straße der Ångström", 2001), (90002, "Cafe\u{301} Society", 2016), (90003, "Señor Mañana, El", 1990),
            (90004, "Zoë’s Noël", 2003), (90005, "Déjà Vu (a.k.a. Again)", 2006), (90006, "ＷＩＤＥ Letters", 2010),
        ]
        let catalog = MovieCatalog(movieIDs: synthetic.movieIDs + extra.map(\.0), titles: synthetic.titles + extra.map(\.1),
                                   years: synthetic.years + extra.map(\.2), genreNames: [],
                                   genreStart: [Int](repeating: 0, count: synthetic.count + extra.count + 1), genreIndex: [])
        let index = TitleIndex(catalog: catalog)
        func finds(_ query: String, _ m: Int) -> Bool {
            switch index.match(query) {
            case let .found(f): return f == m
            case let .ambiguous(ms): return ms.contains(m)
            case .notFound: return false
            }
        }
        for m in stride(from: 0, to: catalog.count, by: 7) + Array(synthetic.count..<catalog.count) {
            let title = catalog.titles[m]
            #expect(finds(catalog.displayTitle(m), m), "\(title)")
            #expect(finds(title.uppercased(), m), "\(title)")
            let plain = title.folding(options: .diacriticInsensitive, locale: nil)
            #expect(finds(plain, m), "\(title)")
        }
        #expect(index.match("cafe society") == .found(synthetic.count + 1))
        #expect(index.match("el senor manana") == .found(synthetic.count + 2))
        #expect(index.match("again") == .found(synthetic.count + 4))
        #expect(index.match("wide letters") == .found(synthetic.count + 5))
    }
}
