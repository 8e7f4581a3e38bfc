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

    @Test func badRowsNameTheLine() {
        #expect { try FactorTable.parseCSV("1,0.5,1\n2,0.5\n", path: "f.csv") } throws: {
            "\($0)" == "f.csv:2: 1 features, earlier rows have 2"
        }
        #expect { try FactorTable.parseCSV("1,0.5\nx,1\n", path: "f.csv") } throws: { "\($0)".hasPrefix("f.csv:2: the id 'x'") }
        #expect { try FactorTable.parseCSV("1,0.5\n1,1\n", path: "f.csv") } throws: { "\($0)".contains("appears twice") }
        #expect { try FactorTable.parseCSV("1,nan\n", path: "f.csv") } throws: { "\($0)".contains("not a finite number") }
        #expect { try FactorTable.parseCSV("id,f\n", path: "f.csv") } throws: { "\($0)".contains("no rows") }
    }

    @Test func alignmentFollowsTheGivenOrderAndCountsGaps() throws {
        let t = try FactorTable.parseCSV("10,1,2\n3,3,4\n99,5,6\n", path: "a.csv")
        let (m, missing, unused) = t.aligned(to: [3, 7, 10])
        #expect(m == Matrix(rows: 3, columns: 2, values: [3, 4, 0, 0, 1, 2]))
        #expect(missing == 1 && unused == 1)
    }
}
