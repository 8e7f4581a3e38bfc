/// The one place where read options are checked. Every entry point (`MovieLensReader`,
/// `DatasetPreparation`) checks through `IngestPlan`, and a command line may call `validate()`
/// itself to refuse bad arguments before any work starts, adding the flag to change.
extension ReadOptions {
    /// What is wrong with a set of options. The message names the quantity, not a
    /// command-line flag (a command adds its own flag names).
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// The test fraction is not in [0, 1) (NaN included).
        case testFractionOutOfRange(Double)
        /// A fixed training file was given without a fixed test file.
        case trainFileWithoutTestFile(train: String)
        /// A fixed test file was given without a fixed training file.
        case testFileWithoutTrainFile(test: String)
        /// Fewer than one thread.
        case tooFewThreads(Int)

        /// What is wrong, without a remedy (a command adds its own, naming its flags).
        public var statement: String {
            switch self {
            case .testFractionOutOfRange(let f): return "the test fraction must be at least 0 and below 1, not \(f)"
            case .trainFileWithoutTestFile(let train): return "the fixed training file \(train) was given without a fixed test file"
            case .testFileWithoutTrainFile(let test): return "the fixed test file \(test) was given without a fixed training file"
            case .tooFewThreads(let n): return "the number of threads must be at least 1, not \(n)"
            }
        }

        /// What is wrong and what to do about it.
        public var description: String {
            switch self {
            case .testFractionOutOfRange: return statement + "; hold out a fraction such as 0.2"
            case .trainFileWithoutTestFile, .testFileWithoutTrainFile: return statement + "; give both files or neither"
            case .tooFewThreads: return statement + "; use 1 or more threads"
            }
        }
    }

    /// Throws `IngestError.invalidOption` with the first problem found, checking the pairing of
    /// the fixed files, then the test fraction (even when fixed files leave it unused), then
    /// the thread count. Cost O(1); touches no file.
    public func validate() throws {
        switch (trainFile, testFile) {
        case let (train?, nil): throw IngestError.invalidOption(.trainFileWithoutTestFile(train: train))
        case let (nil, test?): throw IngestError.invalidOption(.testFileWithoutTrainFile(test: test))
        default: break
        }
        guard split.testFraction >= 0 && split.testFraction < 1 else {
            throw IngestError.invalidOption(.testFractionOutOfRange(split.testFraction))
        }
        guard threads >= 1 else { throw IngestError.invalidOption(.tooFewThreads(threads)) }
    }
}
