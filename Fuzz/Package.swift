// swift-tools-version:6.0
// libFuzzer targets for Cinematrix's input readers. Not part of the main package, so a plain
// `swift build` / `swift test` never sees them; built only by scripts/fuzz.sh with
// `-sanitize=fuzzer,address` and `-enable-testing` (the targets call internal parsers).
import PackageDescription
import Foundation

// The main package is the folder above; SwiftPM names a path dependency after its folder.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let identity = root.lastPathComponent.lowercased()

let package = Package(
    name: "CinematrixFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(
            name: "cinematrix-fuzz",
            dependencies: [
                .product(name: "Core", package: identity), .product(name: "Model", package: identity),
                .product(name: "Render", package: identity),
            ]
        ),
    ],
    swiftLanguageModes: [.v5]
)
