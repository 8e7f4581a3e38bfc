/// Trains with the inference `settings` asks for: alternating least squares for `.map`
/// (`ALSTrainer`), Gibbs sampling for `.gibbs` (`GibbsTrainer`). `progress` is told of each
/// epoch or sweep and may return true to stop. Throws `TrainingError`.
public enum ModelTraining {
    public static func train(_ data: Dataset, settings: Hyperparameters, threads: Int,
                             progress: (EpochReport) -> Bool = { _ in false }) throws -> TrainingRun {
        switch settings.inference {
        case .map: return try ALSTrainer.train(data, settings: settings, threads: threads, progress: progress)
        case .gibbs: return try GibbsTrainer.train(data, settings: settings, threads: threads, progress: progress)
        }
    }
}
