/// Why an analysis could not be computed or written. Messages say what is wrong in the
/// library's words; the command-line tool adds which option changes it.
public struct AnalysisError: Error, CustomStringConvertible, Equatable {
    /// The model or output file at fault, when there is one.
    public var file: String?
    /// What is wrong and what to do about it.
    public var problem: String
    /// Which kind of problem, so that callers can add their own remedy.
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        /// The model has no vectors (a bias-only model).
        case noVectors
        /// Too few movies or users pass the popularity floor.
        case tooFewItems(count: Int, needed: Int)
        /// Training one model of a comparison failed.
        case trainingFailed
        /// Anything else.
        case other
    }

    public init(file: String? = nil, problem: String, kind: Kind = .other) {
        self.file = file
        self.problem = problem
        self.kind = kind
    }

    public var description: String { file.map { "\($0): \(problem)" } ?? problem }

    /// The error for a bias-only model at `file`.
    public static func noVectors(_ file: String?) -> AnalysisError {
        AnalysisError(file: file, problem: "the bias model has no vectors to analyse; train bias-uv or bias-uv-genre", kind: .noVectors)
    }

    /// The error for `count` items passing the floor where `needed` are needed.
    public static func tooFew(_ count: Int, needed: Int, what: String) -> AnalysisError {
        AnalysisError(problem: "only \(count) \(what) pass the popularity floor, and at least \(needed) are needed; lower the floor",
                      kind: .tooFewItems(count: count, needed: needed))
    }
}
