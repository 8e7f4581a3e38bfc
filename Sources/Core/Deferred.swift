import Dispatch

/// A value computed on a background thread as soon as it is created; `value` waits for it.
/// Used to overlap one stage with the next (e.g. transposing while a file is written).
/// Cost: one dispatch to a global queue.
public final class Deferred<T>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: T?

    /// Starts `compute` on a global queue.
    public init(_ compute: @escaping () -> T) {
        group.enter()
        DispatchQueue.global().async {
            self.result = compute()
            self.group.leave()
        }
    }

    /// The computed value, waiting for it if needed.
    public var value: T {
        group.wait()
        return result!
    }
}
