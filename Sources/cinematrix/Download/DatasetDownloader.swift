import Foundation

/// Fetches a MovieLens release, verifies it, and unpacks it: the `download` command's work.
enum DatasetDownloader {
    /// Downloads `release` into `directory` from `baseURL` and returns the unpacked folder.
    ///
    /// Steps: fetch `<archive>.md5`; fetch the zip (resuming a `.part` left by an interrupted
    /// run); compare MD5s (a mismatch deletes the archive so the next run starts afresh); unzip
    /// through a staging folder. `progress` gets (bytes, expected total).
    static func install(_ release: MovieLensRelease, into directory: String, baseURL: String,
                        keepArchive: Bool, progress: @escaping (Int64, Int64?) -> Void) throws -> String {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw DownloadError.io(path: directory, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        guard let zipURL = URL(string: base + release.archive), let md5URL = URL(string: base + release.archive + ".md5") else {
            throw DownloadError.io(path: baseURL, reason: "not a valid URL")
        }
        guard let expected = PublishedChecksum.md5(from: try ResumableDownload.text(md5URL)) else {
            throw DownloadError.checksumMissing(url: md5URL.absoluteString)
        }
        let archive = directory + "/" + release.archive
        if !fm.fileExists(atPath: archive) {
            try ResumableDownload.fetch(zipURL, to: archive, progress: progress)
        }
        let actual = try ArchiveInstaller.md5(ofFile: archive)
        guard actual == expected else {
            try? fm.removeItem(atPath: archive)
            throw DownloadError.checksumMismatch(file: archive, expected: expected, actual: actual)
        }
        try ArchiveInstaller.unpack(archive, into: directory, folder: release.folder)
        if !keepArchive { try? fm.removeItem(atPath: archive) }
        return directory + "/" + release.folder
    }
}
