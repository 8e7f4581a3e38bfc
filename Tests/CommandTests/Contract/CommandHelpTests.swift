@testable import cinematrix
import ArgumentParser
import Testing

/// Every command's `--help` reads well: a one-line summary, wrapped discussion, examples in a
/// block of their own, each default stated once, and only options the command has.
struct CommandHelpTests {
    static let commands: [ParsableCommand.Type] = Cinematrix.configuration.subcommands.filter { $0.configuration.shouldDisplay }

    @Test(arguments: commands.map { $0._commandName })
    func helpReadsWell(name: String) throws {
        let command = try #require(Self.commands.first { $0._commandName == name })
        let help = Cinematrix.helpMessage(for: command, columns: 100)
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A one-line summary.
        #expect(!command.configuration.abstract.isEmpty && !command.configuration.abstract.contains("\n"), "\(name)")
        // Each default once: ArgumentParser prints "(default: …)"; help text must not say it again.
        for line in lines {
            #expect(line.components(separatedBy: "(default:").count <= 2, "\(name): doubled default in '\(line)'")
            #expect(!(line.contains("(default:") && line.lowercased().contains("default: ") && line.components(separatedBy: "efault").count > 2),
                    "\(name): default stated twice in '\(line)'")
        }
        // Examples in their own block: one command per line, every example line starts with the tool.
        let discussion = command.configuration.discussion
        let examples = discussion.components(separatedBy: "Examples:\n")
        #expect(examples.count == 2, "\(name): no Examples block")
        for example in (examples.last ?? "").split(separator: "\n") {
            #expect(example.hasPrefix("  cinematrix \(name)"), "\(name): example line '\(example)'")
            #expect(example.components(separatedBy: "cinematrix ").count == 2, "\(name): examples run together in '\(example)'")
        }
        // Prose lines are wrapped.
        for line in (examples.first ?? "").split(separator: "\n") {
            #expect(line.count <= 80, "\(name): unwrapped line '\(line)'")
        }
        // Every option the discussion names is one the command (or the tool) has.
        let usage = Cinematrix.helpMessage(for: command, columns: 1000)
        let options = Set(usage.matches(of: #/--[a-z][a-z0-9-]*/#).map { String($0.output) })
        for mentioned in discussion.matches(of: #/--[a-z][a-z0-9-]*/#).map({ String($0.output) }) {
            let own = usage.components(separatedBy: "OPTIONS:").last?.contains(mentioned) ?? false
            #expect(own || options.contains(mentioned), "\(name): the help mentions \(mentioned), which it does not have")
        }
    }

    @Test func suggestionsFindTyposNotStrangers() {
        #expect(Suggestion.closest(to: "recomend", among: ["recommend", "report", "prepare"]) == "recommend")
        #expect(Suggestion.closest(to: "tsen", among: ["pca", "tsne"]) == "tsne")
        #expect(Suggestion.closest(to: "neigh", among: ["neighbours", "info"]) == "neighbours")
        #expect(Suggestion.closest(to: "zzzzzz", among: ["pca", "tsne"]) == nil)
        #expect(Suggestion.distance("abc", "acb") == 1)
    }

    @Test func jsonPrintsShortestNumbersAndEscapes() {
        #expect(JSONValue.float(4.6925187).rendered() == "4.6925187")
        #expect(JSONValue.double(Double(Float(4.6925187))).rendered() != "4.6925187", "the noise this avoids")
        #expect(JSONValue.float(.nan).rendered() == "null" && JSONValue.double(.infinity).rendered() == "null")
        #expect(JSONValue.float(3).rendered() == "3")
        #expect(JSONValue.string("a\"b\\\n\u{1}").rendered() == #""a\"b\\\n\u0001""#)
        let doc = JSONValue.object([("b", .int(1)), ("a", .array([.bool(true), .null]))])
        #expect(doc.rendered(pretty: false) == #"{"b":1,"a":[true,null]}"#, "keys keep their order")
    }
}
