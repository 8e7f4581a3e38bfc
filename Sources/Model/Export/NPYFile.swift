import Core
import Foundation

/// Why an `.npy` file could not be read.
public struct NPYError: Error, CustomStringConvertible, Equatable {
    /// The file.
    public var path: String
    /// What was wrong and what to do.
    public var problem: String
    public var description: String { "\(path): \(problem)" }
}

/// NumPy's `.npy` format (version 1.0) for little-endian float32 arrays of one or two
/// dimensions: what `numpy.save` writes and `numpy.load` reads.
///
/// Layout: `\x93NUMPY`, version 1.0, a 16-bit header length, a Python dict literal
/// (`descr`, `fortran_order`, `shape`) padded with spaces to a multiple of 64 bytes and ending in
/// a newline, then the raw C-order data. Cost: one pass over the data.
public enum NPYFile {
    /// Writes `values` with `shape` (one or two dimensions) to `path` atomically.
    public static func write(_ values: [Float], shape: [Int], to path: String) throws {
        precondition(shape.reduce(1, *) == values.count, "shape does not match the number of values")
        let dims = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(dims), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        try OutputFile.write(data, to: path)
    }

    /// Writes a matrix as a two-dimensional array.
    public static func write(_ matrix: Matrix, to path: String) throws {
        try write(matrix.values, shape: [matrix.rows, matrix.columns], to: path)
    }

    /// Reads a float32 (`<f4`) or float64 (`<f8`) C-order array of one or two dimensions as a
    /// matrix (a vector becomes one column).
    public static func read(path: String) throws -> Matrix {
        switch RegularFile.open(path) {  // a FIFO would block the read
        case let .success(opened): close(opened.fd)
        case let .failure(.notRegular(kind)): throw NPYError(path: path, problem: "this is \(kind), not a file")
        case .failure: break
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NPYError(path: path, problem: "cannot read the file")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw NPYError(path: path, problem: "not a NumPy .npy file")
        }
        let major = bytes[6]
        let headerStart = major == 1 ? 10 : 12
        guard bytes.count >= headerStart else { throw NPYError(path: path, problem: "truncated header") }
        let headerLength = major == 1
            ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        guard bytes.count >= headerStart + headerLength else { throw NPYError(path: path, problem: "truncated header") }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard !header.contains("'fortran_order': True") else {
            throw NPYError(path: path, problem: "Fortran-order arrays are not supported; save with numpy.ascontiguousarray")
        }
        let width: Int
        if header.contains("'<f4'") { width = 4 } else if header.contains("'<f8'") { width = 8 } else {
            throw NPYError(path: path, problem: "only little-endian float32 or float64 arrays are supported (header: \(header.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw NPYError(path: path, problem: "no shape in the header")
        }
        let dims = header[open.upperBound..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard dims.count == 1 || dims.count == 2 else {
            throw NPYError(path: path, problem: "expected a one- or two-dimensional array, found shape \(dims)")
        }
        let rows = dims[0], columns = dims.count == 2 ? dims[1] : 1
        let start = headerStart + headerLength
        // Checked products: a crafted shape must not overflow (or be negative).
        let (cells, overflow) = rows.multipliedReportingOverflow(by: columns)
        let (needed, overflow2) = cells.multipliedReportingOverflow(by: width)
        guard rows >= 0, columns >= 0, !overflow, !overflow2 else {
            throw NPYError(path: path, problem: "shape \(dims) is not the size of an array")
        }
        guard bytes.count - start == needed else {
            throw NPYError(path: path, problem: "holds \(bytes.count - start) data bytes, its shape needs \(needed); the file is truncated")
        }
        let values: [Float] = bytes[start...].withUnsafeBytes { raw in
            (0..<(rows * columns)).map { i in
                width == 4 ? raw.loadUnaligned(fromByteOffset: i * 4, as: Float.self)
                           : Float(raw.loadUnaligned(fromByteOffset: i * 8, as: Double.self))
            }
        }
        return Matrix(rows: rows, columns: columns, values: values)
    }
}
