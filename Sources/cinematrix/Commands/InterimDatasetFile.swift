import Model

/// INTERIM — delete this file once the ingestion helper's `Model.DatasetFile` is on main (it
/// has the same `read(path:)` signature, so nothing else changes). Until then `train`,
/// `compare` and `tune` parse and validate their arguments but cannot load a dataset.
enum DatasetFile {
    static func read(path: String) throws -> (dataset: Dataset, checksum: UInt64) {
        throw CommandFailure("\(path): reading dataset files needs the ingestion module, which is not merged yet")
    }
}
