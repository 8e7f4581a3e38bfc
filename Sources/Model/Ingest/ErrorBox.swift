#if canImport(Glibc)
import Glibc
#endif

/// The first error thrown on any worker thread (later ones are dropped).
final class ErrorBox: @unchecked Sendable {
    private var stored: Error?
    private var lock = pthread_mutex_t()
    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }
    func set(_ e: Error) { pthread_mutex_lock(&lock); if stored == nil { stored = e }; pthread_mutex_unlock(&lock) }
    var error: Error? { pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }; return stored }
}
