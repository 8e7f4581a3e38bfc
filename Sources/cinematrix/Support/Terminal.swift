#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Output helpers for the command-line tool: only the executable prints; library code reports
/// through closures.
enum Terminal {
    /// Whether standard error is a terminal (progress bars are drawn only then).
    static let stderrIsTTY = isatty(2) != 0

    /// Writes `text` to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A one-line progress bar on standard error, drawn only on a terminal and at most ten times a
/// second; silent when output is piped or `quiet` is set.
final class ProgressBar {
    private let label: String
    private let enabled: Bool
    private var lastDraw = 0.0
    private let start = Date()
    private var drawn = false

    init(_ label: String, quiet: Bool = false) {
        self.label = label
        self.enabled = Terminal.stderrIsTTY && !quiet
    }

    /// Shows `fraction` (0…1) done, with an optional detail such as "12.3 M lines".
    func update(_ fraction: Double, detail: String = "") {
        guard enabled else { return }
        let now = Date().timeIntervalSince(start)
        if now - lastDraw < 0.1 && fraction < 1 { return }
        lastDraw = now
        guard now > 1 || drawn else { return }  // only for work longer than a second
        drawn = true
        let width = 30
        let f = min(1, max(0, fraction))
        let filled = Int(f * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = String(format: "\r%@ %@ %3.0f%% %@ %.1fs", label, bar, f * 100, detail, now)
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled && drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
