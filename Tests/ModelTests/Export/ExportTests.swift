import Core
import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct ExportTests {
    let directory = temporaryFolder("export")

    @Test func npyRoundTripsInSwiftWithPaddedHeader() throws {
        let m = PlantedPoints.gaussian(rows: 37, columns: 5, seed: 1)
        try NPYFile.write(m, to: directory + "/m.npy")
        let bytes = [UInt8](FileManager.default.contents(atPath: directory + "/m.npy")!)
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        #expect(bytes[10 + headerLength - 1] == UInt8(ascii: "\n"))
        #expect(try NPYFile.read(path: directory + "/m.npy") == m)
        try NPYFile.write([1, 2, 3], shape: [3], to: directory + "/v.npy")
        #expect(try NPYFile.read(path: directory + "/v.npy") == Matrix(rows: 3, columns: 1, values: [1, 2, 3]))
    }

    @Test func npyRefusesTruncatedAndForeignFiles() throws {
        try NPYFile.write(PlantedPoints.gaussian(rows: 4, columns: 4, seed: 2), to: directory + "/m.npy")
        let bytes = FileManager.default.contents(atPath: directory + "/m.npy")!
        try bytes.prefix(bytes.count - 4).write(to: URL(fileURLWithPath: directory + "/short.npy"))
        #expect { try NPYFile.read(path: directory + "/short.npy") } throws: { "\($0)".contains("truncated") }
        try Data("hello".utf8).write(to: URL(fileURLWithPath: directory + "/text.npy"))
        #expect { try NPYFile.read(path: directory + "/text.npy") } throws: { "\($0)".contains("not a NumPy") }
    }

    @Test(.needsNumPy)
    func numpyLoadsWhatWeWrite() throws {
        let m = PlantedPoints.gaussian(rows: 11, columns: 3, seed: 3)
        try NPYFile.write(m, to: directory + "/m.npy")
        let out = try Python.run("import numpy as np; a = np.load('\(directory)/m.npy'); print(a.dtype, a.shape, repr(float(a[10, 2])))")
        #expect(out == "float32 (11, 3) \(Double(m[10, 2]))")
        _ = try Python.run("import numpy as np; np.save('\(directory)/py.npy', np.arange(6, dtype=np.float64).reshape(2, 3))")
        #expect(try NPYFile.read(path: directory + "/py.npy") == Matrix(rows: 2, columns: 3, values: [0, 1, 2, 3, 4, 5]))
    }

    @Test func projectorLayoutHasHeaderlessTensorAndCleanMetadata() throws {
        let m = PlantedPoints.gaussian(rows: 3, columns: 2, seed: 4)
        let table = ProjectorExport.Table(
            name: "movies", vectors: m, metadataHeader: ["title", "year"],
            metadata: [["Toy\tStory", "1995"], ["Line\nBreak", "2000"], ["Plain", ""]])
        try ProjectorExport.write([table], to: directory + "/tb")
        let tensor = try String(contentsOfFile: directory + "/tb/movies_tensor.tsv", encoding: .utf8)
        let rows = tensor.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[1].split(separator: "\t").compactMap { Float($0) } == m.row(1))
        let meta = try String(contentsOfFile: directory + "/tb/movies_metadata.tsv", encoding: .utf8)
        #expect(meta.split(separator: "\n", omittingEmptySubsequences: false).prefix(4) == ["title\tyear", "Toy Story\t1995", "Line Break\t2000", "Plain\t"])
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/tb/projector_config.json"))) as! [String: Any]
        let entry = (config["embeddings"] as! [[String: Any]])[0]
        #expect(entry["tensorShape"] as? [Int] == [3, 2])
        #expect(entry["metadataPath"] as? String == "movies_metadata.tsv")
    }
}
