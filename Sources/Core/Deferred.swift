import Dispatch

/// A value computed on a background thread as soon as it is created; `wait()` (or `value`, when
/// the computation cannot fail) waits for it and returns it, or rethrows what the computation
/// threw. Used to overlap one stage with the next (e.g. transposing while a file is written, or
/// parsing the movie list while the ratings are read). Cost: one dispatch to a global queue.
public final class Deferred<T, Failure: Error>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<T, Failure>?

    /// Starts `compute` on a global queue.
    public init(_ compute: @escaping () throws(Failure) -> T) {
        group.enter()
        DispatchQueue.global().async {
            do throws(Failure) {
                self.result = .success(try compute())
            } catch {
                self.result = .failure(error)
            }
            self.group.leave()
        }
    }

    /// The computed value, waiting for it if needed; rethrows the computation's error.
    public func wait() throws(Failure) -> T {
        group.wait()
        return try result!.get()
    }
}

extension Deferred where Failure == Never {
    /// The computed value, waiting for it if needed.
    public var value: T { wait() }
}
