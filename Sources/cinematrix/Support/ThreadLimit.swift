import Core
import Model

/// The most worker threads a command starts: four per core. Every worker has its own scratch
/// space, so more only costs memory (`train --threads 100000` once took 4.4 GB for a 1.7 MB
/// dataset) and never speed.
let maximumThreads = 4 * availableCores

/// `requested` threads, lowered to `maximumThreads` with a note on standard error.
func boundedThreads(_ requested: Int) -> Int {
    guard requested > maximumThreads else { return requested }
    Terminal.error("note: --threads \(requested) lowered to \(maximumThreads) (4 per core; more would only use memory)")
    return maximumThreads
}
