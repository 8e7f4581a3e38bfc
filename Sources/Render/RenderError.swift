import Foundation

/// Why a chart could not be drawn or written. Each case names the input at fault and what to do.
public enum RenderError: Error, CustomStringConvertible, Equatable {
    /// A series or data set has no points to draw.
    case emptySeries(name: String)
    /// Non-finite values (NaN, ±∞) were found and the policy is `.refuse`.
    case nonFiniteValues(name: String, count: Int, firstIndex: Int)
    /// Two arrays that must match in length do not.
    case lengthMismatch(name: String, expected: Int, actual: Int)
    /// A value is outside what the chart can show (for example ≤ 0 on a log axis).
    case invalidValue(name: String, reason: String)
    /// The requested font could not be found or loaded.
    case fontNotFound(requested: String, reason: String)
    /// Size, scale or compression options are out of range.
    case invalidOption(String)
    /// cairo reported an error.
    case drawing(String)
    /// libpng reported an error while encoding or decoding.
    case png(String)
    /// The output file could not be written; nothing was left at `path`.
    case unwritable(path: String, reason: String)
    /// A CSV input could not be used.
    case csv(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .emptySeries(let name):
            return "series '\(name)' has no finite points to draw; pass at least one point (check the input column is not empty or all NaN)"
        case .nonFiniteValues(let name, let count, let first):
            return "series '\(name)' has \(count) non-finite value(s) (NaN or infinity), first at index \(first); clean the data or use the skip policy to leave them out"
        case .lengthMismatch(let name, let expected, let actual):
            return "\(name): expected \(expected) values, got \(actual); give every array the same length"
        case .invalidValue(let name, let reason):
            return "\(name): \(reason)"
        case .fontNotFound(let requested, let reason):
            return "font '\(requested)' not found: \(reason). Give an installed family name (fc-list lists them) or the path of a .ttf/.otf file; the default, DejaVu Sans, comes with the Debian package fonts-dejavu-core (scripts/setup.sh installs it)"
        case .invalidOption(let reason):
            return "invalid chart option: \(reason)"
        case .drawing(let reason):
            return "cairo failed while drawing: \(reason)"
        case .png(let reason):
            return "PNG encoding failed: \(reason)"
        case .unwritable(let path, let reason):
            return "cannot write \(path): \(reason); choose a writable path (the folder must exist)"
        case .csv(let file, let line, let reason):
            return "\(file):\(line): \(reason)"
        }
    }
}
