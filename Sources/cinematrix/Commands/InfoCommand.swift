import ArgumentParser
import Foundation
import Model

/// `cinematrix info`: the summary of a prepared dataset file.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the summary of a dataset file written by 'prepare'.")

    @Argument(help: "Dataset file (.cmx).") var file: String
    @Flag(name: .long, help: "Print the summary as JSON.") var json = false

    func run() throws {
        let (dataset, checksum) = try reportingErrors { try DatasetFile.read(path: file) }
        let summary = DatasetSummary(dataset)
        let hex = String(checksum, radix: 16)
        if json {
            print(try summaryJSON(summary, extra: ["file": file, "checksum": hex]))
        } else {
            print("file:     \(file) (checksum \(hex))")
            print(summary.text)
        }
    }
}
