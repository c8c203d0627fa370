import Foundation
import PlanSyntax
import Testing

@Suite struct RoundTripTests {
    /// A small deterministic generator, so a failing case can be reproduced from its seed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Bytes that mean something to the parser, mixed with arbitrary bytes (invalid UTF-8 included).
    static let alphabet: [[UInt8]] = [
        "\n", "\r\n", "\r", " ", "  ", "\t", "#", "## ", "- ", "* ", "+ ", "1. ", "2) ", "[ ] ", "[x] ", "|", "| a | b |\n",
        "|---|---|\n", "```", "~~~", "> ", "---", "===", "Batch B1: ", "Status: done", "•", "✅", "☐", "âœ…", "ğŸŸ¢", "â³",
        "Â·", "x", "word ", ":", "**", "`",
    ].map { Array($0.utf8) }

    @Test(arguments: 0..<400)
    func randomInputPrintsBack(seed: Int) {
        var generator = SplitMix64(state: UInt64(seed))
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...120, using: &generator) {
            if Bool.random(using: &generator) {
                bytes += Self.alphabet.randomElement(using: &generator)!
            } else {
                bytes.append(UInt8.random(in: 0...255, using: &generator))
            }
        }
        let document = PlanDocument(bytes: bytes)
        #expect(document.printed() == bytes, "seed \(seed)")
        // Every node lies inside its parent and children are ordered.
        for block in document.blocks { checkNesting(block) }
    }

    private func checkNesting(_ block: Block) {
        var cursor = block.range.lowerBound
        for child in block.children {
            #expect(child.range.lowerBound >= cursor && child.range.upperBound <= block.range.upperBound)
            cursor = child.range.upperBound
            checkNesting(child)
        }
    }

    @Test func sharedPlansPrintBack() throws {
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared").standardized
        let folders = ["seeds", "corpus"].map { shared.appendingPathComponent($0) }
        let files = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".md") || $0.hasSuffix(".txt") }
                .map { folder.appendingPathComponent($0) }
        }
        guard !files.isEmpty else {
            print("skipped: ../shared/seeds and ../shared/corpus are not beside the repository")
            return
        }
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(PlanDocument(bytes: bytes).printed() == bytes, "\(file.lastPathComponent)")
        }
    }
}
