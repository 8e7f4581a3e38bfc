import Core
import Foundation
import Testing
@testable import Model

@Suite struct ExportTests {
    let directory: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-export-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    func sample(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var rng = SplitMix64(seed: seed)
        return Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in Float(rng.nextGaussian()) })
    }

    @Test func npyRoundTripsInSwiftWithPaddedHeader() throws {
        let m = sample(rows: 37, columns: 5, seed: 1)
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
        try NPYFile.write(sample(rows: 4, columns: 4, seed: 2), to: directory + "/m.npy")
        let bytes = FileManager.default.contents(atPath: directory + "/m.npy")!
        try bytes.prefix(bytes.count - 4).write(to: URL(fileURLWithPath: directory + "/short.npy"))
        #expect { try NPYFile.read(path: directory + "/short.npy") } throws: { "\($0)".contains("truncated") }
        try Data("hello".utf8).write(to: URL(fileURLWithPath: directory + "/text.npy"))
        #expect { try NPYFile.read(path: directory + "/text.npy") } throws: { "\($0)".contains("not a NumPy") }
    }

    @Test(.enabled(if: pythonWithNumPy, "python3 with numpy is not available; the Swift round trip still runs"))
    func numpyLoadsWhatWeWrite() throws {
        let m = sample(rows: 11, columns: 3, seed: 3)
        try NPYFile.write(m, to: directory + "/m.npy")
        let out = try python("import numpy as np; a = np.load('\(directory)/m.npy'); print(a.dtype, a.shape, repr(float(a[10, 2])))")
        #expect(out == "float32 (11, 3) \(Double(m[10, 2]))")
        _ = try python("import numpy as np; np.save('\(directory)/py.npy', np.arange(6, dtype=np.float64).reshape(2, 3))")
        #expect(try NPYFile.read(path: directory + "/py.npy") == Matrix(rows: 2, columns: 3, values: [0, 1, 2, 3, 4, 5]))
    }

    @Test func projectorLayoutHasHeaderlessTensorAndCleanMetadata() throws {
        let m = sample(rows: 3, columns: 2, seed: 4)
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

/// Whether `python3 -c "import numpy"` works here.
let pythonWithNumPy: Bool = (try? python("import numpy")) != nil

/// Runs a Python snippet and returns its trimmed standard output; throws when it fails.
func python(_ code: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", code]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = Pipe()
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
