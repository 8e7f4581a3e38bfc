#if canImport(Glibc)
import Glibc
#endif

// One binary, one libFuzzer entry point; the target is chosen by CMX_FUZZ_TARGET (see
// FuzzTarget). SwiftPM links this file's top-level code as `main`, so libFuzzer is started
// through LLVMFuzzerRunDriver with the command line it would have parsed.

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTarget.selected.run(bytes)
    return 0
}

guard let name = getenv("CMX_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    fputs("cinematrix-fuzz: set CMX_FUZZ_TARGET to one of: \(names)\n", stderr)
    exit(2)
}
FuzzTarget.selected = target
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, testOneInput))
