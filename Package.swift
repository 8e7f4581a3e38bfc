// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Cinematrix",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cinematrix", targets: ["cinematrix"]),
        .library(name: "Core", targets: ["Core"]),
        .library(name: "Model", targets: ["Model"]),
        .library(name: "Projection", targets: ["Projection"]),
        .library(name: "Analyze", targets: ["Analyze"]),
        .library(name: "Render", targets: ["Render"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // The foundation every library module shares: dense `Matrix`, parallel loops, the seeded
        // RNG and its distributions, checksums, the binary container format, deferred results,
        // regular-file opening, the one top-k selection and the dot products (on ALSKernels'
        // cmx_dot). Re-exports AtomicOutput, the one atomic writer.
        .target(name: "Core", dependencies: ["AtomicOutput", "ALSKernels"], swiftSettings: optimise),
        // Data, ALS and Gibbs models, inference.
        .target(name: "Model", dependencies: ["Core", "ALSKernels", "IngestKernels"], swiftSettings: optimise),
        // Whole-or-nothing output files and folders, and the lock that keeps two runs off one
        // output (re-exported by Core).
        .target(name: "AtomicOutput", dependencies: ["CAtomicOutput"]),
        // O_TMPFILE, linkat through /proc and renameat2, which Swift's Glibc does not import.
        .target(name: "CAtomicOutput"),
        // The ratings-line parser's fast path in C (numbers read eight bytes at a time).
        .target(name: "IngestKernels", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        // Dense hot loops in C (ALS normal matrices, Cholesky, batched solves, dot product, top-k
        // scores): each has an AVX2+FMA copy chosen at run time and a portable one, through one
        // switch (dispatch.h). Optimised even in debug builds, so the test suite's training runs
        // stay quick.
        .target(name: "ALSKernels", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        // PCA, t-SNE and exact nearest neighbours (blocked top-k): matrices in, matrices out.
        .target(name: "Projection", dependencies: ["Core", "ALSKernels"], swiftSettings: optimise),
        // What the commands compute about models: maps, neighbours, clusters, model quality and
        // comparison, experiments with their curves, the report and the explorer; charts composed from Render.
        // The explorer page's script, styles and skeleton are real files, embedded at build time.
        .target(name: "Analyze", dependencies: ["Core", "Model", "Projection", "Render"],
                resources: ["html", "css", "data.js", "search.js", "state.js", "draw.js", "panels.js", "controls.js", "selftest.js",
                            "start.js"].map { .embedInCode("Explorer/explorer" + ($0.contains(".") ? "-" : ".") + $0) },
                swiftSettings: optimise),
        // Charts drawn with cairo, encoded with libpng.
        .target(name: "Render", dependencies: ["Core", "CPNG", "CCairo"], swiftSettings: optimise),
        // libpng behind a tiny C shim that keeps setjmp/longjmp on the C side.
        .target(name: "CPNG", linkerSettings: [.linkedLibrary("png16")]),
        // OpenSSL's libcrypto, for the MD5 of downloads.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // HTTP downloads through libcurl, loaded with dlopen when a download starts (header only at build time).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        // cairo, found through pkg-config.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-ft", providers: [.apt(["libcairo2-dev", "libfontconfig-dev"])]),
        .executableTarget(
            name: "cinematrix",
            dependencies: [
                "Core", "Model", "Projection", "Analyze", "Render", "AtomicOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "CCrypto", "CCurl",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: optimise
        ),
        // Fixtures the test targets share: planted data, hand-built models, ingest folders, the
        // ../shared data locator, Python and PNG probes. Not a product; only tests link it.
        .target(name: "TestSupport", dependencies: ["Core", "Model", "Render"], path: "Tests/TestSupport"),
        .testTarget(name: "CoreTests", dependencies: ["ALSKernels", "Core", "TestSupport"]),
        .testTarget(name: "ModelTests", dependencies: ["AtomicOutput", "Core", "Model", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "CPNG", "TestSupport"]),
        .testTarget(name: "CommandTests", dependencies: ["cinematrix", "Analyze", "Core", "Model", "Render", "TestSupport",
                                                        .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ProjectionTests", dependencies: ["ALSKernels", "Core", "Projection", "TestSupport"]),
        .testTarget(name: "AnalyzeTests", dependencies: ["Core", "Model", "Analyze", "Render", "CPNG", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)

/// Release builds get whole-module optimisation from SwiftPM. Debug builds optimise the
/// numeric modules too (as the C kernels already are), so that the test suite's training runs
/// (Gibbs sampling on ml-latest-small among them) take seconds rather than minutes; tests still
/// reach internals through `@testable import`, which debug builds enable.
var optimise: [SwiftSetting] { [.unsafeFlags(["-O"], .when(configuration: .debug))] }
