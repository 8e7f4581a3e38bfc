#if canImport(Glibc)
import Glibc
#endif

/// Counts finished work items across threads and reports the fraction done, one call at a time.
final class ProgressCounter: @unchecked Sendable {
    private var done = 0
    private let total: Int
    private let report: (Double) -> Void
    private var lock = pthread_mutex_t()
    init(total: Int, report: @escaping (Double) -> Void) {
        self.total = max(1, total)
        self.report = report
        pthread_mutex_init(&lock, nil)
    }
    deinit { pthread_mutex_destroy(&lock) }
    func increment() {
        pthread_mutex_lock(&lock)
        done += 1
        report(Double(done) / Double(total))
        pthread_mutex_unlock(&lock)
    }
}
