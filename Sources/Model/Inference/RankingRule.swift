/// How `recommend` orders candidate movies for a user with base μ + b_u and vector x.
///
/// Every rule is a function of three numbers per movie i: the base μ + b_u (the same for all of
/// a user's movies, so it never changes an order on its own), the movie bias c_i and the taste
/// match x·y_i, all in stars. The rules differ in how much the crowd's opinion of a movie (c_i)
/// counts against this user's taste (x·y_i):
/// - `.predictedRating`: μ + b_u + c_i + x·y_i, the expected stars; favours well-liked movies.
/// - `.taste`: x·y_i; what this user likes more than everyone else does, whatever the crowd says.
/// - `.tasteAndBias(weight: w)`: x·y_i + w·c_i, in between (w = 1 orders as `.predictedRating`).
///
/// Text forms (`init(parsing:)`, `description`): `rating`, `taste`, `taste+W` (e.g. `taste+0.25`).
public enum RankingRule: Sendable, Equatable, Codable {
    /// μ + b_u + c_i + x·y_i (today's rule).
    case predictedRating
    /// x·y_i only.
    case taste
    /// x·y_i + weight · c_i.
    case tasteAndBias(weight: Float)

    /// The rules `compare` measures side by side (its `ranking-rules.csv`), from taste alone to
    /// the predicted rating.
    public static let candidates: [RankingRule] = [.taste, .tasteAndBias(weight: 0.1), .tasteAndBias(weight: 0.25),
                                                   .tasteAndBias(weight: 0.5), .predictedRating]

    /// The rule `recommend --user` and `compare` use unless told otherwise: the predicted rating,
    /// which gave the best precision, recall and NDCG at 10 of every rule measured on both
    /// ml-latest-small splits (docs/models.md, "How recommendations are ranked").
    public static let standard: RankingRule = .predictedRating

    /// The rule `recommend` uses for a new user who rated a few titles: taste alone. With a
    /// handful of ratings the predicted rating is mostly the crowd's opinion (every such user
    /// got the same acclaimed classics); taste alone was the only rule measured that put a
    /// film's sequels first for one-film fans and filled most of the list with the profile's
    /// genres (docs/models.md, "How recommendations are ranked").
    public static let standardForNewUsers: RankingRule = .taste

    /// The ranking score of one movie (stars): `base` = μ + b_u, `movieBias` = c_i, `taste` = x·y_i.
    /// `.predictedRating` adds in the order (base + c_i) + x·y_i, the order of the prediction.
    @inlinable
    public func score(base: Float, movieBias: Float, taste: Float) -> Float {
        switch self {
        case .predictedRating: return base + movieBias + taste
        case .taste: return taste
        case let .tasteAndBias(weight): return taste + weight * movieBias
        }
    }

    /// A name for tables and charts: "predicted rating", "taste", "taste + 0.25·bias".
    public var label: String {
        switch self {
        case .predictedRating: return "predicted rating"
        case .taste: return "taste"
        case let .tasteAndBias(weight):
            return weight < 0 ? "taste − \(-weight)·bias" : "taste + \(weight)·bias"
        }
    }
}

/// Why a ranking rule could not be read from text.
public struct RankingRuleError: Error, CustomStringConvertible, Equatable {
    /// The text as given.
    public var text: String
    public var description: String {
        "'\(text)' is not a ranking rule; use rating, taste, or taste+W with a finite weight W, e.g. taste+0.25"
    }
}

extension RankingRule: LosslessStringConvertible {
    /// Reads `rating`, `taste` or `taste+W` (W a finite number, e.g. `taste+0.25` or
    /// `taste+-0.5`); case and spaces are ignored. Throws `RankingRuleError` otherwise.
    public init(parsing text: String) throws {
        let t = text.lowercased().filter { !$0.isWhitespace }
        switch t {
        case "rating": self = .predictedRating
        case "taste": self = .taste
        default:
            let prefix = "taste+"
            guard t.hasPrefix(prefix), let w = Float(t.dropFirst(prefix.count)), w.isFinite else {
                throw RankingRuleError(text: text)
            }
            self = .tasteAndBias(weight: w)
        }
    }

    /// `init(parsing:)`, nil instead of an error.
    public init?(_ description: String) {
        guard let rule = try? RankingRule(parsing: description) else { return nil }
        self = rule
    }

    /// The text form `init(parsing:)` reads back: "rating", "taste", "taste+0.25".
    public var description: String {
        switch self {
        case .predictedRating: return "rating"
        case .taste: return "taste"
        case let .tasteAndBias(weight): return "taste+\(weight)"
        }
    }
}
