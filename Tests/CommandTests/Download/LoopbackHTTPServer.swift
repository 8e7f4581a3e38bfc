import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 file server on 127.0.0.1 for download tests: serves fixed bodies by path,
/// honours `Range: bytes=N-`, and can cut a response short to simulate a dropped connection.
/// It never touches any other address.
final class LoopbackHTTPServer: @unchecked Sendable {
    private let listener: Int32
    /// The port it listens on.
    let port: UInt16
    private let lock = NSLock()
    private var bodies: [String: [UInt8]] = [:]
    private var truncateOnce: [String: Int] = [:]
    private var requests: [(path: String, range: String?)] = []
    private var stopped = false

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in serve() }
    }

    /// The URL of the folder it serves.
    var baseURL: String { "http://127.0.0.1:\(port)/" }

    /// Serves `body` at `/path`; with `truncatedAt`, the first response stops after that many bytes.
    func set(_ path: String, _ body: [UInt8], truncatedAt: Int? = nil) {
        lock.lock(); defer { lock.unlock() }
        bodies["/" + path] = body
        truncateOnce["/" + path] = truncatedAt
    }

    /// The requests seen so far (path and Range header).
    var log: [(path: String, range: String?)] { lock.lock(); defer { lock.unlock() }; return requests }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            handle(client)
            close(client)
            lock.lock(); let s = stopped; lock.unlock()
            if s { return }
        }
    }

    private func handle(_ client: Int32) {
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.ends(with: Array("\r\n\r\n".utf8)) {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { return }
            request += buffer[0..<n]
        }
        let text = String(decoding: request, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let path = lines[0].split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let range = lines.first { $0.lowercased().hasPrefix("range:") }.map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
        lock.lock()
        requests.append((path, range))
        let body = bodies[path]
        let cut = truncateOnce[path]
        truncateOnce[path] = nil
        lock.unlock()
        guard let body else {
            send(client, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        }
        var start = 0
        if let range, range.hasPrefix("bytes="), let s = Int(range.dropFirst(6).split(separator: "-").first ?? "") { start = s }
        let slice = Array(body[min(start, body.count)...])
        let status = start > 0 ? "206 Partial Content" : "200 OK"
        var header = "HTTP/1.1 \(status)\r\nContent-Length: \(slice.count)\r\nConnection: close\r\n"
        if start > 0 { header += "Content-Range: bytes \(start)-\(body.count - 1)/\(body.count)\r\n" }
        send(client, header + "\r\n")
        let sent = cut.map { Array(slice.prefix($0)) } ?? slice
        _ = sent.withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    private func send(_ client: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
