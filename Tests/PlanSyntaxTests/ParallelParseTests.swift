import Foundation
@testable import PlanSyntax
import Testing

/// A long document is parsed in parts on two threads; the tree must be the one a single thread builds, also
/// when a block runs across the line where a later part starts.
@Suite struct ParallelParseTests {
    /// About 12,000 lines: headings, field lists, tasks, a table, paragraphs; `middle` is put halfway.
    private func document(middle: String) -> SourceText {
        var text = "# Plan\n\nIntro paragraph.\n\n"
        for number in 1...1000 {
            if number == 500 { text += middle }
            text += "## Batch B\(number): Part \(number)\n- Status: done\n- Depends on: B\(max(1, number - 1))\n"
            text += "  - [x] task one\n  - [ ] task two\n\n| a | b |\n|---|---|\n| 1 | 2 |\nSome text\nthat wraps.\n\n"
        }
        return SourceText(text)
    }

    private func assertSameTree(_ source: SourceText) {
        let single = BlockParser(text: source, parallelLines: .max).parse()
        let split = BlockParser(text: source, parallelLines: 1000).parse()
        #expect(source.lines.count > 1000)
        let same = single == split
        #expect(same)
        #expect(PlanDocument(bytes: source.bytes).printed() == source.bytes)
    }

    @Test func headingsSplitCleanly() {
        assertSameTree(document(middle: ""))
    }

    @Test func codeFenceAcrossTheMiddle() {
        // Every heading after the middle is inside the fence, so the guesses of the later parts are wrong.
        let source = document(middle: "```text\n")
        let single = BlockParser(text: source, parallelLines: .max).parse()
        #expect(single.contains { if case .codeFence = $0.kind { $0.lines.count > 5000 } else { false } })
        assertSameTree(source)
    }

    @Test func listAcrossTheMiddle() {
        assertSameTree(document(middle: "- item\n\n    # indented heading text\n\n"))
    }
}

extension ParallelParseTests {
    /// Random documents split at every size: the split tree always equals the single-thread tree.
    @Test(arguments: 0..<300)
    func randomInputSplitsExactly(seed: Int) {
        var generator = RoundTripTests.SplitMix64(state: UInt64(seed) &+ 10_000)
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 50...600, using: &generator) {
            if Int.random(in: 0..<4, using: &generator) == 0 {
                bytes += Array("\n## Batch B1\n".utf8)
            } else if Bool.random(using: &generator) {
                bytes += RoundTripTests.alphabet.randomElement(using: &generator)!
            } else {
                bytes.append(UInt8.random(in: 0...255, using: &generator))
            }
        }
        let source = SourceText(bytes: bytes)
        let single = BlockParser(text: source, parallelLines: .max).parse()
        let split = BlockParser(text: source, parallelLines: 2).parse()
        let same = single == split
        #expect(same, "seed \(seed)")
    }

    /// Values made ahead on another core or by the caller come back as made, asked for in any order, after
    /// `finish` too; each is made once, by one of the two.
    @Test(arguments: [0, 1, 31, 32, 33, 1000])
    func readAheadGivesEveryValue(count: Int) {
        let makings = Counter()
        let make = { (index: Int) -> String in
            makings.add(1)
            return String(index * 7)
        }
        let ahead = ReadAhead(count: count, make: make)
        var generator = RoundTripTests.SplitMix64(state: UInt64(count))
        for _ in 0..<min(count, 50) {
            let index = Int(generator.next() % UInt64(count))
            #expect(ahead.value(at: index, orMake: make) == String(index * 7))
        }
        ahead.finish()
        #expect((0..<count).allSatisfy { ahead.value(at: $0, orMake: make) == String($0 * 7) })
        #expect(makings.total == count)
    }

    /// A maker that is held up in a value leaves the caller making the later values itself, not waiting.
    @Test(.timeLimit(.minutes(1))) func readAheadWithAStalledMakerIsMadeByTheCaller() {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let ahead = ReadAhead(count: 100) { index -> Int in
            started.signal()
            release.wait()
            return index * 3
        }
        // The maker is held in its first value; every other value is the caller's to make.
        started.wait()
        let callerMade = Counter()
        let values = (1..<100).map { index in
            ahead.value(at: index) { other in
                callerMade.add(1)
                return other * 3
            }
        }
        #expect(values == (1..<100).map { $0 * 3 })
        #expect(callerMade.total == 99)
        release.signal()
        #expect(ahead.value(at: 0) { _ in -1 } == 0)
        ahead.finish()
    }

    /// The caller and the maker racing value by value: whichever is ahead, the caller gets every value, each
    /// made once, and a caller that waits for a value being made is woken (the time limit catches a lost
    /// wake-up, which would leave it waiting for ever).
    @Test(.timeLimit(.minutes(1))) func readAheadRacingItsCallerGivesEveryValueOnce() {
        for round in 0..<2_000 {
            let makings = Counter()
            let make = { (index: Int) -> Int in
                makings.add(1)
                // A little work, more for some values, so that each side is sometimes the slower.
                var spin = (index + round) % 7 == 0 ? 2_000 : 50
                while spin > 0 { spin -= 1 }
                return index * 5 + round
            }
            let ahead = ReadAhead(count: 8, make: make)
            let values = (0..<8).map { ahead.value(at: $0, orMake: make) }
            #expect(values == (0..<8).map { $0 * 5 + round })
            ahead.finish()
            #expect(makings.total == 8)
        }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var sum = 0
        var total: Int { lock.withLock { sum } }
        func add(_ value: Int) { lock.withLock { sum += value } }
    }
}

struct SideBySideMapTests {
    /// Chunks are cut at `index * count / chunks`: every count around the chunk size and well past it gives
    /// each element once, in order, initialized (strings are reference-counted, so a slot skipped or written
    /// twice would show).
    @Test(arguments: [2, 3, 15, 16, 17, 31, 33, 1000, 4097])
    func mapGivesEveryElementOnceInOrder(count: Int) {
        let mapped = SideBySide.map(count, minimum: 2) { index in "element \(index) " + String(repeating: "x", count: index % 40) }
        #expect(mapped == (0..<count).map { "element \($0) " + String(repeating: "x", count: $0 % 40) })
    }

    @Test func belowTheMinimumItMapsInPlace() {
        #expect(SideBySide.map(5, minimum: 10) { $0 * 2 } == [0, 2, 4, 6, 8])
        #expect(SideBySide.map(0, minimum: 0) { $0 }.isEmpty)
    }
}
