import Foundation
import Testing
import TestSupport
@testable import Core

@Suite struct ContainerTests {
    let directory = temporaryFolder("container")

    @Test func roundTripKeepsEverySectionBitExact() throws {
        var w = ContainerWriter(kind: "TEST", version: 3)
        let floats: [Float] = [0, -0.0, .infinity, 1.5, .leastNonzeroMagnitude]
        let ints: [Int64] = [Int64.min, 0, 42, Int64.max]
        w.add("floats", floats)
        w.add("ints", ints)
        w.add("empty", [Int32]())
        let path = directory + "/a.bin"
        try w.write(to: path)
        let r = try ContainerReader(path: path, kind: "TEST", versions: 1...3)
        #expect(r.version == 3)
        let f: [Float] = try r.array("floats")
        #expect(f.map(\.bitPattern) == floats.map(\.bitPattern))
        #expect(try r.array("ints", as: Int64.self) == ints)
        #expect(try r.array("empty", as: Int32.self) == [])
        #expect(throws: ContainerError.self) { try r.array("nope", as: Float.self) }
    }

    @Test func largeSectionsAreVerifiedBlockByBlockWhenReadInPart() throws {
        // 5 MiB of floats: six 1 MiB blocks (the last one partial) with their own checksums.
        let values = (0..<(5 << 18)).map { Float($0) }
        var w = ContainerWriter(kind: "TEST", version: 1)
        w.add("small", [Int32(7)])
        w.add("big", values)
        let path = directory + "/blocks.bin"
        try w.write(to: path)
        #expect(try ContainerReader(path: path, kind: "TEST", versions: 1...1).has("big#b"))
        // Damage one float in the fourth block (bytes 3–4 MiB): elements 786,432 ..< 1,048,576.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let needle = withUnsafeBytes(of: Float(800_000)) { Data($0) }
        let at = try #require(bytes.range(of: needle)).lowerBound
        try handle.seek(toOffset: UInt64(at))
        handle.write(withUnsafeBytes(of: Float(-1)) { Data($0) })
        try handle.close()

        let r = try ContainerReader(path: path, kind: "TEST", versions: 1...1)
        // Rows in intact blocks read fine, and so does a range that spans two intact blocks.
        #expect(try r.withArray("big", as: Float.self, verifying: 10..<20) { Array($0[10..<20]) } == values[10..<20].map { $0 })
        #expect(try r.withArray("big", as: Float.self, verifying: 262_140..<262_150) { $0[262_145] } == 262_145)
        #expect(try r.withArray("big", as: Float.self, verifying: 1_200_000..<1_200_001) { $0[1_200_000] } == 1_200_000)
        // The damaged block is refused, alone or as part of a range, and so is the whole section.
        #expect(throws: ContainerError.self) { try r.withArray("big", as: Float.self, verifying: 800_000..<800_001) { $0[800_000] } }
        #expect(throws: ContainerError.self) { try r.withArray("big", as: Float.self, verifying: 700_000..<900_000) { $0[0] } }
        #expect(throws: ContainerError.self) { try r.array("big", as: Float.self) }
        #expect(throws: ContainerError.self) {
            try r.withArray("big", as: Float.self, verifying: 0..<(values.count + 1)) { $0[0] }
        }
    }

    @Test func truncatedAndCorruptedFilesAreRefused() throws {
        var w = ContainerWriter(kind: "TEST", version: 1)
        w.add("data", [Float](repeating: 2, count: 1000))
        let path = directory + "/b.bin"
        try w.write(to: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: path + ".short"))
        bytes[bytes.count / 2] ^= 0x10
        try bytes.write(to: URL(fileURLWithPath: path + ".flipped"))
        #expect {
            _ = try ContainerReader(path: path + ".short", kind: "TEST", versions: 1...1)
        } throws: { ($0 as? ContainerError).map { "\($0)".contains("truncated") } ?? false }
        let flipped = try ContainerReader(path: path + ".flipped", kind: "TEST", versions: 1...1)
        #expect {
            _ = try flipped.array("data", as: Float.self)
        } throws: { ($0 as? ContainerError).map { "\($0)".contains("checksum mismatch in section 'data'") } ?? false }
        #expect(throws: ContainerError.self) { try flipped.verifyAll() }
        var table = try Data(contentsOf: URL(fileURLWithPath: path))
        table[70] ^= 0x01  // inside the section table
        try table.write(to: URL(fileURLWithPath: path + ".table"))
        #expect {
            _ = try ContainerReader(path: path + ".table", kind: "TEST", versions: 1...1)
        } throws: { ($0 as? ContainerError).map { "\($0)".contains("section table") } ?? false }
        #expect(throws: ContainerError.self) { _ = try ContainerReader(path: path, kind: "MODL", versions: 1...1) }
        #expect(throws: ContainerError.self) { _ = try ContainerReader(path: path, kind: "TEST", versions: 2...2) }
    }

    @Test func failedWriteLeavesTheOldFileInPlace() throws {
        var good = ContainerWriter(kind: "TEST", version: 1)
        good.add("x", [Int32(7)])
        let path = directory + "/c.bin"
        try good.write(to: path)
        var bad = ContainerWriter(kind: "TEST", version: 1)
        bad.add("x", [Int32(8)])
        // Writes fail as every output does, with an OutputError naming the file.
        #expect {
            try bad.write(to: directory + "/missing-dir/c.bin")
        } throws: { ($0 as? OutputError).map { "\($0)".hasPrefix(directory + "/missing-dir/c.bin: cannot write") } ?? false }
        let r = try ContainerReader(path: path, kind: "TEST", versions: 1...1)
        #expect(try r.array("x", as: Int32.self) == [7])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }

    @Test func checksumDependsOnBytesNotOnHowTheyAreFed() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var whole = Checksum64()
        data.withUnsafeBytes { whole.update($0) }
        var pieces = Checksum64()
        data.withUnsafeBytes { raw in
            var i = 0
            for step in [1, 7, 31, 33, 100, 5] + Array(repeating: 64, count: 20) where i < raw.count {
                let j = min(raw.count, i + step)
                pieces.update(UnsafeRawBufferPointer(rebasing: raw[i..<j]))
                i = j
            }
            if i < raw.count { pieces.update(UnsafeRawBufferPointer(rebasing: raw[i...])) }
        }
        #expect(whole.finalize() == pieces.finalize())
        var changed = data
        changed[999] ^= 1
        var other = Checksum64()
        changed.withUnsafeBytes { other.update($0) }
        #expect(other.finalize() != whole.finalize())
    }
}
