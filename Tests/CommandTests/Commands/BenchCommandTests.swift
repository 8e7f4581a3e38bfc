import Core
import Foundation
import Model
import Testing
import TestSupport

/// `cinematrix bench tsne` argument handling on a tiny input (the timings are not looked at).
@Suite struct BenchCommandTests {
    @Test func tsneBenchTakesAThreadCountAndScoresAReferenceOnEqualTerms() throws {
        let folder = temporaryFolder("bench")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (points, _) = PlantedPoints.gaussianMixture(clusters: 3, perCluster: 40, dim: 8, separation: 10, seed: 1)
        try NPYFile.write(points, to: folder + "/x.npy")
        let r = try runCinematrix(["bench", "tsne", "--input", folder + "/x.npy", "--threads", "1", "--perplexity", "10",
                                   "--iterations", "100", "--out", folder + "/y.npy"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("n=120") && r.stdout.contains("(threads=1)"), "\(r.stdout)")
        let embedding = try NPYFile.read(path: folder + "/y.npy")
        #expect(embedding.rows == 120 && embedding.columns == 2)
        // Our own embedding given back as the reference scores exactly as ours did.
        let again = try runCinematrix(["bench", "tsne", "--input", folder + "/x.npy", "--threads", "2", "--perplexity", "10",
                                       "--iterations", "100", "--reference", folder + "/y.npy"])
        #expect(again.status == 0, "\(again.stderr)")
        let ours = r.stdout.split(separator: "\n").first { $0.hasPrefix("cinematrix") } ?? ""
        let reference = again.stdout.split(separator: "\n").first { $0.hasPrefix("reference") } ?? ""
        func field(_ line: Substring, _ name: String) -> Substring? {
            line.components(separatedBy: name).dropFirst().first.map { Substring($0.split(separator: " ").first ?? "") }
        }
        #expect(field(ours, "KL(exact, shared P) ") != nil && field(ours, "KL(exact, shared P) ") == field(reference, "KL(exact, shared P) "))
        #expect(field(ours, "10-NN preservation ") == field(reference, "10-NN preservation "), "\(ours) / \(reference)")
    }

    @Test func aThreadCountBelowOneIsRefusedBeforeAnyWork() throws {
        let r = try runCinematrix(["bench", "tsne", "--input", "/nonexistent/x.npy", "--threads", "0"])
        #expect(r.status != 0 && r.stderr.contains("--threads must be at least 1"), "\(r.stderr)")
    }
}
