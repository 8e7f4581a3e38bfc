import Foundation
import TestSupport

/// The folder holding the built products (the test bundle's folder under .build).
let productsDirectory: URL = {
    #if os(macOS)
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        return bundle.bundleURL.deletingLastPathComponent()
    }
    #endif
    return Bundle.main.bundleURL
}()

/// Runs `.build/<config>/cinematrix` with `arguments` (in `directory` when given) and waits for it.
func runCinematrix(_ arguments: [String], in directory: String? = nil) throws -> CommandResult {
    try runProcess(productsDirectory.appendingPathComponent("cinematrix"), arguments, in: directory)
}
