import Foundation
import Testing

@Suite struct ShowCommandTests {
    @Test(arguments: ["heading-batches.md", "status-table.md", "workstreams-phases.md", "german-fields.md", "rendered-page.txt", "front-matter-todos.md"])
    func showsEveryExamplePlan(example: String) throws {
        let result = try BatonProcess.run(["show", "Examples/\(example)"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ID"))
        #expect(!result.stdout.contains("no batches found"))
    }

    /// Columns line up under their headers, and a row whose last columns are empty ends without blanks.
    @Test func tableColumnsAlignWithoutTrailingBlanks() throws {
        let result = try BatonProcess.run(["show", "Examples/heading-batches.md"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("ID  ") })
        let titleColumn = try #require(header.range(of: "TITLE")).lowerBound.utf16Offset(in: header)
        let rows = lines.filter { $0.hasPrefix("B") }
        #expect(rows.count == 7)
        for line in [header] + rows {
            #expect(line.last != " ", "trailing blank in \(line)")
            #expect(line.prefix(titleColumn).hasSuffix("  ") && line.dropFirst(titleColumn).first != " ", "\(line)")
        }
        #expect(rows.first { $0.hasPrefix("B1 ") }?.hasSuffix("claimed") == true, "B1 depends on nothing: its line ends with its status")
        #expect(rows.first { $0.hasPrefix("B6 ") }?.hasSuffix("  B4, B5") == true)
    }

    @Test func jsonFollowsTheContract() throws {
        let result = try BatonProcess.run(["show", "--format", "json", "Examples/heading-batches.md"])
        #expect(result.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let plan = try #require((root["plans"] as? [[String: Any]])?.first)
        #expect(plan["path"] as? String == "Examples/heading-batches.md")
        let batch = try #require((plan["batches"] as? [[String: Any]])?.first)
        for key in ["key", "id", "title", "group", "parent", "status", "dependsOn", "mayRunWith", "mergeAfter",
                    "externalDependencies", "owns", "gates", "acceptance", "phases", "progress", "source"] {
            #expect(batch.keys.contains(key), "missing \(key)")
        }
        let status = try #require(batch["status"] as? [String: Any])
        #expect(Set(status.keys).isSuperset(of: ["category", "raw", "date"]))
        #expect(plan["diagnostics"] is [Any])
    }

    @Test func findsThePlanByItsUsualName() throws {
        let directory = try BatonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "## Batch B1: Only\n- Status: done\n".write(to: directory.appendingPathComponent("BATCH_PLAN.md"), atomically: true, encoding: .utf8)
        let result = try BatonProcess.run(["show"], in: directory)
        #expect(result.status == 0)
        #expect(result.stderr.contains("reading BATCH_PLAN.md"))
        #expect(result.stdout.contains("B1"))
    }

    @Test func badInputGetsOneLineErrors() throws {
        let directory = try BatonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.md")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        let binary = directory.appendingPathComponent("image.md")
        _ = FileManager.default.createFile(atPath: binary.path, contents: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 1]))
        let huge = directory.appendingPathComponent("huge.md")
        _ = FileManager.default.createFile(atPath: huge.path, contents: Data())
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 65 * 1024 * 1024)
        try handle.close()
        let cases: [(String, String)] = [
            (directory.appendingPathComponent("missing.md").path, "no such file"),
            (directory.path, "is a directory"),
            (empty.path, "is empty"),
            (binary.path, "looks binary"),
            (huge.path, "over 64 MiB"),
        ]
        for (path, reason) in cases {
            let result = try BatonProcess.run(["show", path])
            #expect(result.status == 1, "\(path)")
            #expect(result.stderr.hasPrefix("baton: error: \(path): "), "\(result.stderr)")
            #expect(result.stderr.contains(reason))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func planWithoutBatchesIsEmptyWithANote() throws {
        let directory = try BatonProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("notes.md")
        try "# Notes\n\nJust prose.\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try BatonProcess.run(["show", file.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("no batches found"))
    }

    @Test func inspectShowsRecognizersAndChecksRoundTrip() throws {
        let tree = try BatonProcess.run(["inspect", "Examples/status-table.md"])
        #expect(tree.status == 0)
        #expect(tree.stdout.contains("<- batch table"))
        let check = try BatonProcess.run(["inspect", "--check-roundtrip", "Examples/rendered-page.txt"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("round-trip ok"))
    }

    /// The seeds scored as CI scores them, when ../shared is present.
    @Test(arguments: ["000_02da88ff868ab307", "001_23c79a068dad7946", "002_518f479acb992b8b"])
    func seedsScoreAboveTheBar(seed: String) throws {
        let scorer = BatonProcess.shared.appendingPathComponent("tools/score-extraction")
        guard FileManager.default.fileExists(atPath: scorer.path) else {
            print("skipped: ../shared/tools/score-extraction is not beside the repository")
            return
        }
        let show = try BatonProcess.run(["show", "--format", "json", BatonProcess.shared.appendingPathComponent("seeds/\(seed).txt").path])
        #expect(show.status == 0)
        let output = try BatonProcess.temporaryDirectory().appendingPathComponent("out.json")
        try show.stdout.write(to: output, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scorer.path, BatonProcess.shared.appendingPathComponent("seeds/expected/\(seed).json").path,
                             output.path, "--min-items", "0.95", "--min-status", "0.95", "--min-edges", "0.90", "--quiet"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
