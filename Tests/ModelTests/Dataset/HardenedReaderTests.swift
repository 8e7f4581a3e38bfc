@testable import Core
import Foundation
import Testing
@testable import Model
import TestSupport

/// Issue 16: foreign, damaged and crafted files (checksums matching) are refused with
/// "damaged or not a Cinematrix file; re-create it with …", never a trap.
@Suite struct HardenedReaderTests {
    let directory = temporaryFolder("harden")

    func datasetFile() throws -> String {
        let d = try SyntheticRatings(config: SynthConfig(users: 40, movies: 60, ratings: 800, seed: 3, threads: 2))
            .dataset(split: SplitSpec(method: .random, testFraction: 0.2, seed: 9), threads: 2)
        let path = directory + "/d.cmx"
        try DatasetFile.write(d, to: path)
        return path
    }

    func modelFile() throws -> String {
        let planted = PlantedRatings.make(users: 30, movies: 20)
        let model = try ALSTrainer.train(planted.dataset, settings: testSettings(.biasUVGenre, epochs: 1), threads: 1).model
        let path = directory + "/m.cmxm"
        try ModelFile.write(model, to: path)
        return path
    }

    /// The message of reading the crafted copy of `path`, which must be a refusal.
    func refusal(_ path: String, _ edit: (inout CraftedContainer) -> Void, read: (String) throws -> Void) throws -> String? {
        var crafted = try CraftedContainer(path: path)
        edit(&crafted)
        let out = directory + "/crafted-\(UUID().uuidString.prefix(6))." + (path as NSString).pathExtension
        try crafted.write(to: out)
        return errorText { try read(out) }
    }

    @Test func sixtyFourBytesOfFFAreNotACinematrixFile() throws {
        let path = directory + "/ff.bin"
        try Data(repeating: 0xFF, count: 64).write(to: URL(fileURLWithPath: path))
        let text = errorText { _ = try DatasetFile.read(path: path) }
        #expect(text?.contains("not a Cinematrix file") == true)
        // A Cinematrix header whose length field is 2⁶³ or more is refused by length, not trapped on.
        var header = ContainerLayout.magic + Array("DSET".utf8) + [1, 0, 0, 0, 0, 0, 0, 0]
        header += [UInt8](repeating: 0xFF, count: 64 - header.count)
        try Data(header).write(to: URL(fileURLWithPath: path))
        #expect(errorText { _ = try DatasetFile.read(path: path) }?.contains("truncated") == true)
    }

    @Test(arguments: [(UInt64(1) << 63, UInt64(8)), (UInt64(128), UInt64(1) << 63), (UInt64.max - 63, UInt64(128)),
                      (UInt64(0x7FFF_FFFF_FFFF_FFC0), UInt64(0x7FFF_FFFF_FFFF_FFC0)), (UInt64(65), UInt64(4))])
    func sectionOutsideTheFileIsRefused(offset: UInt64, count: UInt64) throws {
        let path = try datasetFile()
        let text = try refusal(path, { $0.setLocation("users.id", offset: offset, count: count) }) { _ = try DatasetFile.read(path: $0) }
        #expect(text?.contains("damaged or not a Cinematrix file") == true)
        #expect(text?.contains("cinematrix prepare") == true)
    }

    @Test func modelWithRankTwoToThe58IsRefused() throws {
        let path = try modelFile()
        let text = try refusal(path, { $0.replace("shape", with: [Int64(30), 20, 1 << 58, 0]) }) { _ = try ModelFile.read(path: $0) }
        #expect(text?.contains("does not fit") == true)
        #expect(text?.contains("cinematrix train") == true)
        for shape: [Int64] in [[-1, 20, 4, 0], [Int64.max, 20, 4, 0], [30, 20, 4, Int64.max / 2]] {
            #expect(try refusal(path, { $0.replace("shape", with: shape) }) { _ = try ModelFile.read(path: $0) } != nil)
        }
    }

    @Test func modelWithDescendingGenreStartsIsRefused() throws {
        let path = try modelFile()
        let model = try ModelFile.read(path: path)
        var start = model.catalog.genreStart.map(Int64.init)
        let i = start.indices.dropFirst().dropLast().first { start[$0] > 0 }!
        start[i] = start.last! + 5  // then down again
        let text = try refusal(path, { $0.replace("genreStart", with: start) }) { _ = try ModelFile.read(path: $0) }
        #expect(text?.contains("inconsistent genre tables") == true)
    }

