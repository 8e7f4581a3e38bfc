import ArgumentParser
import Model

/// `cinematrix import-factors`: vectors trained elsewhere become a model every command accepts.
struct ImportFactorsCommand: ContractCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-factors",
        abstract: "Turn movie (and user) vectors trained elsewhere, e.g. by Spark MLlib ALS, into a Cinematrix model.",
        discussion: CommandHelp.discussion("""
            For data that outgrows one machine: train on a cluster, then map, cluster, compare and recommend here.

            Factor files may be:
              CSV rows id,f1,...,fK, or id,"[f1, ..., fK]" (Spark's array as a string);
              CSV from itemFactors.toPandas().to_csv(), NumPy's vector repr wrapped over
                lines inside the quotes;
              JSON lines {"id": 10, "features": [...]}, or the folder of part-* files
                that itemFactors.write.json(...) writes (_SUCCESS and .crc are skipped);
              .npy matrices with --movie-ids/--user-ids text files (one raw id per line,
                in row order).
            A CSV header line is skipped. Parquet is not read: write JSON lines or .npy.
            The dataset supplies titles, genres, rating counts and the users' ratings.

            The imported model predicts μ + b_u + c_i + x_u·y_i (clamped to the dataset's scale): x_u and y_i from \
            the factor files, c_i from --movie-biases, b_u from --user-biases (CSV rows id,bias), μ from \
            --global-mean. Each defaults to 0, so factors alone predict x·y, as Spark's ALS does. Movies or users \
            without a vector or bias get zeros (counted on standard error). The model is marked MAP; new users are \
            folded in with --tau and --gamma as the ridge (τ/λ and γ/λ with λ = 1).
            """, examples: [
                "cinematrix import-factors --movies items.json --users users.json --dataset outputs/data.cmx --out outputs/spark/model.cmxm",
            ]))

    @Option(help: "Movie factors: CSV, JSON lines, a Spark part folder, or .npy with --movie-ids.") var movies: String
    @Option(help: "User factors, in the same forms (optional).") var users: String?
    @Option(help: "Raw movie ids of the .npy rows, one per line.") var movieIds: String?
    @Option(help: "Raw user ids of the .npy rows, one per line.") var userIds: String?
    @Option(help: "Per-movie biases c_i in stars: CSV rows id,bias (optional; default 0).") var movieBiases: String?
    @Option(help: "Per-user biases b_u in stars: CSV rows id,bias (optional; default 0).") var userBiases: String?
    @Option(help: "Global mean μ in stars added to every prediction (the mean the biases are offsets from).") var globalMean: Float = 0
    @Option(help: "Prepared dataset the factors were trained on (from `cinematrix prepare`).") var dataset: String
    @Option(help: "Model file to write.") var out: String
    @Option(help: "Ridge for new users' vectors (τ/λ), as Spark's regParam × ratings scale.") var tau: Float = 15
    @Option(help: "Ridge for new users' biases (γ/λ).") var gamma: Float = 3

    func validate() throws {
        guard tau >= 0, gamma >= 0 else { throw ValidationError("--tau and --gamma must be 0 or more") }
        guard globalMean.isFinite else { throw ValidationError("--global-mean must be a finite number of stars, e.g. 3.5") }
    }

    @OptionGroup var output: OutputOptions

    func execute(_ console: Console) throws -> CommandOutcome {
        let (data, _) = try DatasetFile.read(path: dataset)
        // Everything is read and checked before the model is written (atomically), so bad input
        // never leaves a file at --out.
        let sources = FactorImport.Sources(movies: movies, movieIDs: movieIds, users: users, userIDs: userIds,
                                           movieBiases: movieBiases, userBiases: userBiases)
        let imported = try FactorImport.assemble(sources, dataset: data, globalMean: globalMean, tau: tau, gamma: gamma)
        try ModelFile.write(imported.model, to: out)
        console.note(imported.notes.joined(separator: "; "))
        return CommandOutcome(json: .object([("model", .string(out)), ("k", .int(imported.model.rank)),
                                            ("notes", .array(imported.notes.map(JSONValue.string)))]),
                             text: "wrote \(out) (K = \(imported.model.rank)); try: cinematrix similar \(out) \"Toy Story\"")
    }
}
