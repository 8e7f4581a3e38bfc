#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the temporary files and folders that writers of a path left behind when they were
/// killed: `.<name>.partial-<pid>-…` and (the older spelling) `<name>.partial-<pid>…` beside
/// the output, whose process `<pid>` no longer runs. Those of running processes (another
/// writer at work) are left alone.
public enum StalePartials {
    /// Cleans beside `path`. Best effort: errors are ignored. Cost: one listing of the folder.
    public static func clean(beside path: String) {
        let (directory, name) = OutputPath.split(path)
        guard let dir = opendir(directory) else { return }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            for prefix in [".\(name).partial-", "\(name).partial-"] where entryName.hasPrefix(prefix) {
                let digits = entryName.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
                if let pid = Int32(digits), pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                    stale.append(directory + "/" + entryName)
                }
            }
        }
        closedir(dir)
        for p in stale { removeTree(p) }
    }

    /// Removes `path` and, when it is a folder, everything in it (symbolic links are removed,
    /// not followed).
    static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR, let dir = opendir(path) {
            var children: [String] = []
            while let entry = readdir(dir) {
                let child = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if child != "." && child != ".." { children.append(path + "/" + child) }
            }
            closedir(dir)
            for c in children { removeTree(c) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
