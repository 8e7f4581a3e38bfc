@testable import Core
@testable import Model

/// The container, dataset and model readers on bytes written to a scratch file. Unless the
/// first byte's low bit is set, every checksum is first recomputed to match, so the readers'
/// structural checks — not their checksums — meet the mutations. The reader is also given the
/// first byte, whose other bits it may use.
enum ContainerFuzz {
    static func run(_ data: [UInt8], read: (String, UInt8) throws -> Void) {
        guard let flags = data.first else { return }
        var body = Array(data.dropFirst())
        if flags & 1 == 0 { fixChecksums(&body) }
        let path = ScratchFile.write(body, name: "input.cmx")
        do { try read(path, flags) } catch {}
    }

    /// Any container: kind and version as the file says, every section verified and read as
    /// bytes, and as the element types the readers use.
    static func readAny(_ path: String, flags: UInt8) throws {
        guard let kind = try? ContainerReader(path: path, kind: "DSET", versions: 0...UInt32.max) else {
            _ = try ContainerReader(path: path, kind: "MODL", versions: 0...UInt32.max).verifyAll()
            return
        }
        try kind.verifyAll()
        for name in ["users.id", "movies.title", "genres.name", "scale", "byUser.val.h"] where kind.has(name) || kind.has(name + ".o") {
            _ = try? kind.array(name, as: UInt8.self)
            _ = try? kind.array(name, as: Int64.self)
            _ = try? kind.strings(name)
            _ = try? kind.withArray(name, as: Float.self, verifying: 0..<1) { $0.first }
        }
    }

    /// A model read one way per input (bits 1–2 of the first byte, so an input costs one
    /// read): every user with their ratings, none, one (the file's first user id), or every
    /// user without ratings. An accepted model must predict finite ratings; a Gibbs model's
    /// spread and learned prior are used as `recommend` uses them (predictive deviation, and a
    /// new user folded in with that prior).
    static func readModel(_ path: String, flags: UInt8) throws {
        let selection: ModelFile.UserSelection
        switch flags >> 1 & 3 {
        case 0: selection = .all(ratings: true)
        case 1: selection = .none
        case 2: selection = .one(id: firstUserID(path) ?? 1)
        default: selection = .all(ratings: false)
        }
        let m = try ModelFile.read(path: path, users: selection)
        guard m.movieCount > 0 else { return }
        if m.userCount > 0 {
            let p = m.predict(user: 0, movie: 0)
            require(p.isFinite, "prediction \(p) from a model the reader accepted")
            _ = m.predictiveDeviation(user: 0, movie: 0)
        }
        if m.posterior != nil {
            _ = try? m.foldIn([(movie: 0, stars: m.scale.maximum), (movie: m.movieCount - 1, stars: m.scale.minimum)])
        }
    }

    /// The first id of the `userIDs` section, when the file has a readable one.
    static func firstUserID(_ path: String) -> Int64? {
        guard let r = try? ContainerReader(path: path, kind: "MODL", versions: 0...UInt32.max) else { return nil }
        return (try? r.withArray("userIDs", as: Int64.self) { $0.first }) ?? nil
    }

    /// Recomputes the checksum of every section the table places inside the file (not block
    /// checksums), then the table's.
    static func fixChecksums(_ bytes: inout [UInt8]) {
        let header = ContainerLayout.headerSize, entry = ContainerLayout.entrySize
        guard bytes.count >= header else { return }
        // The length field must match for anything past the header check to run.
        store(UInt64(bytes.count), at: 20, in: &bytes)
        let count = min(Int(load(16, bytes, as: UInt32.self)), (bytes.count - header) / entry)
        for i in 0..<count {
            let e = header + i * entry
            let offset = load(e + 16, bytes, as: UInt64.self), n = load(e + 24, bytes, as: UInt64.self)
            guard offset <= UInt64(bytes.count), n <= UInt64(bytes.count) - offset else { continue }
            let start = Int(offset), end = min(ContainerLayout.aligned(start + Int(n)), bytes.count)
            var sum = Checksum64()
            bytes.withUnsafeBytes { sum.update(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            store(sum.finalize(), at: e + 32, in: &bytes)
        }
        let tableEnd = min(ContainerLayout.aligned(header + count * entry), bytes.count)
        var sum = Checksum64()
        bytes.withUnsafeBytes { sum.update(UnsafeRawBufferPointer(rebasing: $0[header..<tableEnd])) }
        store(sum.finalize(), at: 28, in: &bytes)
    }

    static func load<T: FixedWidthInteger>(_ offset: Int, _ bytes: [UInt8], as: T.Type) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    static func store<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + $0.count), with: $0) }
    }
}
