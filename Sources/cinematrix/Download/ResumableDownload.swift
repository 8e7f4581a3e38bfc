import CCurl
import Foundation

/// Why a download did not complete.
enum DownloadError: Error, CustomStringConvertible {
    case http(url: String, status: Int)
    case interrupted(url: String, received: Int64, partial: String, reason: String)
    case checksumMissing(url: String)
    case checksumMismatch(file: String, expected: String, actual: String)
    case unzip(file: String, reason: String)
    case io(path: String, reason: String)
    case unavailable(reason: String)

    var description: String {
        switch self {
        case let .http(url, status):
            return "\(url): the server answered HTTP \(status)."
        case let .interrupted(url, received, partial, reason):
            return "\(url): the download stopped after \(received) bytes (\(reason)). The part is kept in \(partial); run the same command again to resume."
        case let .checksumMissing(url):
            return "\(url): no MD5 checksum found in the published checksum file."
        case let .checksumMismatch(file, expected, actual):
            return "\(file): MD5 is \(actual) but GroupLens publishes \(expected). The damaged file was removed; run the same command again to download it afresh."
        case let .unzip(file, reason):
            return "\(file): cannot unzip (\(reason))."
        case let .io(path, reason):
            return "\(path): \(reason)"
        case let .unavailable(reason):
            return reason
        }
    }
}

/// Fetches one URL into a file, resuming from a `.part` file left by an earlier attempt with an
/// HTTP Range request (and starting afresh when the server ignores the range).
///
/// The transfer is libcurl's, loaded only when a download starts (`CCurl`), so commands that
/// never download do not pay for loading it. Blocks the calling thread; reports
/// `(bytesSoFar, expectedTotal?)` through `progress`.
enum ResumableDownload {
    /// Downloads `url` to `destination` (via `destination + ".part"`, renamed when complete).
    static func fetch(_ url: URL, to destination: String, progress: @escaping (Int64, Int64?) -> Void = { _, _ in }) throws {
        let partial = destination + ".part"
        let existing = (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? NSNumber)?.int64Value ?? 0
        final class Box { let report: (Int64, Int64?) -> Void; init(_ r: @escaping (Int64, Int64?) -> Void) { report = r } }
        let box = Unmanaged.passRetained(Box(progress))
        defer { box.release() }
        var status = 0, received: Int64 = 0, expected: Int64 = -1
        var message = [CChar](repeating: 0, count: 512)
        let outcome = Int(cmx_http_fetch(url.absoluteString, partial, existing, { context, bytes, total in
            Unmanaged<Box>.fromOpaque(context!).takeUnretainedValue().report(bytes, total >= 0 ? total : nil)
        }, box.toOpaque(), &status, &received, &expected, &message, message.count))
        let reason = String(cString: message)
        switch outcome {
        case Int(CMX_HTTP_OK): break
        case Int(CMX_HTTP_STATUS): throw DownloadError.http(url: url.absoluteString, status: status)
        case Int(CMX_HTTP_NO_LIBCURL): throw DownloadError.unavailable(reason: reason)
        case Int(CMX_HTTP_FILE): throw DownloadError.io(path: partial, reason: reason)
        default: throw DownloadError.interrupted(url: url.absoluteString, received: received, partial: partial, reason: reason)
        }
        try? FileManager.default.removeItem(atPath: destination)
        do {
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
        } catch {
            throw DownloadError.io(path: destination, reason: "cannot move the finished download into place: \(error.localizedDescription)")
        }
    }

    /// Fetches a small text resource into memory.
    static func text(_ url: URL) throws -> String {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try fetch(url, to: temp)
        return try String(contentsOfFile: temp, encoding: .utf8)
    }
}
