import Core
import Testing
@testable import Model

@Suite struct RatingListTests {
    @Test func commandLineRatingsSplitAtTheLastEquals() throws {
        let e = try RatingList.parse(arguments: ["Toy Story (1995)=5", " the matrix = 4.5", "2 + 2 = 4=3"])
        #expect(e.map(\.query) == ["Toy Story (1995)", "the matrix", "2 + 2 = 4"])
        #expect(e.map(\.stars) == [5, 4.5, 3])
        #expect { try RatingList.parse(arguments: ["Heat"]) } throws: { "\($0)" == "--rate:1: 'Heat' has no '='; write it as \"Title=4.5\"" }
        #expect { try RatingList.parse(arguments: ["Heat=5", "Alien=great"]) } throws: { "\($0)".hasPrefix("--rate:2: 'great'") }
    }

    @Test func csvFilesTakeTitlesOrIdsInAnyColumnOrder() throws {
        let text = "rating,title,movieId\r\n5,\"Matrix, The (1999)\",\r\n4.5,,318\r\n\n2,\"\"\"Great\"\" Cats\",\n"
        let e = try RatingList.parse(csv: text, source: "mine.csv")
        #expect(e.map(\.query) == ["Matrix, The (1999)", "#318", "\"Great\" Cats"])
        #expect(e.map(\.line) == [2, 3, 5])
        #expect { try RatingList.parse(csv: "name,score\nx,1\n", source: "f.csv") } throws: { "\($0)".hasPrefix("f.csv:1: the header") }
        #expect { try RatingList.parse(csv: "title,rating\n\"Heat,5\n", source: "f.csv") } throws: { "\($0)" == "f.csv:2: unterminated quote" }
        #expect { try RatingList.parse(csv: "title,rating\nHeat,five\n", source: "f.csv") } throws: { "\($0)".hasPrefix("f.csv:2: 'five'") }
    }
}
