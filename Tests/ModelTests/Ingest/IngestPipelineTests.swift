import Core
import Foundation
import Testing
import TestSupport
@testable import Model

/// The pipeline's stages driven directly: the plan resolves the choices, every grouping
/// strategy gives the same dataset and the same file bytes, and progress names the stages.
@Suite struct IngestPipelineTests {
    private static let header = "userId,movieId,rating,timestamp\n"

    /// The stages reported, in order, with their fractions (progress may come from worker
    /// threads, one call at a time).
    final class StageLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(stage: String, fraction: Double)] = []
        func record(_ stage: String, _ fraction: Double) { lock.lock(); entries.append((stage, fraction)); lock.unlock() }
        var all: [(stage: String, fraction: Double)] { lock.lock(); defer { lock.unlock() }; return entries }
        var stages: [String] { all.map(\.stage) }
    }

    /// Runs the pipeline on `directory` with only `strategies` (nil: the plan's own).
    private func run(_ directory: String, _ options: ReadOptions, strategies: [GroupingStrategy]? = nil,
                     output: IngestPlan.Output = .dataset) throws -> (product: IngestPipeline.Product, report: ReadReport, log: StageLog) {
        var plan = try IngestPlan(directory: directory, options: options, output: output)
        if let strategies { plan.strategies = strategies }
        let log = StageLog()
        let (product, report) = try IngestPipeline.run(plan, progress: log.record)
        return (product, report, log)
    }

    private static let everyStrategy: [[GroupingStrategy]] = [[.userRuns, .twoPass, .chunks], [.twoPass, .chunks], [.chunks]]

    /// The lines of `text` after its header, shuffled by a seeded generator.
    private static func shuffled(_ text: String, seed: UInt64) -> String {
        var lines = text.split(separator: "\n").dropFirst().map(String.init)
        var rng = SplitMix64(seed: seed)
        lines.shuffle(using: &rng)
        return header + lines.joined(separator: "\n") + "\n"
    }

    @Test func thePlanResolvesLayoutColumnsSplitAndStrategies() throws {
        let f = IngestFixture.latest(ratings: "movieId,rating,timestamp,userId\n1,4.0,1,1\n2,3.5,2,1\n")
        defer { f.remove() }
        let random = try IngestPlan(directory: f.directory, options: ReadOptions(threads: 2), output: .dataset)
        #expect(random.layout.kind == .csv)
        #expect(random.strategies == [.userRuns, .twoPass, .chunks])
        #expect(random.sources.count == 1 && random.sources[0].format.fieldOrder == [1, 2, 3, 0])
        #expect(random.assembly.split == SplitSpec() && random.assembly.threads == 2)
        let temporal = try IngestPlan(directory: f.directory, options: ReadOptions(split: SplitSpec(method: .temporal)), output: .dataset)
        #expect(temporal.strategies == [.chunks])
        // Fixed files: the separator of each is sniffed, the split comes from the files.
        let train = f.write("split/u1.base", "1\t1\t4\t1\n")
        let test = f.write("split/u1.test", "userId,movieId,rating,timestamp\n1,2,3.5,2\n")
        let fixed = try IngestPlan(directory: f.directory, options: ReadOptions(trainFile: train, testFile: test),
                                   output: .file(path: f.directory + "/o.cmx", keepDataset: false))
        #expect(fixed.strategies == [.chunks] && fixed.assembly.split == nil)
        #expect(fixed.sources.map(\.isTest) == [false, true])
        #expect(fixed.sources.map(\.format.separator) == [.tab, .comma])
        #expect(fixed.assembly.source.contains("fixed split: train \(train), test \(test)"))
        #expect(fixed.output.path == f.directory + "/o.cmx")
        // Bad options are refused by the plan, before the folder is looked at.
        #expect(throws: IngestError.invalidOption(.tooFewThreads(0))) {
            try IngestPlan(directory: f.directory + "/absent", options: ReadOptions(threads: 0), output: .dataset)
        }
    }

    @Test func everyStrategyBuildsTheSameDataset() throws {
        let f = try IngestFixture.synthetic("strategies", users: 150, movies: 400, ratings: 12_000, seed: 6)
        defer { f.remove() }
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: 0.25, seed: 4), threads: 3)
        let runs = try Self.everyStrategy.map { try run(f.directory, options, strategies: $0) }
        let reference = try #require(runs[0].product.dataset)
        #expect(reference.trainByUser.count + reference.test.count == 12_000)
        #expect(reference.test.count > 2_000)
        for r in runs.dropFirst() {
            #expect(r.product.dataset == reference)
            #expect(r.report == runs[0].report)
        }
        // Each strategy ran (its own stage names), and each ended on ("done", 1).
        let ratings = "reading \(f.directory)/ratings.csv"
        #expect(runs[0].log.stages.contains("sorting rows") && !runs[0].log.stages.contains(ratings + " again"))
        #expect(runs[1].log.stages.contains(ratings + " again"))
        #expect(!runs[2].log.stages.contains(ratings + " again") && !runs[2].log.stages.contains("sorting rows"))
        for r in runs { #expect(r.log.all.last.map { $0.stage == "done" && $0.fraction == 1 } == true) }
    }

    @Test func everyStrategyWritesTheSameFile() throws {
        let f = try IngestFixture.synthetic("files", users: 120, movies: 300, ratings: 8_000, seed: 2)
        defer { f.remove() }
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: 0.3, seed: 8), threads: 2)
        var files: [Data] = [], summaries: [DatasetSummary] = []
        for (k, strategies) in Self.everyStrategy.enumerated() {
            for keep in [false, true] {
                let path = f.directory + "/out-\(k)-\(keep).cmx"
                let r = try run(f.directory, options, strategies: strategies, output: .file(path: path, keepDataset: keep))
                #expect((r.product.dataset != nil) == (keep || k > 0), "only user runs without the dataset write from the parse")
                #expect(r.log.all.last.map { $0.stage == "written" && $0.fraction == 1 } == true)
                files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
                summaries.append(r.product.summary)
            }
        }
        #expect(files.count == 6 && Set(files).count == 1, "the strategies wrote different files")
        #expect(Set(summaries.map(\.text)).count == 1)
        #expect(summaries[0] == DatasetSummary(try DatasetFile.read(path: f.directory + "/out-2-true.cmx").dataset))
    }

    @Test func aShuffledFileGivesTheDatasetAndFileOfTheSortedOne() throws {
        let f = try IngestFixture.synthetic("shuffle", users: 100, movies: 250, ratings: 7_000, seed: 3)
        defer { f.remove() }
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: 0.2, seed: 1), threads: 2)
        let sortedText = try String(contentsOfFile: f.directory + "/ratings.csv", encoding: .utf8)
        let sorted = try run(f.directory, options)
        let (sortedSummary, _) = try DatasetPreparation.prepare(directory: f.directory, options: options, to: f.directory + "/sorted.cmx")
        f.write("ratings.csv", Self.shuffled(sortedText, seed: 12))
        let shuffled = try run(f.directory, options)
        let (shuffledSummary, _) = try DatasetPreparation.prepare(directory: f.directory, options: options, to: f.directory + "/shuffled.cmx")
        // The one-pass reader declined the shuffled file; the two-pass reader read it.
        #expect(shuffled.log.stages.contains("reading \(f.directory)/ratings.csv again"))
        #expect(!sorted.log.stages.contains("reading \(f.directory)/ratings.csv again"))
        #expect(shuffled.product.dataset == sorted.product.dataset)
        #expect(shuffledSummary == sortedSummary)
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.directory + "/sorted.cmx"))
                == Data(contentsOf: URL(fileURLWithPath: f.directory + "/shuffled.cmx")))
    }

    @Test func duplicatesAndBadLinesAreTreatedAlikeByEveryStrategy() throws {
        // User-grouped, with two duplicate pairs (one a user's last line), a bad line and an
        // unlisted movie (9).
        var text = Self.header
        for u in 1...60 {
            for m in [1, 2, 5, 7, 9] where (u + m) % 4 != 0 { text += "\(u),\(m),\(1 + (u + m) % 4).5,\(u * 100 + m)\n" }
            if u == 17 { text += "17,9,2.0,1\n" }
            if u == 30 { text += "30,x,3.0,1\n30,1,4.0,2\n" }
        }
        let f = IngestFixture.latest(ratings: text)
        defer { f.remove() }
        for fraction in [0.0, 0.4] {
            let skip = ReadOptions(split: SplitSpec(method: .random, testFraction: fraction, seed: 5), skipBadLines: true, threads: 2)
            let runs = try Self.everyStrategy.map { try run(f.directory, skip, strategies: $0) }
            #expect(runs[0].report.badLines.counts == [.duplicatePair: 2, .nonNumericID: 1])
            #expect(runs[0].report.unlistedMovies == 1)
            for r in runs.dropFirst() {
                #expect(r.product.dataset == runs[0].product.dataset)
                #expect(r.report == runs[0].report)
            }
            // Without skipping: the same located error whichever strategy runs.
            let stop = ReadOptions(split: skip.split, threads: 2)
            let messages = Self.everyStrategy.map { s in errorText { _ = try run(f.directory, stop, strategies: s) } }
            #expect(messages[0]?.contains("ratings.csv:") == true, "\(messages[0] ?? "no error")")
            #expect(Set(messages).count == 1)
        }
        // Without the bad line the duplicates are the first error, located by line.
        let dup = IngestFixture.latest(ratings: text.replacingOccurrences(of: "30,x,3.0,1\n", with: ""))
        defer { dup.remove() }
        let stop = ReadOptions(split: SplitSpec(method: .random, testFraction: 0, seed: 5), threads: 2)
        let messages = Self.everyStrategy.map { s in errorText { _ = try run(dup.directory, stop, strategies: s) } }
        #expect(messages[0]?.contains("duplicate (user, movie) pair") == true, "\(messages[0] ?? "no error")")
        #expect(Set(messages).count == 1)
    }

    @Test func progressNamesTheStagesInOrder() throws {
        let f = try IngestFixture.synthetic("progress", users: 80, movies: 200, ratings: 5_000, seed: 9)
        defer { f.remove() }
        let log = StageLog()
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: 0.2, seed: 2), threads: 2)
        _ = try DatasetPreparation.prepare(directory: f.directory, options: options, to: f.directory + "/p.cmx", progress: log.record)
        let all = log.all
        #expect(all.first.map { $0.stage == "reading movies" && $0.fraction == 0 } == true)
        #expect(all.last.map { $0.stage == "written" && $0.fraction == 1 } == true)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.fraction <= $1.fraction }, "fractions went back: \(all)")
        // Stage changes, in order: the one-pass read written straight from the parse.
        var changes: [String] = []
        for s in log.stages where changes.last != s { changes.append(s) }
        #expect(changes == ["reading movies", "reading \(f.directory)/ratings.csv", "mapping ids", "checking row order",
                            "transposing and writing", "written"])
        // A temporal split: the chunk reader's stages, ending the same way.
        let temporal = StageLog()
        _ = try DatasetPreparation.prepareKeepingDataset(directory: f.directory, options: ReadOptions(split: SplitSpec(method: .temporal), threads: 2),
                                                         to: f.directory + "/t.cmx", progress: temporal.record)
        var temporalChanges: [String] = []
        for s in temporal.stages where temporalChanges.last != s { temporalChanges.append(s) }
        #expect(temporalChanges == ["reading movies", "reading \(f.directory)/ratings.csv", "mapping ids", "grouping by user",
                                    "sorting rows", "splitting", "extracting train and test", "building catalogue",
                                    "transposing and writing", "written"])
        // Reading into memory ends on "done".
        let read = StageLog()
        _ = try MovieLensReader.read(directory: f.directory, options: options, progress: read.record)
        #expect(read.all.last.map { $0.stage == "done" && $0.fraction == 1 } == true)
    }
}
