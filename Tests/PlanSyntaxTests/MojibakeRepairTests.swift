import PlanSyntax
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
}
