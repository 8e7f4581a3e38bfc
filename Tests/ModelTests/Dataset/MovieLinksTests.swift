import Foundation
@testable import Model
import Testing
import TestSupport

/// links.csv is read by `prepare`, kept in the dataset file and in every model trained on it.
struct MovieLinksTests {
    /// A small ml-latest folder with a links.csv whose columns are out of order, with IMDb's
    /// leading zeros, an empty TMDb id, and a rated movie without a link.
    func folder(links: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-links-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "userId,movieId,rating,timestamp\n1,1,4.0,1\n1,2,3.0,2\n2,1,5.0,3\n2,3,2.0,4\n3,2,4.5,5\n"
            .write(toFile: dir + "/ratings.csv", atomically: true, encoding: .utf8)
        try "movieId,title,genres\n1,Toy Story (1995),Animation|Comedy\n2,Jumanji (1995),Adventure\n3,Heat (1995),Crime\n"
            .write(toFile: dir + "/movies.csv", atomically: true, encoding: .utf8)
        try links.write(toFile: dir + "/links.csv", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func linksAreReadKeptInTheDatasetFileAndInTheModel() throws {
        let dir = try folder(links: "tmdbId,movieId,imdbId\n862,1,0114709\n,2,0113497\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let options = ReadOptions(split: SplitSpec(method: .random, testFraction: 0, seed: 1))
        let (dataset, _) = try DatasetPreparation.prepareKeepingDataset(directory: dir, options: options, to: dir + "/d.cmx")
        let links = try #require(dataset.catalog.links)
        let toyStory = try #require(dataset.catalog.index(ofMovieID: 1)), heat = try #require(dataset.catalog.index(ofMovieID: 3))
        #expect(links.imdb[toyStory] == 114709 && links.tmdb[toyStory] == 862)
        #expect(links.imdbURL(toyStory) == "https://www.imdb.com/title/tt0114709/")
        #expect(links.tmdbURL(toyStory) == "https://www.themoviedb.org/movie/862")
        #expect(links.imdb[heat] == 0 && links.imdbURL(heat) == nil, "a movie without a link has none")
        #expect(links.tmdb[try #require(dataset.catalog.index(ofMovieID: 2))] == 0, "an empty TMDb id is 0")
        let (read, _) = try DatasetFile.read(path: dir + "/d.cmx")
        #expect(read.catalog.links == links)
        // A model trained on it keeps them.
        let run = try ALSTrainer.train(read, settings: Hyperparameters(kind: .biasUV, rank: 2, epochs: 1, lambda: 1, tau: 1, gamma: 1,
                                                                           initScale: 0.1, seed: 1), threads: 1)
        try ModelFile.write(run.model, to: dir + "/m.cmxm")
        #expect(try ModelFile.read(path: dir + "/m.cmxm").catalog.links == links)
    }

    @Test func aFolderWithoutLinksHasNone() throws {
        let dir = try folder(links: "")
        try FileManager.default.removeItem(atPath: dir + "/links.csv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (dataset, _) = try DatasetPreparation.prepareKeepingDataset(directory: dir, to: dir + "/d.cmx")
        #expect(dataset.catalog.links == nil)
        #expect(try DatasetFile.read(path: dir + "/d.cmx").dataset.catalog.links == nil)
    }

    @Test func aBadLinksLineIsNamed() throws {
        let dir = try folder(links: "movieId,imdbId,tmdbId\n1,0114709,862\n2,tt0113497,8844\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect { try DatasetPreparation.prepareKeepingDataset(directory: dir, to: dir + "/d.cmx") } throws: {
            "\($0)".contains("links.csv:3: non-numeric id")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/d.cmx"))
        let missing = try folder(links: "movieId,imdb\n1,0114709\n")
        defer { try? FileManager.default.removeItem(atPath: missing) }
        #expect { try DatasetPreparation.prepareKeepingDataset(directory: missing, to: missing + "/d.cmx") } throws: {
            "\($0)".contains("links.csv:1: the header line has no column \"imdbId\"")
        }
    }

    @Test(.needsSharedData("ml-latest-small"))
    func mlLatestSmallLinksToyStory() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-links-\(UUID()).cmx").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let summary = try DatasetPreparation.prepare(directory: SharedData.path("ml-latest-small"), to: out)
        #expect(summary.summary.movies == 9742)
        let catalog = try DatasetFile.read(path: out).dataset.catalog
        let links = try #require(catalog.links)
        let toyStory = try #require(catalog.index(ofMovieID: 1))
        #expect(links.imdb[toyStory] == 114709 && links.tmdb[toyStory] == 862)
        #expect(links.imdb.filter { $0 > 0 }.count == 9742, "every movie of ml-latest-small has an IMDb id")
    }
}
