import ArgumentParser
import Model

/// `cinematrix info`: the summary of a prepared dataset file.
struct InfoCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the summary of a dataset file written by 'prepare'.",
        discussion: CommandHelp.discussion("""
            Users, movies and ratings; the split; the rating histogram; ratings per user and per movie; and the \
            genres. The file's checksum is verified as it is read.
            """, examples: ["cinematrix info outputs/ml-latest-small.cmx", "cinematrix info outputs/data.cmx --json"]))

    @Argument(help: "Dataset file (.cmx).") var file: String
    @OptionGroup var output: OutputOptions

    func execute(_ console: Console) throws -> CommandOutcome {
        let (dataset, checksum) = try DatasetFile.read(path: file)
        let summary = DatasetSummary(dataset)
        let hex = String(checksum, radix: 16)
        return CommandOutcome(json: .object([("file", .string(file)), ("checksum", .string(hex))] + (try JSONValue(encoding: summary)).members),
                             text: "file:     \(file) (checksum \(hex))\n" + summary.text)
    }
}
