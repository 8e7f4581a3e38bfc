#if canImport(Glibc)
import Glibc
#endif
import Core
@testable import Model
@testable import Render

/// The fuzz targets: each takes arbitrary bytes and must return without trapping, hanging or
/// touching memory it does not own (AddressSanitizer checks that). Errors thrown by the code
/// under test are the expected outcome for most inputs and are ignored; invariants of what is
/// accepted are checked with `require`, which traps (a finding) when one fails.
enum FuzzTarget: String, CaseIterable {
    /// `RatingLineParser` in the three layouts (first byte: separator, header, skip, column order).
    case ratings
    /// The movie-list parsers: movies.csv, movies.dat, u.item + u.genre (first byte chooses).
    case movies
    /// `ContainerReader` on any bytes (first byte: whether to make the checksums match).
    case container
    /// `DatasetFile.read` (checksums made to match unless the first byte says not).
    case dataset
    /// `ModelFile.read` with every user, none, or one (first byte; checksums made to match likewise).
    case model
    /// `TitleIndex`: a query against a fixed index, or a small index built from the input.
    case titleIndex = "title-index"
    /// `NumericTable` (the CSV reader of `plot --csv`) and the axis ticks of each column.
    case plotCSV = "plot-csv"

    nonisolated(unsafe) static var selected = FuzzTarget.ratings

    func run(_ data: [UInt8]) {
        switch self {
        case .ratings: RatingsFuzz.run(data)
        case .movies: MoviesFuzz.run(data)
        case .container: ContainerFuzz.run(data, read: ContainerFuzz.readAny)
        case .dataset: ContainerFuzz.run(data, read: { path, _ in _ = try DatasetFile.read(path: path) })
        case .model: ContainerFuzz.run(data, read: ContainerFuzz.readModel)
        case .titleIndex: TitleIndexFuzz.run(data)
        case .plotCSV: PlotCSVFuzz.run(data)
        }
    }
}

/// Traps with `message` when `condition` fails: an invariant of accepted input was broken.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError(message()) }
}

/// A scratch file of this process, for the readers that take a path.
enum ScratchFile {
    static let directory: String = {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        return "\(base)/cinematrix-fuzz-\(getpid())"
    }()

    /// Writes `bytes` to the scratch file named `name` and returns its path.
    static func write(_ bytes: [UInt8], name: String) -> String {
        mkdir(directory, 0o700)
        let path = directory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot create \(path)")
        bytes.withUnsafeBytes { _ = OutputFile.writeAll(fd, $0) }
        close(fd)
        return path
    }
}
