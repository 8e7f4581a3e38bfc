import Core
import Foundation
import Testing
import TestSupport
@testable import Model

/// The posterior spread of a Gibbs model file (`pScalars`, `pUserBiasVar`, `pMovieBiasVar`,
/// `pUserFVar`, `pMovieFVar`, `pUserMean`, `pUserPrec`) is checked like every other section:
/// crafted values (checksums matching) and wrong lengths are refused as damaged, never loaded.
@Suite struct PosteriorValidationTests {
    static let rank = 3

    /// A small Gibbs model (K = 3, 30 users, 20 movies).
    static let model: FactorModel = {
        let data = PlantedRatings.make(users: 30, movies: 20).dataset
        return try! GibbsTrainer.train(data, settings: GibbsSamplerTests.gibbsSettings(.biasUVGenre, rank: rank, burnIn: 2, samples: 3),
                                       threads: 1).model
    }()

    let directory = temporaryTestDirectory("posterior")

    func modelFile(_ model: FactorModel = Self.model) throws -> String {
        let path = directory + "/m-\(UUID().uuidString.prefix(6)).cmxm"
        try ModelFile.write(model, to: path)
        return path
    }

    /// The messages of reading the crafted copy with every user, none, and user 4 alone (nil
    /// where that read succeeds).
    func refusals(_ edit: (inout CraftedContainer) -> Void) throws -> (all: String?, none: String?, one: String?) {
        var crafted = try CraftedContainer(path: try modelFile())
        edit(&crafted)
        let out = directory + "/crafted-\(UUID().uuidString.prefix(6)).cmxm"
        try crafted.write(to: out)
        return (errorText { _ = try ModelFile.read(path: out) }, errorText { _ = try ModelFile.read(path: out, users: .none) },
                errorText { _ = try ModelFile.read(path: out, users: .one(id: Self.model.userIDs[4])) })
    }

