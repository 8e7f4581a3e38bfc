import ArgumentParser
import Foundation
import Model

extension RankingRule: ExpressibleByArgument {}

/// `cinematrix compare DATASET`: trains the three models with shared settings and tabulates them.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train bias, bias-uv and bias-uv-genre by MAP and by Gibbs sampling and compare them as users would.",
        discussion: """
        Each model is trained with shared settings, by MAP (ALS) and by Gibbs sampling \
        unless --inference names one, and saved as an experiment folder under --out \
        (bias-map/, bias-gibbs/, …, bias-uv-genre-gibbs/). Each is then judged by its test \
        RMSE, by the top-10 lists it would show each test user (precision, recall and NDCG \
        at 10 for test ratings ≥ 4, ranking all of the user's unrated movies above the \
        recommend command's popularity floor; at most 5,000 evenly spaced users), the \
        catalogue coverage and mean popularity of those lists, and its genre echo (the share \
        of each movie's 10 nearest neighbours, among movies with ≥ 20 ratings, with exactly \
        its genre list).

        Writes comparison.csv (model,inference,k,epochs,train_rmse,test_rmse,precision_at_10, \
        recall_at_10,ndcg_at_10,coverage,mean_popularity,genre_echo,seconds_per_epoch), a bar \
        chart of test RMSE (comparison.png), and ranking-rules.csv: the best model's lists \
        under each ranking rule (taste, taste + w·bias, predicted rating).

        Example:
          cinematrix compare outputs/data.cmx -k 32 --out outputs/compare
        """)

    @Argument(help: "Prepared dataset file (from `cinematrix prepare`).")
    var dataset: String

    @OptionGroup var options: TrainingOptions

    @Option(help: "Folder for the experiments, comparison.csv and ranking-rules.csv.")
    var out: String = "outputs/compare"

    @Option(name: .customLong("rank-by"), help: ArgumentHelp("How the scored top-10 lists are ranked: rating, taste or taste+W (default \(RankingRule.standard)).", valueName: "rule"))
    var rankBy: RankingRule?

    func validate() throws {
        for kind in ModelKind.allCases { try options.check(kind) }
    }

    func run() throws {
        let (data, checksum) = try loadDataset(dataset)
        let inferences = options.inference.map { [$0] } ?? [.map, .gibbs]
        let comparison = try ModelComparison.run(data, checksum: checksum, datasetPath: dataset, settings: { options.settings($0, trainingRatings: data.trainByUser.count) },
                                                 inferences: inferences, rule: rankBy ?? .standard, threads: options.threadCount,
                                                 out: out) { name, report in
            if report.epoch == 1 { Terminal.error("training \(name)…") }
        }
        var table = TextTable(header: comparison.table.header, numeric: Set(1..<comparison.table.header.count))
        comparison.table.rows.forEach { table.add($0) }
        print(table.rendered)
        let best = comparison.entries[comparison.best]
        print("\nTop-10 lists of \(best.name) by ranking rule:")
        var rules = TextTable(header: comparison.rulesTable.header, numeric: Set(1..<comparison.rulesTable.header.count))
        comparison.rulesTable.rows.forEach { rules.add($0) }
        print(rules.rendered)
        print("saved \(out)/comparison.csv, comparison.png and ranking-rules.csv; best: \(best.name)")
    }
}
