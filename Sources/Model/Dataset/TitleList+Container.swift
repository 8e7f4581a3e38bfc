import Core

/// String sections of a container: a list is stored as two sections, `<name>.o` (the `count + 1`
/// offsets as Int64) and `<name>.b` (the UTF-8 bytes), the layout of `TitleList`.
extension ContainerWriter {
    /// Adds a section holding `strings` as UTF-8 with an offset table.
    public mutating func add(_ name: String, strings: [String]) {
        add(name, titles: TitleList(strings))
    }

    /// Adds a section holding `titles` in the layout of `add(_:strings:)`.
    public mutating func add(_ name: String, titles: TitleList) {
        add(name + ".o", titles.offsets.map { Int64($0) })
        add(name + ".b", titles.bytes)
    }
}

extension ContainerReader {
    /// The section `name` written by `ContainerWriter.add(_:strings:)` or `add(_:titles:)`, as
    /// a `TitleList` (no String is decoded).
    public func titleList(_ name: String, expectedCount: Int? = nil) throws -> TitleList {
        let offsets: [Int64] = try array(name + ".o")
        let bytes: [UInt8] = try array(name + ".b")
        guard let list = TitleList(bytes: bytes, offsets: offsets.map { Int($0) }),
              expectedCount.map({ $0 == list.count }) ?? true else {
            throw ContainerError.missingSection(path: path, name: name)
        }
        return list
    }

    /// The section `name` written by `ContainerWriter.add(_:strings:)`.
    public func strings(_ name: String, expectedCount: Int? = nil) throws -> [String] {
        Array(try titleList(name, expectedCount: expectedCount))
    }
}
