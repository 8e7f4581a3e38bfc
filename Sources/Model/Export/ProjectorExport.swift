import Core
import Foundation

/// Writes embeddings in the layout of TensorBoard's Embedding Projector
/// (projector.tensorflow.org, "Load" button, or `tensorboard --logdir`): a tensor TSV without a
/// header, a metadata TSV with a header row, and `projector_config.json` tying them together.
public enum ProjectorExport {
    /// One embedding table: a matrix and one metadata row of strings per matrix row.
    public struct Table {
        /// Name shown in the projector, also the file stem ("movies").
        public var name: String
        /// One row per item.
        public var vectors: Matrix
        /// Column names of the metadata file.
        public var metadataHeader: [String]
        /// One row per item, `metadataHeader.count` fields each.
        public var metadata: [[String]]

        /// A table; the shapes must agree.
        public init(name: String, vectors: Matrix, metadataHeader: [String], metadata: [[String]]) {
            precondition(metadata.count == vectors.rows && metadata.allSatisfy { $0.count == metadataHeader.count })
            self.name = name
            self.vectors = vectors
            self.metadataHeader = metadataHeader
            self.metadata = metadata
        }
    }

    /// Writes `tables` into `directory` (created if needed): `NAME_tensor.tsv`,
    /// `NAME_metadata.tsv` per table and one `projector_config.json`. Each file is written
    /// atomically. Tabs and line breaks inside metadata fields become spaces.
    public static func write(_ tables: [Table], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var entries: [[String: Any]] = []
        for t in tables {
            var tensor = ""
            tensor.reserveCapacity(t.vectors.values.count * 10)
            for r in 0..<t.vectors.rows {
                tensor += (0..<t.vectors.columns).map { "\(t.vectors[r, $0])" }.joined(separator: "\t")
                tensor += "\n"
            }
            try OutputFile.write(tensor, to: "\(directory)/\(t.name)_tensor.tsv")
            var meta = t.metadataHeader.map(clean).joined(separator: "\t") + "\n"
            for row in t.metadata { meta += row.map(clean).joined(separator: "\t") + "\n" }
            try OutputFile.write(meta, to: "\(directory)/\(t.name)_metadata.tsv")
            entries.append([
                "tensorName": t.name,
                "tensorShape": [t.vectors.rows, t.vectors.columns],
                "tensorPath": "\(t.name)_tensor.tsv",
                "metadataPath": "\(t.name)_metadata.tsv",
            ])
        }
        let json = try JSONSerialization.data(withJSONObject: ["embeddings": entries], options: [.prettyPrinted, .sortedKeys])
        try OutputFile.write(json, to: "\(directory)/projector_config.json")
    }

    /// A field with tabs and line breaks replaced by spaces (the TSV has no quoting).
    static func clean(_ field: String) -> String {
        String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
