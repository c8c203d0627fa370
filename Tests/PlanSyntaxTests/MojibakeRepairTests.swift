@testable import PlanSyntax
import Testing

@Suite struct MojibakeRepairTests {
    @Test(arguments: [
        ("Â·", "·"), ("15â€‘minute", "15‑minute"), ("âœ… done", "✅ done"), ("ğŸŸ¢ Hydrated", "🟢 Hydrated"),
        ("ğŸš§", "🚧"), ("â³ Queued", "⏳ Queued"), ("â¸ï¸ = Deferred", "⏸️ = Deferred"), ("1â€“4", "1–4"),
        ("ğŸ—‘ï¸", "🗑️"),
    ])
    func repairsBrokenRuns(broken: String, intended: String) {
        #expect(MojibakeRepair.repair(broken) == intended)
    }

    @Test(arguments: ["Größe für Übergänge", "ação e validação", "✅ already fine", "naïve café – “quotes”", "£5 ± 2°", "plain ascii"])
    func leavesCorrectTextAlone(text: String) {
        #expect(MojibakeRepair.repair(text) == text)
        #expect(MojibakeRepair.runs(in: ArraySlice(text.utf8)).isEmpty)
    }

    @Test func repairsOnlyTheBrokenRunOnAMixedLine() throws {
        let line = "✅ ok, but âœ… broken and Größe"
        let runs = MojibakeRepair.runs(in: ArraySlice(line.utf8))
        let run = try #require(runs.first)
        #expect(runs.count == 1)
        #expect(String(decoding: Array(line.utf8)[run.range], as: UTF8.self) == "âœ…")
        #expect(MojibakeRepair.repair(line) == "✅ ok, but ✅ broken and Größe")
    }

    @Test func invalidUTF8DoesNotCrash() {
        let bytes: [UInt8] = [0xC3, 0x28, 0xE2, 0x9C, 0xFF, 0xF0, 0x9F, 0x9F, 0x61]
        let repaired = MojibakeRepair.repair(ArraySlice(bytes))
        #expect(repaired.contains("a"))
    }

    /// The 16-byte search must agree with testing each byte, wherever the lead byte falls in a chunk.
    @Test func runLeadsAreFoundAtEveryPosition() {
        var generator = RoundTripTests.SplitMix64(state: 7)
        for _ in 0..<400 {
            let count = Int(generator.next() % 80)
            // Mostly ASCII, with bytes near the lead range (0xC2, 0xC6) to catch an off-by-one in the width.
            let alphabet: [UInt8] = [0x61, 0x20, 0x7F, 0x80, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xFF]
            let bytes = (0..<count).map { _ in generator.next() % 4 == 0 ? alphabet[Int(generator.next() % 10)] : 0x61 }
            let start = count == 0 ? 0 : Int(generator.next() % UInt64(count))
            let expected = bytes[start...].firstIndex { $0 >= 0xC3 && $0 <= 0xC5 }
            #expect(bytes.withUnsafeBufferPointer { MojibakeRepair.firstRunLead(in: $0, from: start) } == expected)
        }
    }

    /// Passing over text whose accented letters are followed by ASCII finds the runs decoding every scalar finds:
    /// for broken, correct, mixed and invalid text, wherever the pieces meet.
    @Test func textPassedOverHoldsNoRunDecodingWouldFind() {
        let pieces = ["Â·", "â€‘", "âœ…", "ğŸŸ¢", "â³", "â¸ï¸", "Größe", "für", "ä", "Ä", "ß", "ı", "Ş", "ğ", "é", "£", "€", "©",
                      "✅", "🟢", "–", "a", " ", "1", "\u{00A0}"]
        var generator = RoundTripTests.SplitMix64(state: 23)
        var withRuns = 0
        for _ in 0..<6_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 7) { bytes += pieces[Int(generator.next() % UInt64(pieces.count))].utf8 }
            // Now and then a byte cut off or a stray one, as in invalid text.
            if generator.next() % 8 == 0, !bytes.isEmpty { bytes.removeLast() }
            if generator.next() % 8 == 0 { bytes.append([0xC3, 0xC4, 0xC5, 0x80, 0xFF][Int(generator.next() % 5)]) }
            let expected = MojibakeRepair.decodedRuns(in: bytes[...])
            #expect(MojibakeRepair.runs(in: bytes[...]) == expected, "\(bytes)")
            if !expected.isEmpty { withRuns += 1 }
        }
        #expect(withRuns > 1_000)
    }
}
