import Core
import Foundation
import Testing
@testable import Model

@Suite struct FactorTableTests {
    @Test func plainAndSparkArrayRowsParseTheSame() throws {
        let plain = try FactorTable.parseCSV("id,f1,f2\n10,0.5,-1\n3,2,0.25\n", path: "a.csv")
        let spark = try FactorTable.parseCSV("id,features\r\n10,\"[0.5, -1.0]\"\r\n3,\"[2.0, 0.25]\"\r\n", path: "b.csv")
        #expect(plain == spark)
        #expect(plain.ids == [10, 3])
        #expect(plain.vectors == Matrix(rows: 2, columns: 2, values: [0.5, -1, 2, 0.25]))
    }

    @Test func numpyReprWrappedInsideQuotesParsesLikeCommas() throws {
        let numpy = try FactorTable.parseCSV("id,features\n10,\"[ 0.5  -1.   2.\n  0.25]\"\n3,\"[ 1.  0.  3. -4.]\"\n", path: "n.csv")
        #expect(numpy == (try FactorTable.parseCSV("10,0.5,-1,2,0.25\n3,1,0,3,-4\n", path: "p.csv")))
        // to_csv() without index=False: the unnamed index column is dropped.
        let indexed = try FactorTable.parseCSV(",id,features\n0,10,\"[1. 2.]\"\n1,3,\"[3. 4.]\"\n", path: "i.csv")
        #expect(indexed.ids == [10, 3] && indexed.vectors.values == [1, 2, 3, 4])
    }

    @Test func badRowsNameTheLine() {
        #expect { try FactorTable.parseCSV("1,0.5,1\n2,0.5\n", path: "f.csv") } throws: {
            "\($0)" == "f.csv:2: 1 features, earlier rows have 2"
        }
        #expect { try FactorTable.parseCSV("1,0.5\nx,1\n", path: "f.csv") } throws: { "\($0)".hasPrefix("f.csv:2: the id 'x'") }
        #expect { try FactorTable.parseCSV("1,0.5\n1,1\n", path: "f.csv") } throws: { "\($0)" == "f.csv:2: id 1 appears twice (first on line 1)" }
        #expect { try FactorTable.parseCSV("1,nan\n", path: "f.csv") } throws: { "\($0)" == "f.csv:1: 'nan' is not a finite number" }
        #expect { try FactorTable.parseCSV("id,f\n", path: "f.csv") } throws: { "\($0)".contains("no rows") }
        // The line of the value inside a wrapped vector, not the line the record starts on.
        #expect { try FactorTable.parseCSV("id,features\n7,\"[ 1.  2.\n  inf 3.]\"\n", path: "w.csv") } throws: {
            "\($0)" == "w.csv:3: 'inf' is not a finite number"
        }
        #expect { try FactorTable.parseCSV("7,\"[ 1.  2.\n  3. ...]\"\n", path: "w.csv") } throws: { "\($0)".contains("NumPy shortened") }
        #expect { try FactorTable.parseCSV("7,\"[ 1.  2.\n", path: "w.csv") } throws: { "\($0)".hasPrefix("w.csv:1: a quoted field") }
        #expect { try FactorTable.parseCSV("7,\"[ 1.  2.\"\n", path: "w.csv") } throws: { "\($0)".contains("no closing ']'") }
    }

    @Test func jsonLinesParseAndNameBadLines() throws {
        let t = try FactorTable.parseJSONLines("{\"id\":10,\"features\":[0.5,-1.0]}\n\n{\"features\":[2.0,0.25],\"id\":3}\n", path: "j.json")
        #expect(t == (try FactorTable.parseCSV("10,0.5,-1\n3,2,0.25\n", path: "p.csv")))
        let bad: [(String, String)] = [
            ("{\"id\":1,\"features\":[1.0]}\n{\"id\":2,\"features\":[1.0,2.0]}", "j.json:2: 2 features, earlier rows have 1"),
            ("{\"id\":1,\"features\":[1.0,\"NaN\"]}", "j.json:1: 'NaN' is not a finite number"),
            ("{\"id\":1,\"features\":[null]}", "j.json:1: 'null' is not a finite number"),
            ("{\"id\":1,\"features\":[1.0]}\n{\"id\":1,\"features\":[2.0]}", "j.json:2: id 1 appears twice (first on line 1)"),
            ("{\"id\":1,\"vector\":[1.0]}", "j.json:1: no \"features\" key; expected {\"id\": 10, \"features\": [f1, ..., fK]}"),
            ("{\"id\":1,\"features\":[1.0]", "j.json:1: '{\"id\":1,\"features\":[1.0]' is not a JSON object {\"id\": 10, \"features\": [f1, ..., fK]}"),
        ]
        for (text, message) in bad {
            #expect { try FactorTable.parseJSONLines(text, path: "j.json") } throws: { "\($0)" == message }
        }
    }

    @Test func alignmentFollowsTheGivenOrderAndCountsGaps() throws {
        let t = try FactorTable.parseCSV("10,1,2\n3,3,4\n99,5,6\n", path: "a.csv")
        let (m, missing, unused) = t.aligned(to: [3, 7, 10])
        #expect(m == Matrix(rows: 3, columns: 2, values: [3, 4, 0, 0, 1, 2]))
        #expect(missing == 1 && unused == 1)
    }
}
