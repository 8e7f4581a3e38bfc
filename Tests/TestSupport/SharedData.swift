import Foundation
import Testing

/// The shared MovieLens data that some tests read but the repository never holds:
/// `$CINEMATRIX_SHARED/data`, else `<repository>/../shared/data`, with `ml-latest-small/` and
/// its fixed splits `ml-latest-small-split/` and `ml-latest-small-split-temporal/`.
/// Tests that need it declare `.needsSharedData(...)` and are skipped, with a message saying
/// where to put it, when it is absent.
public enum SharedData {
    /// The `data` folder (it may not exist).
    public static let folder: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = ProcessInfo.processInfo.environment["CINEMATRIX_SHARED"]
            ?? root.appendingPathComponent("../shared").standardizedFileURL.path
        return shared + "/data"
    }()

    /// `folder/name`: a release or split folder, e.g. `path("ml-latest-small")`.
    public static func path(_ name: String) -> String { folder + "/" + name }

    /// Whether each named folder holds its ratings (`ratings.csv`, or `train.csv` and
    /// `test.csv` for a split).
    public static func has(_ names: [String]) -> Bool {
        let fm = FileManager.default
        return names.allSatisfy { name in
            fm.fileExists(atPath: path(name) + "/ratings.csv")
                || (fm.fileExists(atPath: path(name) + "/train.csv") && fm.fileExists(atPath: path(name) + "/test.csv"))
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test (or suite) only when the named shared folders are present
    /// (`ml-latest-small` when none are named); otherwise skips it with a message naming them.
    public static func needsSharedData(_ names: String...) -> Self {
        let missing = (names.isEmpty ? ["ml-latest-small"] : names).filter { !SharedData.has([$0]) }
        return .enabled(if: missing.isEmpty,
                        "shared data absent: \(missing.map { SharedData.path($0) }.joined(separator: ", ")) not found; set CINEMATRIX_SHARED to the folder holding data/")
    }
}
