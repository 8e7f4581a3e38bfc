#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the temporary files and folders that writers left behind when they were killed.
///
/// A writer names its temporary file or folder `.<name>.partial-<pid>-<n>` beside its output
/// `<name>` (`OutputPath.partial`); the older spelling was `<name>.partial-<pid>`. A partial is
/// stale when process `<pid>` no longer exists (`kill(pid, 0)` fails with `ESRCH`). Cleaning
/// beside an output removes every stale hidden partial in its folder, whatever output it was
/// for — so a run killed while writing `runs/a` leaves nothing once any run writes in `runs/` —
/// and stale partials of the older spelling for that output only. A partial whose process
/// is alive (another writer at work), or cannot be checked (another user's process, `EPERM`),
/// or whose name does not end exactly in `-<digits>-<digits>`, is left alone.
public enum StalePartials {
    /// Cleans the folder holding `path`. Best effort: errors are ignored. Cost: one listing of
    /// the folder and one `kill(pid, 0)` per partial found.
    public static func clean(beside path: String) {
        let (directory, name) = OutputPath.split(path)
        guard let dir = opendir(directory) else { return }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let pid = writerPID(of: entryName, output: name), !isRunning(pid) {
                stale.append(directory + "/" + entryName)
            }
        }
        closedir(dir)
        for p in stale { removeTree(p) }
    }

    /// The pid in `entry` when it names a partial to consider beside output `output`:
    /// `.<any name>.partial-<pid>-<n>`, or `<output>.partial-<pid>…`; nil for anything else.
    static func writerPID(of entry: String, output: String) -> Int32? {
        let bytes = Array(entry.utf8), marker = Array(".partial-".utf8)
        // Hidden: the last ".partial-" after a non-empty name, then exactly "<pid>-<n>".
        if bytes.first == UInt8(ascii: "."), bytes.count > marker.count + 1 {
            var start = bytes.count - marker.count
            while start > 1 && !bytes[start...].starts(with: marker) { start -= 1 }
            let fields = bytes[(start + marker.count)...].split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
            if start > 1, fields.count == 2, fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }) {
                return positivePID(fields[0])
            }
        }
        let older = Array(output.utf8) + marker
        guard !output.isEmpty, bytes.starts(with: older) else { return nil }
        return positivePID(bytes[older.count...].prefix(while: isDigit))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The decimal digits as a pid: nil when empty, zero or beyond `Int32`.
    private static func positivePID(_ digits: ArraySlice<UInt8>) -> Int32? {
        guard let pid = Int32(String(decoding: digits, as: UTF8.self)), pid > 0 else { return nil }
        return pid
    }

    /// Whether process `pid` may still be running: true unless the system says it does not exist.
    /// This process counts as running.
    static func isRunning(_ pid: Int32) -> Bool {
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno != ESRCH
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
