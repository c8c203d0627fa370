import Foundation
import Testing
@testable import baton

@Suite struct MarkCommandTests {
    private func plan(_ text: String, name: String = "BATCH_PLAN.md") throws -> (URL, URL) {
        let directory = try BatonProcess.temporaryDirectory()
        let file = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return (directory, file)
    }

    private let headings = """
    # Plan

    ## Batch B1: Parser
    - Status: done
    - Gate: `swift test`

    ## Batch B2: Checker
    - Status: in progress
    - Depends on: B1
    """

    @Test func marksAndMarksBack() throws {
        let (directory, file) = try plan(headings)
        let original = try Data(contentsOf: file)
        let result = try BatonProcess.run(["mark", "B2", "verified"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let marked = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(marked.contains("## Batch B2: Checker\n- Status: done\n"))
        let back = try BatonProcess.run(["mark", file.path, "B2", "active"], in: directory)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try Data(contentsOf: file) == original)
    }

    @Test func unknownIdAndStatusAreUsageErrors() throws {
        let (directory, file) = try plan(headings)
        let id = try BatonProcess.run(["mark", file.path, "B9", "done"], in: directory)
        #expect(id.status == 64)
        #expect(id.stderr.contains("B1, B2"))
        let status = try BatonProcess.run(["mark", file.path, "B1", "splendid"], in: directory)
        #expect(status.status == 64)
        #expect(status.stderr.contains("abgeschlossen") && status.stderr.split(separator: "\n").count == 1)
    }

    @Test func readOnlyFileIsLeftAlone() throws {
        // Root may write any file, as the system allows; only another user meets a read-only plan.
        guard geteuid() != 0 else {
            print("skipped: running as root, for whom no plan file is read-only")
            return
        }
        let (directory, file) = try plan(headings)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path) }
        let original = try Data(contentsOf: file)
        let result = try BatonProcess.run(["mark", file.path, "B2", "done"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("read-only"))
        #expect(try Data(contentsOf: file) == original)
    }

    @Test func keepsPermissionsBOMAndLineEndings() throws {
        let text = "\u{FEFF}## Batch B1: Parser\r\n- Status: todo\r\n"
        let (directory, file) = try plan(text)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let result = try BatonProcess.run(["mark", file.path, "B1", "done"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Data(contentsOf: file) == Data("\u{FEFF}## Batch B1: Parser\r\n- Status: done\r\n".utf8))
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o640)
    }

    @Test func refusesAFileChangedSinceItWasRead() throws {
        let (_, file) = try plan(headings)
        let read = [UInt8](try Data(contentsOf: file))
        try Data((headings + "\n").utf8).write(to: file)
        #expect(throws: CLIError.self) { try PlanWriter.write(Array("edited".utf8), to: file.path, readBytes: read) }
        #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self) == headings + "\n")
        try PlanWriter.write(Array("edited".utf8), to: file.path, readBytes: read + Array("\n".utf8))
        #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self) == "edited")
    }

    @Test func insertOnlyWhenAsked() throws {
        let text = """
        ## Batch B1: Parser
        - Status: done
        - Gate: `make`

        ## Batch B2: Checker
        - Gate: `make check`
        """
        let (directory, file) = try plan(text)
        let without = try BatonProcess.run(["mark", file.path, "B2", "done"], in: directory)
        #expect(without.status == 1)
        #expect(without.stderr.contains("--insert") && without.stderr.contains("- Status: done"))
        #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self) == text)
        let with = try BatonProcess.run(["mark", file.path, "B2", "done", "--insert", "--date", "2026-11-21"], in: directory)
        #expect(with.status == 0, "\(with.stderr)")
        #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self).hasSuffix("- Gate: `make check`\n- Status: done on 2026-11-21"))
    }

    @Test func seed001ThroughTheCommand() throws {
        let seeds = BatonProcess.shared.appendingPathComponent("seeds")
        guard let name = try? FileManager.default.contentsOfDirectory(atPath: seeds.path).first(where: { $0.hasPrefix("001") }) else {
            print("skipping: seed 001 not found under \(seeds.path)")
            return
        }
        let original = try Data(contentsOf: seeds.appendingPathComponent(name))
        let directory = try BatonProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("BATCH_PLAN.md")
        try original.write(to: file)
        let result = try BatonProcess.run(["mark", "O7", "done"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let marked = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(marked.contains("| âœ… Complete  |"))
        let lint = try BatonProcess.run(["lint", file.path], in: directory)
        #expect(!lint.stdout.contains("O8 (") || !(lint.stdout + lint.stderr).contains("[done-before-dependency] O8"))
        let back = try BatonProcess.run(["mark", "O7", "todo"], in: directory)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try Data(contentsOf: file) == original)
    }
}
