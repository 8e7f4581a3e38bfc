import Testing
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
}
