/// `OutputFile`, `OutputFolder`, `OutputLock` and `OutputError` — the one way the library
/// writes files — come with `import Core`.
@_exported import AtomicOutput
