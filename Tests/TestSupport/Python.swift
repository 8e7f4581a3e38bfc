import Foundation
import Testing

/// `python3` (with numpy), for checking that files we write open in the Python tools people
/// use. `scripts/setup.sh --tests` (run by `make test` and `.ci/run`) installs python3-numpy.
public enum Python {
    /// Whether `python3 -c "import numpy"` works here.
    public static let hasNumPy: Bool = (try? run("import numpy")) != nil

    /// Runs `python3 -c code` and returns its standard output, trimmed; throws
    /// `PythonFailure` (with its standard error) when it exits non-zero.
    public static func run(_ code: String) throws -> String {
        let r = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", code])
        guard r.status == 0 else { throw PythonFailure(status: r.status, stderr: r.stderr) }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A Python snippet that exited with `status`.
public struct PythonFailure: Error, CustomStringConvertible {
    public let status: Int32
    public let stderr: String
    public var description: String { "python3 exited with status \(status): \(stderr)" }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where `python3` imports numpy; otherwise skips it, saying how to
    /// install it.
    public static var needsNumPy: Self {
        .enabled(if: Python.hasNumPy, "python3 with numpy not found: install it (apt-get install python3-numpy, or scripts/setup.sh --tests)")
    }
}
