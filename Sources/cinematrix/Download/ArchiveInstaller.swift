import Foundation
import ZIPFoundation

/// Checks a downloaded archive against its published MD5 and unpacks it into place.
enum ArchiveInstaller {
    /// The lower-case hex MD5 of the file at `path`, read in 1 MiB blocks.
    static func md5(ofFile path: String) throws -> String {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw DownloadError.io(path: path, reason: "cannot open for reading")
        }
        defer { try? h.close() }
        let md5 = MD5Digest()
        while true {
            let block = h.readData(ofLength: 1 << 20)
            if block.isEmpty { break }
            block.withUnsafeBytes { md5.update($0) }
        }
        return md5.finish()
    }

    /// Unzips `archive` into `directory`, producing `directory/folder`. The archive is unpacked
    /// into a temporary folder beside it first and renamed, so an interrupted unzip never leaves
    /// a half-filled dataset folder; an existing `folder` is replaced only after success.
    static func unpack(_ archive: String, into directory: String, folder: String) throws {
        let fm = FileManager.default
        let staging = directory + "/.unzip-\(folder)-\(getpid())"
        try? fm.removeItem(atPath: staging)
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try fm.unzipItem(at: URL(fileURLWithPath: archive), to: URL(fileURLWithPath: staging))
        } catch {
            try? fm.removeItem(atPath: staging)
            throw DownloadError.unzip(file: archive, reason: "\(error)")
        }
        let unpacked = staging + "/" + folder
        guard fm.fileExists(atPath: unpacked) else {
            try? fm.removeItem(atPath: staging)
            throw DownloadError.unzip(file: archive, reason: "it does not contain the folder \(folder)/")
        }
        let target = directory + "/" + folder
        try? fm.removeItem(atPath: target)
        do {
            try fm.moveItem(atPath: unpacked, toPath: target)
        } catch {
            throw DownloadError.io(path: target, reason: "cannot move the unpacked data into place: \(error.localizedDescription)")
        }
        try? fm.removeItem(atPath: staging)
    }
}
