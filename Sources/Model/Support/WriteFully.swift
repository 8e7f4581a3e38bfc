import AtomicOutput

/// Writes all of `raw` to the file descriptor `fd`, continuing after short writes and
/// interrupted calls. Returns 0, or the `errno` of the write that failed. Cost: the bytes'
/// copy into the kernel. (`OutputFile.writeAll`, under the name the Model code uses.)
func writeFully(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Int32 {
    OutputFile.writeAll(fd, raw)
}
