/// Text and byte collections (a Foundation `Data`, for one) written whole or not at all, by
/// `OutputFile.write(to:_:)`: the library's one atomic writer. Errors are `OutputError`s, each
/// naming the path.
extension OutputFile {
    /// Writes `text` as UTF-8 to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically (without a copy when they are contiguous).
    public static func write<Bytes: Collection>(_ bytes: Bytes, to path: String) throws where Bytes.Element == UInt8 {
        let written: Void? = try bytes.withContiguousStorageIfAvailable { buffer in
            try write(to: path) { fd in
                let code = OutputFile.writeAll(fd, UnsafeRawBufferPointer(buffer))
                if code != 0 { throw OutputError.system(path: path, operation: "write", errno: code) }
            }
        }
        if written == nil { try write(Array(bytes), to: path) }
    }
}
