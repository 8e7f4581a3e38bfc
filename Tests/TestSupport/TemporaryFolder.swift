import Core
import Foundation

/// A fresh, empty folder under the temporary directory, named `cmx-<tag>-<random>`; the test
/// removes it when it is done with it.
public func temporaryFolder(_ tag: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-\(tag)-\(UUID().uuidString.prefix(8))").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The description of the error thrown by `body`, or nil when it throws nothing.
public func errorText(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch { return "\(error)" }
}
