import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why a download did not complete.
enum DownloadError: Error, CustomStringConvertible {
    case http(url: String, status: Int)
    case interrupted(url: String, received: Int64, partial: String, reason: String)
    case checksumMissing(url: String)
    case checksumMismatch(file: String, expected: String, actual: String)
    case unzip(file: String, reason: String)
    case io(path: String, reason: String)

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
        }
    }
}

/// Fetches one URL into a file, resuming from a `.part` file left by an earlier attempt with an
/// HTTP Range request (and starting afresh when the server ignores the range).
///
/// Blocks the calling thread; reports `(bytesSoFar, expectedTotal?)` through `progress`.
final class ResumableDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let url: URL
    private let partial: String
    private var handle: FileHandle?
    private var received: Int64 = 0
    private var expected: Int64?
    private var failure: Error?
    private let done = DispatchSemaphore(value: 0)
    private let progress: (Int64, Int64?) -> Void

    private init(url: URL, partial: String, progress: @escaping (Int64, Int64?) -> Void) {
        self.url = url
        self.partial = partial
        self.progress = progress
    }

    /// Downloads `url` to `destination` (via `destination + ".part"`, renamed when complete).
    static func fetch(_ url: URL, to destination: String, progress: @escaping (Int64, Int64?) -> Void = { _, _ in }) throws {
        let d = ResumableDownload(url: url, partial: destination + ".part", progress: progress)
        try d.run()
        try? FileManager.default.removeItem(atPath: destination)
        do {
            try FileManager.default.moveItem(atPath: d.partial, toPath: destination)
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

    private func run() throws {
        let fm = FileManager.default
        let existing = (try? fm.attributesOfItem(atPath: partial)[.size] as? NSNumber)?.int64Value ?? 0
        if existing == 0 { fm.createFile(atPath: partial, contents: nil) }
        var request = URLRequest(url: url)
        if existing > 0 { request.setValue("bytes=\(existing)-", forHTTPHeaderField: "Range") }
        received = existing
        let session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)
        session.dataTask(with: request).resume()
        done.wait()
        session.finishTasksAndInvalidate()
        try? handle?.close()
        if let failure { throw failure }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 200
        let length = response.expectedContentLength
        switch status {
        case 206:  // resuming
            expected = length >= 0 ? received + length : nil
        case 200:  // full body: start afresh
            received = 0
            expected = length >= 0 ? length : nil
            FileManager.default.createFile(atPath: partial, contents: nil)
        case 416:  // range past the end: the part is already complete
            completionHandler(.cancel)
            return
        default:
            failure = DownloadError.http(url: url.absoluteString, status: status)
            completionHandler(.cancel)
            return
        }
        handle = FileHandle(forWritingAtPath: partial)
        handle?.seekToEndOfFile()
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        handle?.write(data)
        received += Int64(data.count)
        progress(received, expected)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if failure == nil {
            if let error, (error as NSError).code != NSURLErrorCancelled {
                failure = DownloadError.interrupted(url: url.absoluteString, received: received, partial: partial, reason: error.localizedDescription)
            } else if let expected, received < expected {
                failure = DownloadError.interrupted(url: url.absoluteString, received: received, partial: partial, reason: "expected \(expected) bytes")
            }
        }
        done.signal()
    }
}
