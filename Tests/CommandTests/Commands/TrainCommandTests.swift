import Foundation
import Testing

/// End-to-end checks of `train`, `compare` and `tune` argument handling.
@Suite struct TrainCommandTests {
    @Test func helpNamesTheModelsAndOutputs() throws {
        let help = try runCinematrix(["train", "--help"])
        #expect(help.status == 0)
        for word in ["bias-uv-genre", "metrics.csv", "config.json", "--tau", "--gamma", "--json"] {
            #expect(help.stdout.contains(word), "train --help lacks \(word)")
        }
        #expect(try runCinematrix(["compare", "--help"]).stdout.contains("comparison.csv"))
        #expect(try runCinematrix(["tune", "--help"]).stdout.contains("validation"))
    }

    @Test(arguments: [
        (["--lambda", "0"], "λ must be a positive"),
        (["-k", "0"], "latent dimension"),
        (["--tau=-1"], "τ must be a non-negative"),
        (["--gamma", "abc"], "gamma"),
        (["--model", "svd"], "The value 'svd' is invalid for '--model <model>'"),
        (["--epochs", "0"], "at least 1 epoch"),
        (["--threads", "0"], "--threads"),
    ])
    func badSettingsAreRefusedBeforeAnyWork(arguments: [String], message: String) throws {
        // The dataset path does not exist: a refusal about the settings proves they were
        // checked first.
        let r = try runCinematrix(["train", "/nonexistent/data.cmx"] + arguments)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    @Test func tuneRejectsMalformedLists() throws {
        let r = try runCinematrix(["tune", "/nonexistent/data.cmx", "--tau", "8,x"])
        #expect(r.status != 0 && r.stderr.contains("comma-separated"))
        let v = try runCinematrix(["tune", "/nonexistent/data.cmx", "--validation", "1.5"])
        #expect(v.status != 0 && v.stderr.contains("fraction"))
    }

    @Test func aMissingDatasetIsAClearError() throws {
        let r = try runCinematrix(["train", "/nonexistent/data.cmx"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("/nonexistent/data.cmx"))
    }
}
