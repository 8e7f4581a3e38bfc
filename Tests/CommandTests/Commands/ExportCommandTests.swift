import Core
import Foundation
import Model
import Testing
import TestSupport

/// `cinematrix export` round trips, on the small model trained for the recommend tests.
@Suite(.serialized) struct ExportCommandTests {
    var model: String { RecommendCommandTests.folder }

    @Test func npyExportRoundTrips() throws {
        let out = model + "/npy"
        let r = try runCinematrix(["export", model, "--format", "npy", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let m = try ModelFile.read(path: model)
        #expect(try NPYFile.read(path: out + "/movie_factors.npy") == m.movieFactors)
        #expect(try NPYFile.read(path: out + "/user_bias.npy").values == m.userBias)
        #expect(try NPYFile.read(path: out + "/genre_factors.npy") == m.genreFactors)
        let ids = try String(contentsOfFile: out + "/movie_ids.txt", encoding: .utf8).split(separator: "\n").map { Int64($0)! }
        #expect(ids == m.catalog.movieIDs)
    }

    /// numpy opens the exported arrays with the shape and type the model has. Skipped, saying
    /// how to install numpy, where python3 lacks it; `make test` and `.ci/run` install it.
    @Test(.needsNumPy) func npyExportOpensInNumPy() throws {
        let out = model + "/npy-numpy"
        let r = try runCinematrix(["export", model, "--format", "npy", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let m = try ModelFile.read(path: model)
        let shape = try Python.run("import numpy as np; a = np.load('\(out)/user_factors.npy'); i = np.loadtxt('\(out)/user_ids.txt'); print(a.dtype, a.shape, len(i), repr(float(a[1, 2])))")
        #expect(shape == "float32 (\(m.userCount), \(m.rank)) \(m.userCount) \(Double(m.userFactors[1, 2]))")
    }

    @Test func csvAndTensorBoardExportsHaveOneRowPerItem() throws {
        let m = try ModelFile.read(path: model)
        let csvOut = model + "/csv"
        #expect(try runCinematrix(["export", model, "--format", "csv", "--out", csvOut]).status == 0)
        let movies = try String(contentsOfFile: csvOut + "/movies.csv", encoding: .utf8).split(separator: "\n")
        #expect(movies.count == m.movieCount + 1)
        #expect(movies[0] == "movieId,title,year,genres,ratings,bias,f1,f2,f3,f4")
        #expect(movies[2].hasPrefix("2,\"Matrix, The\",1981,Horror,"))
        let factors = try FactorTable.read(path: csvOut + "/users.csv")
        #expect(factors.ids == m.userIDs)
        #expect(factors.vectors.columns == m.rank + 1)  // bias, then the K features

        let tb = model + "/tb"
        #expect(try runCinematrix(["export", model, "--format", "tensorboard", "--out", tb]).status == 0)
        let tensor = try String(contentsOfFile: tb + "/movies_tensor.tsv", encoding: .utf8).split(separator: "\n")
        let meta = try String(contentsOfFile: tb + "/movies_metadata.tsv", encoding: .utf8).split(separator: "\n")
        #expect(tensor.count == m.movieCount && meta.count == m.movieCount + 1)
        #expect(meta[0] == "title\tyear\tgenres\tratings")
        #expect(tensor[0].split(separator: "\t").count == m.rank)
    }
}