    func values(_ name: String) throws -> [Float] {
        let crafted = try CraftedContainer(path: try modelFile())
        let (offset, count) = crafted.location(name)
        return crafted.bytes[offset..<(offset + count)].withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    @Test func theUntouchedFileReads() throws {
        let path = try modelFile()
        let read = try ModelFile.read(path: path, includeUserRatings: true)
        #expect(read == Self.model)
        let p = try #require(read.posterior)
        #expect(p.samples == 3 && p.userPriorPrecision.rows == Self.rank)
        #expect(try refusals { _ in } == (nil, nil, nil))
    }

    @Test(arguments: [[0, 1, 1], [-1, 1, 1], [1.5, 1, 1], [.nan, 1, 1], [33_554_432, 1, 1],  // sample counts
                      [3, 0, 1], [3, -2, 1], [3, .nan, 1], [3, .infinity, 1], [3, 1e-40, 1],     // α
                      [3, 1, 0], [3, 1, -1], [3, 1, .nan]] as [[Float]])                          // β_b
    func scalarsOutOfRangeAreRefused(scalars: [Float]) throws {
        let r = try refusals { $0.replace("pScalars", with: scalars) }
        for text in [r.all, r.none, r.one] {
            #expect(text?.contains("damaged or not a Cinematrix file (posterior") == true, "\(scalars): \(text ?? "read")")
        }
    }

    /// A variance of every movie is checked whoever is read; a user's only when that user is.
    @Test(arguments: ["pMovieBiasVar", "pMovieFVar", "pUserBiasVar", "pUserFVar"], [Float.nan, -0.5, .infinity])
    func badVariancesAreRefused(section: String, value: Float) throws {
        var v = try values(section)
        let userRow = section == "pUserFVar" ? 4 * Self.rank + 2 : 4  // a value of user 4 (dense index 4)
        v[section.hasPrefix("pUser") ? userRow : v.count - 1] = value
        let r = try refusals { $0.replace(section, with: v) }
        let expected = "section '\(section)' holds a variance that is negative or not finite"
        #expect(r.all?.contains(expected) == true, "\(r.all ?? "read")")
        #expect(r.one?.contains(expected) == true, "\(r.one ?? "read")")
        if section.hasPrefix("pMovie") {
            #expect(r.none?.contains(expected) == true, "\(r.none ?? "read")")
        } else {
            #expect(r.none == nil, "the movie side alone does not read users' variances")
        }
    }

    @Test func nonFinitePriorMeanIsRefused() throws {
        var mean = try values("pUserMean")
        mean[1] = .infinity
        let r = try refusals { $0.replace("pUserMean", with: mean) }
        #expect(r.none?.contains("section 'pUserMean' holds a value that is not finite") == true, "\(r.none ?? "read")")
    }

    @Test func priorPrecisionMustBeSymmetricPositiveDefinite() throws {
        let k = Self.rank
        let good = try values("pUserPrec")
        func refusal(_ edit: (inout [Float]) -> Void) throws -> String? {
            var a = good
            edit(&a)
            return try refusals { $0.replace("pUserPrec", with: a) }.none
        }
        #expect(try refusal { _ in } == nil)
        #expect(try refusal { $0[1] = .nan }?.contains("holds a value that is not finite") == true)
        #expect(try refusal { $0[0 * k + 1] += 0.5 }?.contains("is not symmetric") == true)
        #expect(try refusal { $0[1 * k + 1] = 0 }?.contains("diagonal entry 1") == true)
        #expect(try refusal { $0[2 * k + 2] = -1 }?.contains("diagonal entry 2") == true)
        // Symmetric with a positive diagonal, yet indefinite: [[1, 2, 0], [2, 1, 0], [0, 0, 1]].
        let indefinite: [Float] = [1, 2, 0, 2, 1, 0, 0, 0, 1]
        #expect(try refusal { $0 = indefinite }?.contains("is not positive definite") == true)
        // A tiny asymmetry from rounding is accepted.
        #expect(try refusal { $0[0 * k + 2] = $0[2 * k + 0] * (1 + 1e-6) } == nil)
    }

    /// Each section one value too long or too short for the model's shape (written by a writer
    /// that does not check, as a crafted file would be).
    @Test(arguments: 0..<6)
    func sectionsOfTheWrongLengthAreRefused(which: Int) throws {
        var m = Self.model
        var p = try #require(m.posterior)
        let names = ["pUserBiasVar", "pMovieBiasVar", "pUserFVar", "pMovieFVar", "pUserMean", "pUserPrec"]
        switch which {
        case 0: p.userBiasVariance.append(1)
        case 1: p.movieBiasVariance.removeLast()
        case 2: p.userFactorVariance = Matrix(rows: 1, columns: p.userFactorVariance.values.count + 1,
                                             values: p.userFactorVariance.values + [1])
        case 3: p.movieFactorVariance = Matrix(rows: 1, columns: p.movieFactorVariance.values.count - 1,
                                              values: Array(p.movieFactorVariance.values.dropLast()))
        case 4: p.userPriorMean.append(0)
        default: p.userPriorPrecision = Matrix(rows: 1, columns: Self.rank * Self.rank + 1, values: p.userPriorPrecision.values + [1])
        }
        m.posterior = p
        let path = try modelFile(m)
        let text = errorText { _ = try ModelFile.read(path: path) }
        #expect(text?.contains("section '\(names[which])' is missing or malformed") == true, "\(text ?? "read")")
    }

    @Test(arguments: ["pScalars", "pUserMean", "pMovieFVar"])
    func anIncompleteSpreadIsRefused(missing: String) throws {
        let r = try refusals { $0.rename(missing, to: "x" + missing.dropFirst()) }
        #expect(r.none?.contains("incomplete posterior spread") == true, "\(r.none ?? "read")")
        #expect(r.all?.contains("incomplete posterior spread") == true, "\(r.all ?? "read")")
    }
}
