#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is wrong with one line of an input file.
public enum BadLineKind: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// The line has fewer fields than the layout requires.
    case missingField = "missing field"
    /// A user or movie id is not a non-negative integer (or is larger than 2³¹ − 1).
    case nonNumericID = "non-numeric id"
    /// The rating is not a number on the dataset's scale (e.g. 5.5, 0 or 3.3 on 0.5–5 by 0.5).
    case ratingOffScale = "rating off scale"
    /// The timestamp is not a non-negative integer below 2³².
    case badTimestamp = "bad timestamp"
    /// The line has more fields than the layout allows.
    case extraField = "extra field"
    /// A quoted CSV field is not closed before the end of the file.
    case unterminatedQuote = "unterminated quote"
    /// The text is not valid UTF-8 (CSV layouts must be UTF-8).
    case invalidUTF8 = "invalid UTF-8"
    /// The same (user, movie) pair is rated twice.
    case duplicatePair = "duplicate (user, movie) pair"
    /// The same movie id is listed twice in the movie file.
    case duplicateMovie = "duplicate movie id"
    /// A genre flag in `u.item` is not 0 or 1, or a genre index in `u.genre` is wrong.
    case badGenre = "bad genre field"

    public var description: String { rawValue }
}

/// Why a MovieLens folder or ratings file could not be read. Every case names the file and says
/// what to do about it.
public enum IngestError: Error, CustomStringConvertible, Equatable {
    /// A malformed line (stops the read unless bad lines are skipped).
    case badLine(file: String, line: Int, kind: BadLineKind, detail: String)
    /// A file the layout needs is absent.
    case missingFile(path: String, expected: String)
    /// The folder matches none of the known layouts.
    case unknownLayout(directory: String, found: [String])
    /// The ratings file has no ratings.
    case emptyRatings(file: String)
    /// The split leaves no training ratings.
    case emptyTrain(detail: String)
    /// The operating system refused to open or read a file.
    case io(path: String, operation: String, errno: Int32)
    /// The read options are unusable (see `ReadOptions.validate()`).
    case invalidOption(ReadOptions.Problem)
    /// A header line does not name the columns the file needs (`columns`, in any order).
    case badHeader(file: String, detail: String, columns: [String])
    /// An input path names a directory, FIFO, device or socket, not a file.
    case notRegularFile(path: String, kind: String)

    public var description: String {
        switch self {
        case let .badLine(file, line, kind, detail):
            return "\(file):\(line): \(kind): \(detail). Fix or delete the line, or skip and count such lines."
        case let .missingFile(path, expected):
            return "\(path): file not found. Expected \(expected)."
        case let .unknownLayout(directory, found):
            let listing = found.isEmpty ? "it is empty" : "it holds " + found.prefix(12).joined(separator: ", ")
            return """
            \(directory): not a MovieLens folder (\(listing)). Expected one of: \
            ratings.csv + movies.csv (ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m); \
            ratings.dat + movies.dat (ml-1m, ml-10m / ml-10M100K); \
            u.data + u.item + u.genre (ml-100k).
            """
        case let .emptyRatings(file):
            return "\(file): the file holds no ratings. Point to a ratings file with at least one rating."
        case let .emptyTrain(detail):
            return "the training set would be empty (\(detail)). Hold out a smaller test fraction, or give a larger training file."
        case let .io(path, operation, code):
            return "\(path): cannot \(operation): \(String(cString: strerror(code)))"
        case let .invalidOption(problem):
            return "\(problem)."
        case let .badHeader(file, detail, columns):
            return "\(file):1: the header line has \(detail). Name the columns \(columns.joined(separator: ", ")), in any order."
        case let .notRegularFile(path, kind):
            return "\(path): this is \(kind), not a file. Give the path of a ratings or movie list file."
        }
    }
}
