import Foundation
import Testing

@Suite struct LintCommandTests {
    private func write(_ text: String) throws -> (URL, URL) {
        let directory = try BatonProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("plan.md")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (directory, file)
    }

    @Test func errorsExitOneWarningsOnlyWithStrict() throws {
        let (directory, file) = try write("## Batch B1: A\n- Gate: `true`\n- Depends on: B9\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BatonProcess.run(["lint", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("plan.md:3:"))
        #expect(result.stdout.contains("error: [dangling-dependency]"))

        let (cleanDirectory, clean) = try write("## Batch B1: A\n- Gate: `true`\n\n## Batch B2: B\n- Gate: `true`\n- Depends on: B1\n")
        defer { try? FileManager.default.removeItem(at: cleanDirectory) }
        #expect(try BatonProcess.run(["lint", clean.path]).status == 0)

        let (warnDirectory, warn) = try write("## Batch B1: A\n- Gate: `true`\n\n## Batch B01: B\n- Gate: `true`\n")
        defer { try? FileManager.default.removeItem(at: warnDirectory) }
        #expect(try BatonProcess.run(["lint", warn.path]).status == 0)
        #expect(try BatonProcess.run(["lint", "--strict", warn.path]).status == 1)
        #expect(try BatonProcess.run(["lint", "--format", "nope", warn.path]).status == 64)
    }

    @Test func sarifIsOneDocumentWithRulesAndLocations() throws {
        let (directory, file) = try write("## Batch B1: A\n- Gate: `true`\n- Depends on: B9\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BatonProcess.run(["lint", "--format", "sarif", file.path])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.contains { $0["ruleId"] as? String == "dangling-dependency" })
    }

    @Test func fixRepairsEncodingAndNothingElse() throws {
        let original = "# Plan\n\n| Batch | Deliverables | Status |\n|---|---|---|\n| B1 | Build · ship | âœ… Complete |\n| B2 | Text with ✅ right | â³ Queued |\n\n*Statuses*: âœ… = Complete, â³ = Queued\n"
        let (directory, file) = try write(original)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BatonProcess.run(["lint", "--fix", file.path])
        #expect(result.stderr.contains("applied 4 fixes"))
        let fixed = try String(contentsOf: file, encoding: .utf8)
        #expect(fixed == original.replacingOccurrences(of: "âœ…", with: "✅").replacingOccurrences(of: "â³", with: "⏳"))
        let again = try BatonProcess.run(["lint", "--fix", file.path])
        #expect(!again.stderr.contains("applied"))
    }
}
