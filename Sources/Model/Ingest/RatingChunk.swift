/// Ratings parsed from one chunk of a ratings file, as raw ids, in file order.
///
/// Storage is allocated for the worst case (one rating per 8 bytes of input) but only the pages
/// actually written become resident. Ratings are kept in half-star units (rating × 2) and times
/// as unsigned 32-bit seconds, 13 bytes per rating.
final class RatingChunk: @unchecked Sendable {
    let capacity: Int
    let users: UnsafeMutablePointer<UInt32>
    let movies: UnsafeMutablePointer<UInt32>
    let halves: UnsafeMutablePointer<UInt8>
    let times: UnsafeMutablePointer<UInt32>
    /// Number of ratings stored.
    var count = 0
    /// Largest raw user and movie id seen (0 when empty).
    var maxUser: UInt32 = 0
    var maxMovie: UInt32 = 0
    /// Whether these ratings belong to the fixed test file.
    var isTest = false
    /// Bad lines met (when skipping), by kind.
    var badCounts: [BadLineKind: Int] = [:]
    /// The first bad line: byte offset of its start in the file, and its kind.
    var firstBad: (offset: Int, kind: BadLineKind)?

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        users = .allocate(capacity: self.capacity)
        movies = .allocate(capacity: self.capacity)
        halves = .allocate(capacity: self.capacity)
        times = .allocate(capacity: self.capacity)
    }

    deinit {
        users.deallocate(); movies.deallocate(); halves.deallocate(); times.deallocate()
    }

    /// A chunk holding the given ratings (used by the synthetic generator and tests).
    convenience init(users u: [UInt32], movies m: [UInt32], halves h: [UInt8], times t: [UInt32]) {
        self.init(capacity: u.count)
        for i in 0..<u.count {
            users[i] = u[i]; movies[i] = m[i]; halves[i] = h[i]; times[i] = t[i]
            maxUser = max(maxUser, u[i]); maxMovie = max(maxMovie, m[i])
        }
        count = u.count
    }
}
