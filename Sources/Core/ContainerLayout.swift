/// Layout shared by `ContainerWriter` and `ContainerReader`.
///
/// A file is: a 64-byte header (magic `CINEMATX`, 4-character kind, format version, section
/// count, total length, checksum of the section table), a table of 40-byte section entries
/// (16-byte name, offset, byte count, checksum of the section's bytes), then each section's
/// bytes aligned to 64 bytes. Per-section checksums let a reader verify only what it uses, so
/// opening a large file to read a small part of it stays fast. A section of 4 MiB or more is
/// followed by a section `<name>#b` holding the checksums of its 1 MiB blocks (padding
/// included), and its own checksum in the table is the checksum of those block checksums: one
/// pass over the bytes either way, and reading a few rows verifies one or two blocks, not the
/// whole section.
enum ContainerLayout {
    static let magic: [UInt8] = Array("CINEMATX".utf8)
    static let headerSize = 64
    static let entrySize = 40
    static let alignment = 64
    static let blockSize = 1 << 20
    static let blockedThreshold = 4 << 20
    static func aligned(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }
    /// Name of the block-checksum section of `name`.
    static func blockSumsName(_ name: String) -> String { name + "#b" }
}
