import Analyze
import Model
import Projection
import Render

/// The command-line remedy for a library error. Library messages say what is wrong and what
/// to change in words ("increase the regularisation τ"); only the executable knows which flag
/// changes it, so it adds that here.
enum CommandRemedy {
    /// The sentence to append to `error`'s message, or nil when the message is complete.
    static func text(for error: Error) -> String? {
        switch error {
        case let e as IngestError:
            switch e {
            case .badLine: return "Pass --skip-bad-lines to skip and count such lines."
            case .emptyTrain: return "Use a smaller --test-fraction, or a larger --train file."
            default: return nil
            }
        case let e as TrainingError:
            switch e {
            case let .invalidSetting(name, _, _): return "(option --\(name))"
            case let .choleskyFailed(_, _, _, tau), let .genreSystemFailed(tau): return "Pass --tau \(max(tau * 10, 1))."
            case .sampleFailed: return "Or pass --inference map."
            case let .settingOfOtherInference(name, inference):
                return inference == .map ? "Add --inference map to train by ALS, or drop --\(name)." : "Drop --\(name), or use --inference gibbs."
            case .unusableDataset: return nil
            }
        case let e as UserLookupError:
            switch e {
            case .unknownUser: return "Use --rate \"TITLE=STARS\" or --ratings FILE."
            case .noRatingsInModel: return "Pass --include-rated, or use --rate."
            }
        case FoldInError.noRatings:
            return "For example --rate \"Toy Story (1995)=5\"."
        case let e as AnalysisError:
            if case .tooFewItems = e.kind { return "Lower --min-ratings." }
            return nil
        case ProjectionError.tooFewPoints:
            return "(--min-ratings, --perplexity)"
        case RenderError.fontNotFound:
            return "(--font)"
        default:
            return nil
        }
    }
}
