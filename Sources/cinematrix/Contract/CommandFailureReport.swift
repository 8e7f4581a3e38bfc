import Core
import Analyze
import ArgumentParser
import AtomicOutput
import Foundation
import Model
import Projection
import Render

/// Any error a command meets, as the contract reports it: one message for people (with the
/// command-line remedy the library cannot name), the file and line at fault when known, the
/// candidates of an ambiguous or unknown title, and the exit status (64 for a usage error,
/// 1 for everything else: a failed run or bad data).
struct CommandFailureReport {
    var message: String
    var file: String?
    var line: Int?
    var candidates: [String] = []
    var status: Int32 = 1

    init(message: String, file: String? = nil, line: Int? = nil, candidates: [String] = [], status: Int32 = 1) {
        self.message = message
        self.file = file
        self.line = line
        self.candidates = candidates
        self.status = status
    }

    init(_ error: Error) {
        message = "\(error)"
        if let remedy = CommandRemedy.text(for: error) { message += " " + remedy }
        switch error {
        case let e as ValidationError:
            message = e.message
            status = 64
        case let e as TitleLookupError:
            candidates = e.candidates
        case let e as GenreLookupError:
            candidates = e.candidates
        case let e as IngestError:
            switch e {
            case let .badLine(file, line, _, _): (self.file, self.line) = (file, line)
            case let .badHeader(file, _, _): (self.file, self.line) = (file, 1)
            case let .missingFile(path, _), let .io(path, _, _), let .notRegularFile(path, _): file = path
            case let .emptyRatings(path): file = path
            default: break
            }
        case let e as ContainerError:
            switch e {
            case let .io(path, _, _), let .wrongKind(path, _, _), let .corrupted(path, _), let .missingSection(path, _),
                 let .notRegularFile(path, _):
                file = path
            }
        case let e as OutputError:
            switch e {
            case let .system(path, _, _), let .busy(path, _), let .notAFolder(path), let .isAFolder(path): file = path
            }
        case let e as RatingListError:
            (file, line) = e.source.hasPrefix("--") ? (nil, e.line) : (e.source, e.line)
        case let e as FactorTableError:
            (file, line) = (e.path, e.line > 0 ? e.line : nil)
        case let e as RenderError:
            if case let .csv(path, l, _) = e { (file, line) = (path, l) }
            if case let .unwritable(path, _) = e { file = path }
        case let e as NPYError:
            file = e.path
        case let e as AnalysisError:
            file = e.file
        default:
            break
        }
    }

    /// `{"command", "ok": false, "error": {"message", "file", "line", "candidates"}}`.
    func envelope(command: String) -> JSONValue {
        .object([
            ("command", .string(command)), ("ok", .bool(false)),
            ("error", .object([
                ("message", .string(message)), ("file", .optional(file, JSONValue.string)),
                ("line", .optional(line, JSONValue.int)), ("candidates", .array(candidates.map(JSONValue.string))),
            ])),
        ])
    }
}
