import Core
import AtomicOutput

extension ExperimentFolder {
    /// Reserves `directory` for a training run before any work starts, so that a bad or busy
    /// output is reported in milliseconds rather than after training: takes the folder's lock
    /// (`OutputLock`, which also removes partial folders that killed runs left beside it) and
    /// checks that `write` will be able to replace the folder (`OutputFolder.checkReplaceable`:
    /// nothing but a folder at `directory`, its parent created when absent, a folder can be
    /// made there). Returns the lock, held until released (or the process ends); `write`
    /// nests in it. Throws `OutputError.busy` ("another run is writing OUT (pid N)") when
    /// another process holds the lock, `OutputError.notAFolder` when a file is at
    /// `directory`, and `OutputError.system` for what the system refuses (an unwritable
    /// parent). Leaves nothing behind but the parent folders it created.
    public static func reserve(_ directory: String) throws -> OutputLock {
        let lock = try OutputLock(for: directory)
        do {
            try OutputFolder.checkReplaceable(directory)
        } catch {
            lock.release()
            throw error
        }
        return lock
    }
}
