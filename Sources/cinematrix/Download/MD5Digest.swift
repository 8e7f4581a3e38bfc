import CCrypto
import Foundation

/// MD5 through the system's OpenSSL libcrypto (EVP interface): the checksum GroupLens publishes
/// beside each MovieLens zip. Not for security; only to detect damaged downloads.
/// Cost: one pass over the input (hundreds of MB/s).
struct MD5Digest {
    private let context: OpaquePointer

    init() {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, EVP_md5(), nil)
    }

    /// Feeds `bytes`.
    func update(_ bytes: UnsafeRawBufferPointer) {
        EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    /// The digest as 32 lower-case hex digits; the digest object must not be used afterwards.
    func finish() -> String {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &out, &length)
        EVP_MD_CTX_free(context)
        return out.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    /// The MD5 of `data`.
    static func hex(of data: Data) -> String {
        let d = MD5Digest()
        data.withUnsafeBytes { d.update($0) }
        return d.finish()
    }
}
