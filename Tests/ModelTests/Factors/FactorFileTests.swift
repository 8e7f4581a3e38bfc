import Foundation
import Testing
@testable import Model

/// `FactorTable.read` on files and folders: form sniffing, Spark part folders, `.npy` with ids,
/// and bias files.
@Suite struct FactorFileTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-factors-\(UUID())").path

    init() throws { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }

    private func write(_ text: String, _ name: String) throws -> String {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aPartFolderIsOneTableAndSkipsSparksMarkers() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try write("{\"id\":10,\"features\":[0.5,-1.0]}\n", "f/part-00000-a-c000.json")
        _ = try write("", "f/part-00001-a-c000.json")  // Spark writes empty parts for empty partitions
        _ = try write("{\"id\":3,\"features\":[2.0,0.25]}\n", "f/part-00002-a-c000.json")
        _ = try write("", "f/_SUCCESS")
        _ = try write("garbage", "f/.part-00000-a-c000.json.crc")
        let t = try FactorTable.read(path: dir + "/f")
        #expect(t.ids == [10, 3] && t.vectors.values == [0.5, -1, 2, 0.25])
    }

    @Test func partFoldersCheckAcrossParts() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try write("{\"id\":10,\"features\":[0.5]}\n", "dup/part-00000.json")
        let second = try write("{\"id\":4,\"features\":[1.0]}\n{\"id\":10,\"features\":[2.0]}\n", "dup/part-00001.json")
        #expect { try FactorTable.read(path: dir + "/dup") } throws: {
            "\($0)" == "\(second):2: id 10 appears twice (first on \(dir)/dup/part-00000.json:1)"
        }
        _ = try write("{\"id\":10,\"features\":[0.5]}\n", "k/part-00000.json")
        let k = try write("{\"id\":4,\"features\":[1.0,2.0]}\n", "k/part-00001.json")
        #expect { try FactorTable.read(path: dir + "/k") } throws: { "\($0)" == "\(k):1: 2 features, earlier rows have 1" }
        _ = try write("", "empty/part-00000.json")
        _ = try write("", "empty/_SUCCESS")
        #expect { try FactorTable.read(path: dir + "/empty") } throws: { "\($0)" == "\(dir)/empty: the part files hold no rows of factors" }
        _ = try write("", "none/_SUCCESS")
        #expect { try FactorTable.read(path: dir + "/none") } throws: { "\($0)".hasPrefix("\(dir)/none: no part-* files") }
        _ = try write("PAR1\u{0}\u{0}", "pq/part-00000.snappy.parquet")
        #expect { try FactorTable.read(path: dir + "/pq") } throws: { "\($0)".contains("Parquet is not read") }
    }

    @Test func npyRowsTakeTheirIdsFromTheIdsFile() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try NPYFile.write([0.5, -1, 2, 0.25], shape: [2, 2], to: dir + "/v.npy")
        let ids = try write("10\n3\n", "ids.txt")
        let t = try FactorTable.read(path: dir + "/v.npy", idsPath: ids)
        #expect(t == (try FactorTable.parseCSV("10,0.5,-1\n3,2,0.25\n", path: "p.csv")))
        #expect { try FactorTable.read(path: dir + "/v.npy") } throws: { "\($0)".contains("has no ids") }
        let twice = try write("10\n10\n", "twice.txt")
        #expect { try FactorTable.read(path: dir + "/v.npy", idsPath: twice) } throws: { "\($0)" == "\(twice):2: id 10 appears twice (first on line 1)" }
        let three = try write("10\n3\n4\n", "three.txt")
        #expect { try FactorTable.read(path: dir + "/v.npy", idsPath: three) } throws: { "\($0)".hasSuffix("2 rows but \(three) has 3 ids") }
        let word = try write("10\nabc\n", "word.txt")
        #expect { try FactorTable.read(path: dir + "/v.npy", idsPath: word) } throws: { "\($0)" == "\(word):2: 'abc' is not a whole-number id" }
        try NPYFile.write([0.5, .nan, 2, 0.25], shape: [2, 2], to: dir + "/nan.npy")
        #expect { try FactorTable.read(path: dir + "/nan.npy", idsPath: ids) } throws: {
            "\($0)" == "\(dir)/nan.npy: row 1 (id 10), feature 2 is nan, not a finite number"
        }
        let csv = try write("10,1\n", "c.csv")
        #expect { try FactorTable.read(path: csv, idsPath: ids) } throws: { "\($0)".contains("goes only with a .npy") }
    }

    @Test func biasFilesHaveOneValuePerRow() throws {
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let b = try FactorBiases.read(path: try write("item,bias\n10,0.5\n3,-0.25\n", "b.csv"))
        #expect(b.ids == [10, 3] && b.values == [0.5, -0.25])
        let (values, missing, unused) = b.aligned(to: [3, 7])
        #expect(values == [-0.25, 0] && missing == 1 && unused == 1)
        #expect { try FactorBiases.read(path: try write("10,0.5,1\n", "two.csv")) } throws: { "\($0)".contains("2 values per row") }
        #expect { try FactorBiases.read(path: try write("10,0.5\n10,1\n", "dup.csv")) } throws: { "\($0)".contains("id 10 appears twice") }
        #expect { try FactorBiases.read(path: try write("10,inf\n", "inf.csv")) } throws: { "\($0)".hasSuffix("inf.csv:1: 'inf' is not a finite number") }
    }
}
