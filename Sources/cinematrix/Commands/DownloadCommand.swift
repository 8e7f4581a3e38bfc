import ArgumentParser
import Foundation

/// `cinematrix download NAME`: fetch a MovieLens release from GroupLens, check it, unzip it.
struct DownloadCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download a MovieLens release from GroupLens, verify its MD5 and unzip it.",
        discussion: CommandHelp.discussion("""
            Releases: \(MovieLensRelease.all.map { "\($0.name) (\($0.approximateSize))" }.joined(separator: ", ")).

            An interrupted download resumes where it stopped when you run the same command again. The MovieLens \
            licence asks that you cite GroupLens and do not redistribute the data.
            """, examples: ["cinematrix download ml-latest-small", "cinematrix download ml-32m --dir Data --keep-archive"]))

    @Argument(help: "The release to fetch, e.g. ml-latest-small or ml-32m.")
    var release: String

    @Option(help: "Folder the release is unpacked into.")
    var dir: String = "Data"

    @Option(help: ArgumentHelp("Where the zip and its .md5 live (a mirror).", visibility: .hidden))
    var baseURL: String = MovieLensRelease.defaultBaseURL

    @Flag(help: "Keep the downloaded zip next to the unpacked folder.")
    var keepArchive = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard MovieLensRelease.named(release) != nil else {
            let names = MovieLensRelease.all.map(\.name)
            let hint = Suggestion.closest(to: release, among: names).map { " Did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown release '\(release)'.\(hint) Choose one of: \(names.joined(separator: ", ")).")
        }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        guard let r = MovieLensRelease.named(release) else { throw ValidationError("unknown release '\(release)'") }
        console.line("Downloading \(r.name) (\(r.approximateSize)) into \(dir)/ …")
        let bar = console.progress(r.name)
        let folder = try DatasetDownloader.install(r, into: dir, baseURL: baseURL, keepArchive: keepArchive) { got, total in
            bar.update(total.map { Double(got) / Double(max($0, 1)) } ?? 0, detail: String(format: "%.1f MB", Double(got) / 1e6))
        }
        return CommandOutcome(json: .object([("release", .string(r.name)), ("folder", .string(folder))]),
                             text: "Unpacked \(r.name) into \(folder)/\nNext: cinematrix prepare \(folder) --out outputs/\(r.name).cmx")
    }
}
