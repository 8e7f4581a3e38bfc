import Core
import Foundation
import Model

/// What produced an analysis output (model, seed, popularity floor and the method's own
/// settings), written as sorted JSON beside it, so every random choice's seed travels with
/// the files it made.
public struct ParameterRecord: Sendable {
    public var values: [String: String] = [:]
    private var numbers: [String: Double] = [:]
    private var flags: [String: Bool] = [:]

    public init(model: String, seed: UInt64, minRatings: Int) {
        values["model"] = model
        values["tool"] = ToolVersion.tag
        numbers["seed"] = Double(seed)
        numbers["minRatings"] = Double(minRatings)
    }

    /// Adds a text setting.
    public mutating func set(_ key: String, _ value: String) { values[key] = value }
    /// Adds a numeric setting or result.
    public mutating func set(_ key: String, _ value: Double) { numbers[key] = value }

    /// Adds a yes/no setting.
    public mutating func set(_ key: String, _ value: Bool) { flags[key] = value }

    /// The record as pretty JSON with sorted keys.
    public var json: Data {
        var all: [String: Any] = [:]
        for (k, v) in values { all[k] = v }
        for (k, v) in flags { all[k] = v }
        for (k, v) in numbers { all[k] = v.isFinite && v == v.rounded() && abs(v) < 1e15 ? Int64(v) as Any : v as Any }
        return (try? JSONSerialization.data(withJSONObject: all, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    }

    /// Writes `json` to `path` whole or not at all.
    public func write(to path: String) throws {
        try OutputFile.write(json, to: path)
    }
}
