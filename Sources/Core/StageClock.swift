#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Wall-clock and processor seconds of consecutive stages of a run (`prepare --timings`,
/// `explore`'s stage table), so a run on a busy machine
/// still says what it would cost on a quiet one (processor seconds over the threads used).
/// Cost: one `getrusage` and one clock read a stage.
public struct StageClock: Sendable {
    /// One finished stage.
    public struct Stage: Sendable, Equatable {
        public var name: String
        /// Elapsed seconds.
        public var seconds: Double
        /// Processor seconds of the whole process (user + system, every thread) during the stage.
        public var cpuSeconds: Double
    }

    public private(set) var stages: [Stage] = []
    private var current: (name: String, wall: UInt64, cpu: Double)?

    public init() {}

    /// Ends the stage under way (if any) and starts `name` (none when nil).
    public mutating func start(_ name: String?) {
        let now = DispatchTime.now().uptimeNanoseconds, cpu = Self.processCPUSeconds()
        if let c = current { stages.append(Stage(name: c.name, seconds: Double(now &- c.wall) / 1e9, cpuSeconds: cpu - c.cpu)) }
        current = name.map { ($0, now, cpu) }
    }

    /// User plus system time of this process so far, in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
