import Core
import Foundation
import Testing
@testable import Model

/// Every form of the same Spark ALS item factors (written by real pyspark, see
/// Fixtures/Spark/README.md) reads to the same table: bit for bit, except NumPy's repr in
/// `pandas.csv`, which prints 8 decimals (so each value is within 5e-9, or one float32 step).
@Suite struct SparkFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/Spark").path

    /// The table at `name` (with the ids file for `.npy`), rows sorted by id.
    private func read(_ name: String) throws -> FactorTable {
        let path = Self.folder + "/" + name
        let t = try FactorTable.read(path: path, idsPath: name.hasSuffix(".npy") ? Self.folder + "/item_ids.txt" : nil)
        let order = t.ids.indices.sorted { t.ids[$0] < t.ids[$1] }
        return FactorTable(ids: order.map { t.ids[$0] },
                           vectors: Matrix(rows: t.ids.count, columns: t.vectors.columns, values: order.flatMap { t.vectors.row($0) }))
    }

    @Test func npyHoldsSparksSixVectorsOfRankTen() throws {
        let t = try read("items.npy")
        #expect(t.ids == [10, 20, 30, 40, 50, 60] && t.vectors.columns == 10)
        #expect(t.vectors[0, 0] == -0.98102796 && t.vectors[0, 9] == -0.037053924 && t.vectors[3, 9] == 0.6957082)
    }

    @Test(arguments: ["lists.csv", "wide.csv", "json"])
    func exactFormsReadLikeTheNpy(_ name: String) throws {
        #expect(try read(name) == (try read("items.npy")))
    }

    @Test func numpyReprInPandasCSVReadsLikeTheNpyToEightDecimals() throws {
        let pandas = try read("pandas.csv"), npy = try read("items.npy")
        #expect(pandas.ids == npy.ids && pandas.vectors.columns == npy.vectors.columns)
        for (a, b) in zip(pandas.vectors.values, npy.vectors.values) {
            #expect(abs(a - b) <= max(5e-9, b.ulp), "\(a) read from pandas.csv, Spark's value is \(b)")
        }
    }
}