    @Test(arguments: ["mean", "scale", "movieBias", "movieF", "userF"])
    func modelWithNaNIsRefused(section: String) throws {
        let path = try modelFile()
        var crafted = try CraftedContainer(path: path)
        let count = crafted.location(section).count / 4
        var values = [Float](repeating: 1, count: count)
        if section == "scale" { values = [0.5, 5, 0.5] }
        values[count - 1] = .nan
        let text = try refusal(path, { $0.replace(section, with: values) }) { _ = try ModelFile.read(path: $0) }
        #expect(text?.contains("damaged or not a Cinematrix file") == true)
        crafted.replace(section, with: values)
        // The movie side alone is read for a new user: the NaN movie parameters are caught there too.
        if section != "userF" {
            try crafted.write(to: path + ".none")
            #expect(throws: ContainerError.self) { _ = try ModelFile.read(path: path + ".none", users: .none) }
        }
    }

    @Test func ratingCode255IsRefused() throws {
        let path = try datasetFile()
        var crafted = try CraftedContainer(path: path)
        var codes = [UInt8](repeating: 8, count: crafted.location("byUser.val.h").count)
        codes[0] = 255
        crafted.replace("byUser.val.h", with: codes)
        try crafted.write(to: path + ".255")
        let text = errorText { _ = try DatasetFile.read(path: path + ".255") }
        #expect(text?.contains("off the scale") == true)
    }

    @Test(arguments: [[Float.nan, 5, 0.5], [0.5, .infinity, 0.5], [5, 0.5, 0.5], [0.5, 5, 0], [0.5, 5, -1]])
    func unusableScaleIsRefused(scale: [Float]) throws {
        let path = try datasetFile()
        let text = try refusal(path, { $0.replace("scale", with: scale) }) { _ = try DatasetFile.read(path: $0) }
        #expect(text?.contains("rating scale") == true)
    }

    @Test func orientationsThatDisagreeAreRefused() throws {
        let path = try datasetFile()
        let d = try DatasetFile.read(path: path).dataset
        var col = d.trainByMovie.columnIndex
        // Move one rating of the first movie to another user: same total, different counts per user.
        col[0] = col[0] == 0 ? 1 : 0
        let text = try refusal(path, { $0.replace("byMovie.col", with: col) }) { _ = try DatasetFile.read(path: $0) }
        #expect(text?.contains("disagree") == true)
    }

    @Test func nonRegularFilesAreRefusedWithoutBlocking() throws {
        let fifo = directory + "/fifo.cmx"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(errorText { _ = try DatasetFile.read(path: fifo) }?.contains("named pipe") == true)
        #expect(errorText { _ = try DatasetFile.read(path: directory) }?.contains("directory") == true)
        #expect(errorText { _ = try ModelFile.read(path: "/dev/zero") }?.contains("device") == true)
    }

    /// A .npy header is text: a crafted shape must not overflow the size computation.
    @Test(arguments: ["(-1, -4)", "(4611686018427387904, 4)", "(3037000500, 3037000500)"])
    func npyWithAnImpossibleShapeIsRefused(shape: String) throws {
        let header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        let padded = header + String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(padded.utf8.count & 255), UInt8(padded.utf8.count >> 8)]
        bytes += Array(padded.utf8) + [UInt8](repeating: 0, count: 16)
        let path = directory + "/shape.npy"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(errorText { _ = try NPYFile.read(path: path) }?.contains("not the size of an array") == true)
    }

    @Test func halfStarCodesAreCheckedAgainstEachKindOfScale() throws {
        let half = RatingScale(minimum: 0.5, maximum: 5, step: 0.5), whole = RatingScale(minimum: 1, maximum: 5, step: 1)
        let quarter = RatingScale(minimum: 1, maximum: 4, step: 1.5)  // 1, 2.5, 4
        func ok(_ codes: [UInt8], _ scale: RatingScale) -> Bool {
            (try? DatasetFile.checkCodes(codes, on: scale, name: "x", path: "p.cmx")) != nil
        }
        #expect(ok([1, 10, 7], half) && !ok([1, 11], half) && !ok([0, 5], half) && !ok([255], half))
        #expect(ok([2, 10, 6], whole) && !ok([2, 7], whole) && !ok([1], whole))
        #expect(ok([2, 5, 8], quarter) && !ok([2, 4], quarter))
        #expect(ok([], half))
    }
}
