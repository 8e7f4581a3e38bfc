import Foundation
import Testing

/// End-to-end tests: the built `cinematrix` binary run with arguments.
@Suite struct CommandLineTests {
    @Test func versionAndHelpAreAnswered() throws {
        let version = try runCinematrix(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try runCinematrix(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: cinematrix"))
    }
}
