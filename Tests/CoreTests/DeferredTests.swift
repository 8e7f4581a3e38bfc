import Core
import Dispatch
import Testing

@Suite struct DeferredTests {
    struct Refused: Error, Equatable { let line: Int }

    @Test func computesOnAnotherThreadWhileTheCallerWorks() {
        // The computation cannot finish until the caller signals, so it must run elsewhere.
        let go = DispatchSemaphore(value: 0)
        let sum = Deferred { () -> Int in
            go.wait()
            return (1...100).reduce(0, +)
        }
        go.signal()
        #expect(sum.value == 5050)
        #expect(sum.value == 5050)  // asking again returns the same value
    }

    @Test func waitRethrowsTheComputationsError() throws {
        let failing = Deferred { () throws(Refused) -> [Int] in throw Refused(line: 7) }
        #expect(throws: Refused(line: 7)) { try failing.wait() }
        let fine = Deferred { () throws(Refused) -> [Int] in [1, 2] }
        #expect(try fine.wait() == [1, 2])
    }
}
