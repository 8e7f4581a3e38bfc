#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes all of `raw` to the file descriptor `fd`, continuing after short writes and
/// interrupted calls. Returns 0, or the `errno` of the write that failed. Cost: the bytes'
/// copy into the kernel.
func writeFully(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32 {
    var done = 0
    while done < raw.count {
        let n = write(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        done += n
    }
    return 0
}
