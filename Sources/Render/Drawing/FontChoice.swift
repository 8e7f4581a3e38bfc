import CCairo
import Foundation

/// Which font the charts use: an installed family name (resolved through fontconfig, which must
/// really have that family — no silent substitution) or the path of a .ttf/.otf file.
public struct FontChoice: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A family name such as "DejaVu Sans", or a file path.
    public let specification: String

    /// `specification` is a path when it contains "/" or ends in .ttf/.otf/.ttc, else a family name.
    public init(_ specification: String) { self.specification = specification }

    /// The default: DejaVu Sans (Debian package fonts-dejavu-core).
    public static let dejaVuSans = FontChoice("DejaVu Sans")

    public var description: String { specification }

    var isPath: Bool {
        let lower = specification.lowercased()
        return specification.contains("/") || lower.hasSuffix(".ttf") || lower.hasSuffix(".otf") || lower.hasSuffix(".ttc")
    }

    /// The font file this choice resolves to. Cost: one fontconfig match (cached per process).
    public func resolvedFile() throws -> String {
        try FontRegistry.shared.file(for: self)
    }
}

/// Resolves font choices to files and keeps one cairo font face per file for the process.
/// Faces are built from a pattern holding only the file, so rendering options come from the
/// chart (not from the machine's fontconfig settings) and output bytes stay reproducible.
final class FontRegistry: @unchecked Sendable {
    static let shared = FontRegistry()
    private let lock = NSLock()
    private var files: [FontChoice: String] = [:]
    private var faces: [String: OpaquePointer] = [:]

    func file(for choice: FontChoice) throws -> String {
        lock.lock(); defer { lock.unlock() }
        if let file = files[choice] { return file }
        let file = try choice.isPath ? Self.checkFile(choice.specification) : Self.match(family: choice.specification)
        files[choice] = file
        return file
    }

    /// A cairo font face for `choice`; owned by the registry (do not destroy).
    func face(for choice: FontChoice) throws -> OpaquePointer {
        let file = try file(for: choice)
        lock.lock(); defer { lock.unlock() }
        if let face = faces[file] { return face }
        guard let pattern = FcPatternCreate() else { throw RenderError.fontNotFound(requested: choice.specification, reason: "fontconfig is out of memory") }
        defer { FcPatternDestroy(pattern) }
        _ = file.withCString { FcPatternAddString(pattern, "file", UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        _ = FcPatternAddInteger(pattern, "index", 0)
        guard let face = cairo_ft_font_face_create_for_pattern(pattern),
              cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS else {
            throw RenderError.fontNotFound(requested: choice.specification, reason: "cairo cannot load \(file)")
        }
        faces[file] = face
        return face
    }

    private static func checkFile(_ path: String) throws -> String {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw RenderError.fontNotFound(requested: path, reason: "no readable file at that path")
        }
        var count: Int32 = 0
        guard let pattern = path.withCString({ FcFreeTypeQuery(UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self), 0, nil, &count) }) else {
            throw RenderError.fontNotFound(requested: path, reason: "FreeType cannot read it as a font")
        }
        FcPatternDestroy(pattern)
        return path
    }

    /// Asks fontconfig for `family` and accepts the match only when its family list contains
    /// the requested name (case-insensitive), so a missing font is an error, not a look-alike.
    private static func match(family: String) throws -> String {
        guard FcInit() != 0 else { throw RenderError.fontNotFound(requested: family, reason: "fontconfig could not be initialised") }
        guard let pattern = family.withCString({ FcNameParse(UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }) else {
            throw RenderError.fontNotFound(requested: family, reason: "not a valid fontconfig name")
        }
        defer { FcPatternDestroy(pattern) }
        _ = FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let matched = FcFontMatch(nil, pattern, &result) else {
            throw RenderError.fontNotFound(requested: family, reason: "fontconfig has no fonts at all")
        }
        defer { FcPatternDestroy(matched) }
        var families: [String] = []
        var index: Int32 = 0
        var value: UnsafeMutablePointer<FcChar8>?
        while FcPatternGetString(matched, "family", index, &value) == FcResultMatch, let value {
            families.append(String(cString: UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self)))
            index += 1
        }
        let wanted = family.split(separator: ":").first.map(String.init) ?? family
        guard families.contains(where: { $0.caseInsensitiveCompare(wanted) == .orderedSame }) else {
            let substitute = families.first ?? "nothing"
            throw RenderError.fontNotFound(requested: family, reason: "fontconfig would substitute '\(substitute)'")
        }
        guard FcPatternGetString(matched, "file", 0, &value) == FcResultMatch, let value else {
            throw RenderError.fontNotFound(requested: family, reason: "fontconfig match has no file")
        }
        return String(cString: UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
    }
}
