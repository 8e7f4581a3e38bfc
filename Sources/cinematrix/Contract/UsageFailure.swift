import ArgumentParser
import Foundation

/// Usage errors found before a command runs (unknown subcommand, bad option value, failed
/// `validate()`), reported under the same contract as run-time failures: the message on
/// standard error with the usage, or the JSON error envelope when `--json` was given, and
/// exit status 64. Adds "Did you mean …?" for a mistyped subcommand or enum value.
enum UsageFailure {
    /// The subcommand names `Cinematrix` knows, plus `help`.
    static var subcommandNames: [String] {
        Cinematrix.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// The error for a first word that names no subcommand, or nil when it does (or is an option).
    static func unknownSubcommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommandNames.contains(first) else { return nil }
        let hint = Suggestion.closest(to: first, among: subcommandNames).map { " Did you mean '\($0)'?" } ?? ""
        return "unknown command '\(first)'.\(hint) See 'cinematrix --help' for the list."
    }

    /// ArgumentParser's message for `error`, with a suggestion when it rejects an enum value
    /// ("The value 'tsen' is invalid for '--method <method>'. Please provide one of 'pca' and
    /// 'tsne'." gains " Did you mean 'tsne'?").
    static func message(for error: Error) -> String {
        let message = Cinematrix.message(for: error)
        guard let value = message.firstMatch(of: #/The value '([^']*)' is invalid/#)?.1 else { return message }
        let choices: [String]
        if let list = message.range(of: "Please provide one of") {
            let tail = message[list.upperBound...]
            choices = tail.matches(of: #/'([^']*)'/#).map { String($0.1) } + tail.matches(of: #/\n  - (\S+)/#).map { String($0.1) }
        } else {
            choices = []
        }
        guard let best = Suggestion.closest(to: String(value), among: choices) else { return message }
        return message + " Did you mean '\(best)'?"
    }

    /// Prints the usage error and exits with status 64 (or 0 for help and version requests,
    /// which ArgumentParser reports as errors too).
    static func exit(_ error: Error, arguments: [String]) -> Never {
        let code = Cinematrix.exitCode(for: error)
        guard code != .success else { Cinematrix.exit(withError: error) }
        let command = arguments.first.flatMap { name in Cinematrix.configuration.subcommands.first { $0._commandName == name } }
        let plain = Cinematrix.message(for: error)
        let improved = message(for: error)
        if arguments.contains("--json") {
            let report = CommandFailureReport(message: improved, status: code.rawValue)
            print(report.envelope(command: command?._commandName ?? "cinematrix").rendered())
            Terminal.error("cinematrix: error: \(improved)")
        } else {
            let full = Cinematrix.fullMessage(for: error)
            Terminal.error(plain.isEmpty ? full : full.replacingOccurrences(of: plain, with: improved))
        }
        Foundation.exit(code.rawValue)
    }
}
