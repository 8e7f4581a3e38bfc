/// How one ratings file spells a rating: field separator and rating scale.
///
/// The three MovieLens spellings are `user<TAB>movie<TAB>rating<TAB>time` (ml-100k `u.data`,
/// `u1.base`…), `user::movie::rating::time` (ml-1m, ml-10m `ratings.dat`) and
/// `userId,movieId,rating,timestamp` with a header line (ml-latest and later `ratings.csv`).
public struct RatingLineFormat: Sendable, Equatable {
    /// The separator between fields.
    public enum Separator: String, Sendable, Equatable {
        case tab, doubleColon, comma
    }

    /// Field separator.
    public var separator: Separator
    /// The ratings allowed; parsed ratings outside it are "rating off scale".
    public var scale: RatingScale

    /// A format with the given separator and scale.
    public init(separator: Separator, scale: RatingScale) {
        self.separator = separator
        self.scale = scale
    }

    /// Whole stars 1–5 (ml-100k, ml-1m).
    public static let wholeStars = RatingScale(minimum: 1, maximum: 5, step: 1)
    /// Half stars 0.5–5 (ml-10m and all CSV layouts).
    public static let halfStars = RatingScale(minimum: 0.5, maximum: 5, step: 0.5)

    /// Guesses the separator from the first line of a file: `::` wins over tab, tab over comma.
    /// Returns nil when none is present.
    public static func sniffSeparator(_ firstBytes: [UInt8]) -> Separator? {
        let line = firstBytes.prefix { $0 != UInt8(ascii: "\n") }
        if zip(line, line.dropFirst()).contains(where: { $0 == 58 && $1 == 58 }) { return .doubleColon }
        if line.contains(9) { return .tab }
        if line.contains(44) { return .comma }
        return nil
    }

    /// The quantity each field of a line holds, in line order (0 user, 1 movie, 2 rating,
    /// 3 timestamp): `standardOrder` unless a ratings.csv header names them in another order
    /// (see `readingHeader`).
    var fieldOrder: [Int] = RatingLineFormat.standardOrder
    /// user, movie, rating, timestamp.
    static let standardOrder = [0, 1, 2, 3]

    /// The allowed ratings in half-star units (rating × 2), and whether odd units (half stars)
    /// are allowed.
    var halfUnits: (min: Int, max: Int, oddAllowed: Bool) {
        (Int((scale.minimum * 2).rounded()), Int((scale.maximum * 2).rounded()), scale.step < 1)
    }
}
