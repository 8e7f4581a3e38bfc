import Foundation
import Model

/// Minimal reader and writer of NumPy `.npy` files holding a 2-D float32/float64 array in C
/// order — the exchange format of the benchmark scripts.
enum NumpyFile {
    /// Why a `.npy` file could not be read.
    struct FormatError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason). Save a 2-D float32 or float64 C-order array with numpy.save." }
    }

    /// Reads a 2-D float array as a `Matrix` (float64 is rounded to float32).
    static func read(path: String) throws -> Matrix {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(path: path, reason: "cannot read the file")
        }
        let bytes = [UInt8](data)
        guard bytes.count > 10, bytes[0] == 0x93, String(decoding: bytes[1..<6], as: UTF8.self) == "NUMPY" else {
            throw FormatError(path: path, reason: "not a .npy file")
        }
        let major = bytes[6]
        let headerLength = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let headerStart = major == 1 ? 10 : 12
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let payload = headerStart + headerLength
        guard !header.contains("'fortran_order': True") else { throw FormatError(path: path, reason: "Fortran order") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw FormatError(path: path, reason: "no shape in header")
        }
        let dims = header[open.upperBound..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard dims.count == 2 else { throw FormatError(path: path, reason: "expected a 2-D array, shape \(dims)") }
        let count = dims[0] * dims[1]
        var values = [Float](repeating: 0, count: count)
        if header.contains("'<f4'") {
            guard bytes.count >= payload + 4 * count else { throw FormatError(path: path, reason: "truncated data") }
            values.withUnsafeMutableBytes { $0.copyBytes(from: bytes[payload..<(payload + 4 * count)]) }
        } else if header.contains("'<f8'") {
            guard bytes.count >= payload + 8 * count else { throw FormatError(path: path, reason: "truncated data") }
            var doubles = [Double](repeating: 0, count: count)
            doubles.withUnsafeMutableBytes { $0.copyBytes(from: bytes[payload..<(payload + 8 * count)]) }
            values = doubles.map { Float($0) }
        } else {
            throw FormatError(path: path, reason: "unsupported dtype in header \(header)")
        }
        return Matrix(rows: dims[0], columns: dims[1], values: values)
    }

    /// Writes a float32 `.npy` file (version 1.0).
    static func write(_ m: Matrix, path: String) throws {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(m.rows), \(m.columns)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        out += [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        out += Array(header.utf8)
        m.values.withUnsafeBytes { out += $0 }
        try Data(out).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
