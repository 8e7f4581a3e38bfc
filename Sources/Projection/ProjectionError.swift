/// Why a projection could not be computed, with what to do about it.
public enum ProjectionError: Error, CustomStringConvertible, Equatable {
    /// Fewer rows than the method needs.
    case tooFewPoints(count: Int, needed: Int)
    /// A row holds NaN or infinity.
    case nonFiniteValue(row: Int, column: Int)
    /// A parameter outside its valid range.
    case invalidParameter(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case let .tooFewPoints(count, needed):
            return "projection needs at least \(needed) points but got \(count). Lower the popularity floor or the perplexity."
        case let .nonFiniteValue(row, column):
            return "input row \(row), column \(column) is not a finite number. Retrain or repair the model file."
        case let .invalidParameter(name, value, expected):
            return "\(name) = \(value) is invalid: expected \(expected)."
        }
    }
}
