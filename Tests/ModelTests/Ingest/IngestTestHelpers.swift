import Foundation
@testable import Model

extension AssemblySettings {
    /// Settings for driving one stage directly: `split`, half-star scale, source "test", and
    /// duplicates described without a file.
    static func testing(split: SplitSpec?, skipBadLines: Bool = false, threads: Int = 3) -> AssemblySettings {
        AssemblySettings(split: split, skipBadLines: skipBadLines, threads: threads, scale: RatingLineFormat.halfStars,
                         source: "test", locateDuplicate: { u, m in
            .badLine(file: "test", line: 0, kind: .duplicatePair, detail: "user \(u), movie \(m)")
        })
    }
}

/// A fresh folder under the temporary directory, named `cmx-<tag>-<random>`.
func temporaryTestDirectory(_ tag: String) -> String {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-\(tag)-\(UUID().uuidString.prefix(8))").path
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}
