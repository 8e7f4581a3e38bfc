import CAtomicOutput
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a folder of results as a whole: its files go into a temporary sibling
/// (`.<name>.partial-<pid>-<n>`), which then takes the folder's place in one step — swapped
/// with the old folder by `renameat2(RENAME_EXCHANGE)` on Linux, elsewhere by renaming the old
/// folder aside first — and the old folder is removed. A reader sees the old folder or the
/// new one, never files of both; a killed writer leaves only its temporary sibling, removed
/// by the next write of any output in the same folder (`StalePartials`).
public enum OutputFolder {
    /// Replaces the folder at `path` (created, with its parents, when absent) with what
    /// `fill` writes into the temporary folder whose path it is given. Holds the output's lock
    /// (`OutputLock`) throughout. Throws `OutputError.notAFolder` when a file is at `path`;
    /// on any failure the old folder is untouched and the temporary one removed.
    public static func replace(_ path: String, fill: (String) throws -> Void) throws {
        let (directory, name) = OutputPath.split(path)
        try create(directory)
        let lock = try OutputLock(for: path)
        defer { lock.release() }
        StalePartials.clean(beside: path)
        let exists = try isFolder(path)
        let temporary = OutputPath.partial(directory: directory, name: name)
        if mkdir(temporary, 0o755) != 0 { throw OutputError.system(path: path, operation: "create a folder beside", errno: errno) }
        do {
            try fill(temporary)
        } catch {
            StalePartials.removeTree(temporary)
            throw error
        }
        if !exists {
            if rename(temporary, path) == 0 { return }
            let code = errno
            StalePartials.removeTree(temporary)
            throw OutputError.system(path: path, operation: "create", errno: code)
        }
        if cmx_exchange(temporary, path) == 0 {
            StalePartials.removeTree(temporary)  // now the old folder
            return
        }
        // No atomic exchange here: the old folder goes aside, then the new one takes its place.
        let aside = OutputPath.partial(directory: directory, name: name)
        guard rename(path, aside) == 0 else {
            let code = errno
            StalePartials.removeTree(temporary)
            throw OutputError.system(path: path, operation: "replace", errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            _ = rename(aside, path)
            StalePartials.removeTree(temporary)
            throw OutputError.system(path: path, operation: "replace", errno: code)
        }
        StalePartials.removeTree(aside)
    }

    /// Checks, before the work whose results `replace` will write, that it will be able to:
    /// a folder or nothing at `path`, its parent folders created when absent, and a folder
    /// can be made beside it (one is made under a temporary name and removed at once).
    /// Throws `OutputError.notAFolder` when a file is at `path` (or a parent), else
    /// `OutputError.system` naming what the system refused.
    public static func checkReplaceable(_ path: String) throws {
        let (directory, name) = OutputPath.split(path)
        try create(directory)
        _ = try isFolder(path)
        let probe = OutputPath.partial(directory: directory, name: name)
        if mkdir(probe, 0o755) != 0 { throw OutputError.system(path: path, operation: "create a folder beside", errno: errno) }
        rmdir(probe)
    }

    /// Creates the folder `path` and its parents when absent. Throws `OutputError.notAFolder`
    /// when `path` (or a parent) is a file.
    public static func create(_ path: String) throws {
        if try isFolder(path) { return }
        let (parent, _) = OutputPath.split(path)
        if parent != path { try create(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw OutputError.system(path: path, operation: "create the folder", errno: errno) }
        guard try isFolder(path) else { throw OutputError.notAFolder(path: path) }
    }

    /// Whether a folder is at `path` (false when nothing is); throws `notAFolder` for anything else.
    static func isFolder(_ path: String) throws -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw OutputError.notAFolder(path: path) }
        return true
    }
}
