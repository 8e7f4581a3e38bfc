import ArgumentParser
import Foundation

/// `cinematrix download NAME`: fetch a MovieLens release from GroupLens, check it, unzip it.
struct DownloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download a MovieLens release from GroupLens, verify its MD5 and unzip it.",
        discussion: """
        Releases: \(MovieLensRelease.all.map { "\($0.name) (\($0.approximateSize))" }.joined(separator: ", ")).

        An interrupted download resumes where it stopped when you run the same
        command again. The MovieLens licence asks that you cite GroupLens and do not
        redistribute the data.
        """
    )

    @Argument(help: "The release to fetch, e.g. ml-latest-small or ml-32m.")
    var release: String

    @Option(help: "Folder the release is unpacked into.")
    var dir: String = "Data"

    @Option(help: ArgumentHelp("Where the zip and its .md5 live (a mirror).", visibility: .hidden))
    var baseURL: String = MovieLensRelease.defaultBaseURL

    @Flag(help: "Keep the downloaded zip next to the unpacked folder.")
    var keepArchive = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard MovieLensRelease.named(release) != nil else {
            throw ValidationError("unknown release '\(release)'. Choose one of: \(MovieLensRelease.all.map(\.name).joined(separator: ", ")).")
        }
    }

    func run() throws {
        let r = MovieLensRelease.named(release)!
        if !quiet { Terminal.error("Downloading \(r.name) (\(r.approximateSize)) into \(dir)/ …") }
        let bar = ProgressBar(r.name, quiet: quiet)
        let folder: String
        do {
            folder = try DatasetDownloader.install(r, into: dir, baseURL: baseURL, keepArchive: keepArchive) { got, total in
                bar.update(total.map { Double(got) / Double(max($0, 1)) } ?? 0, detail: String(format: "%.1f MB", Double(got) / 1e6))
            }
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        if !quiet {
            print("Unpacked \(r.name) into \(folder)/")
            print("Next: cinematrix prepare \(folder) --out outputs/\(r.name).cmx")
        }
    }
}
