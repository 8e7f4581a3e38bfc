import Analyze
import ArgumentParser
import Model

/// `cinematrix compare DATASET`: trains the three models with shared settings and tabulates them.
struct CompareCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train bias, bias-uv and bias-uv-genre by MAP and by Gibbs sampling and compare them as users would.",
        discussion: CommandHelp.discussion("""
            Each model is trained with shared settings, by MAP (ALS) and by Gibbs sampling unless --inference names \
            one, and saved as an experiment folder under --out (bias-map/, bias-gibbs/, …, bias-uv-genre-gibbs/). \
            Each is then judged by its test RMSE, by the top-10 lists it would show each test user (precision, \
            recall and NDCG at 10 for test ratings ≥ 4, ranking all of the user's unrated movies above the \
            popularity floor; at most 5,000 evenly spaced users), the catalogue coverage and mean popularity of \
            those lists, and its genre echo (the share of each movie's 10 nearest neighbours, among movies with ≥ 20 \
            ratings, with exactly its genre list).

            Writes comparison.csv (model, inference, k, epochs, train_rmse, test_rmse, precision_at_10, \
            recall_at_10, ndcg_at_10, coverage, mean_popularity, genre_echo, seconds_per_epoch), comparison.json \
            (the same for programs and for `report`), a chart of test RMSE (comparison.png), and ranking-rules.csv: \
            the best model's lists under each ranking rule (taste, taste + w·bias, predicted rating).
            """, examples: ["cinematrix compare outputs/data.cmx -k 32 --out outputs/compare"]))

    @Argument(help: "Prepared dataset file (from `cinematrix prepare`).") var dataset: String
    @OptionGroup var options: TrainingOptions
    @Option(help: "Folder for the experiments, comparison.csv and ranking-rules.csv.") var out: String = "outputs/compare"
    @Option(name: .customLong("rank-by"), help: ArgumentHelp("How the scored top-10 lists are ranked: rating, taste or taste+W. Default: \(RankingRule.standard).", valueName: "rule"))
    var rankBy: RankingRule?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        for kind in ModelKind.allCases { try options.check(kind, inferenceFixed: options.inference != nil) }
    }

    func execute(_ console: Console) throws -> CommandOutcome {
        let (data, checksum) = try DatasetFile.read(path: dataset)
        let comparison = try ModelComparison.run(
            data, checksum: checksum, datasetPath: dataset, settings: { options.settings($0, trainingRatings: data.trainByUser.count) },
            inferences: options.inference.map { [$0] } ?? [.map, .gibbs], rule: rankBy ?? .standard,
            minRatings: RankingFilter.defaultMinRatings(userCount: data.userCount), threads: options.threadCount, out: out
        ) { name, report in
            if report.epoch == 1 { console.line("training \(name)…") }
        }
        let record = comparison.record
        let numeric = Set(1..<record.table.header.count)
        let text = [TextTable(record.table, numeric: numeric).rendered, "", record.rulesTable.title + ":",
                    TextTable(record.rulesTable, numeric: Set(1..<record.rulesTable.header.count)).rendered,
                    "saved \(out)/comparison.csv, comparison.json, comparison.png and ranking-rules.csv; best: \(record.rows[record.best].name)"]
        return CommandOutcome(json: .object([("folder", .string(out)), ("best", .string(record.rows[record.best].name))]
                                           + (try JSONValue(encoding: record)).members),
                             text: text.joined(separator: "\n"))
    }
}
