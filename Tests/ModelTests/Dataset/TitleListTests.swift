import Core
import Foundation
import Testing
@testable import Model

@Suite struct TitleListTests {
    @Test func titlesRoundTripThroughTheirBytes() {
        let titles = ["Toy Story", "Amélie", "", "\"Great Performances\" Cats", "Straße"]
        let list = TitleList(titles)
        #expect(Array(list) == titles && list.count == 5)
        #expect(list[1] == "Amélie" && list[2] == "")
        #expect(list.withUTF8(1) { Array($0) } == Array("Amélie".utf8))
        let back = TitleList(bytes: list.bytes, offsets: list.offsets)
        #expect(back == list)
        #expect(list == ["Toy Story", "Amélie", "", "\"Great Performances\" Cats", "Straße"])
        #expect(list != ["Toy Story"])
    }

    @Test func inconsistentBoundariesAreRefused() {
        let bytes = Array("abcdef".utf8)
        #expect(TitleList(bytes: bytes, offsets: [0, 3, 6]) != nil)
        #expect(TitleList(bytes: bytes, offsets: [1, 3, 6]) == nil)   // not starting at 0
        #expect(TitleList(bytes: bytes, offsets: [0, 4, 3, 6]) == nil)  // decreasing
        #expect(TitleList(bytes: bytes, offsets: [0, 3, 7]) == nil)   // past the end
        #expect(TitleList(bytes: bytes, offsets: [0, 3]) == nil)      // short of the end
        #expect(TitleList(bytes: [], offsets: [0])?.isEmpty == true)
    }

    @Test func stringListsRoundTripThroughAContainer() throws {
        let titles = ["Matrix, The", "Amélie", "", "\"Great\" Cats"]
        var w = ContainerWriter(kind: "TEST", version: 1)
        w.add("titles", strings: titles)
        w.add("list", titles: TitleList(titles.reversed()))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cmx-titles-\(UUID()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try w.write(to: path)
        let r = try ContainerReader(path: path, kind: "TEST", versions: 1...1)
        #expect(try r.strings("titles") == titles)
        #expect(try r.titleList("list", expectedCount: 4) == TitleList(titles.reversed()))
        #expect(throws: ContainerError.self) { try r.titleList("list", expectedCount: 5) }
        #expect(throws: ContainerError.self) { try r.strings("missing") }
    }
}
