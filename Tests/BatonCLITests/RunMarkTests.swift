import Foundation
import Testing

/// `baton run --mark`: passing batches become `done` with one evidence line, in the document's own style.
@Suite(.serialized) struct RunMarkTests {
    private func plan(_ text: String) throws -> (URL, URL) {
        let directory = try BatonProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("PLAN.md")
        try Data(text.utf8).write(to: file)
        return (directory, file)
    }

    private func read(_ file: URL) throws -> String {
        String(decoding: try Data(contentsOf: file), as: UTF8.self)
    }

    /// Today in UTC, as the evidence line writes it.
    private var today: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    private func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Baton Test", "-c", "user.email=test@example.com"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    private let headings = """
    # Plan

    ## Batch B1: Build
    - Status: todo
    - Gate: `true`

    Notes about the build.

    ## Batch B2: Test
    - Status: todo
    - Gate: `false`

    """

    @Test func marksOnlyThePassingBatchThenReplacesItsEvidence() throws {
        let (directory, file) = try plan(headings)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try BatonProcess.run(["run", "--all", "--mark"], in: directory)
        // B2 failed: the exit code says so, whatever was marked.
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stderr.contains("marked done with evidence: B1"))
        let marked = try read(file)
        let b1 = """
        ## Batch B1: Build
        - Status: done
        - Gate: `true`
        - Evidence: \(today), no git, gates 1/1 passed (ledger #
        """
        #expect(marked.contains(b1), "\(marked)")
        #expect(marked.components(separatedBy: "Evidence:").count == 2)
        // Everything from B1's prose on is untouched, B2 byte for byte.
        let tail = headings[headings.range(of: "\nNotes about the build.")!.lowerBound...]
        #expect(marked.hasSuffix(tail))

        // Again, now inside a git repository: the one evidence line is rewritten with the commit.
        try git(["init", "-q", "."], in: directory)
        try git(["add", "PLAN.md"], in: directory)
        try git(["commit", "-q", "-m", "plan"], in: directory)
        let second = try BatonProcess.run(["run", "--all", "--mark"], in: directory)
        #expect(second.status == 1, "\(second.stderr)")
        let again = try read(file)
        #expect(again.components(separatedBy: "Evidence:").count == 2, "\(again)")
        let evidence = try #require(again.split(separator: "\n").first { $0.hasPrefix("- Evidence: ") })
        let fields = evidence.dropFirst("- Evidence: ".count).components(separatedBy: ", ")
        #expect(fields.count == 3)
        #expect(fields.first == today)
        #expect(fields.count > 1 && fields[1].count == 7 && fields[1].allSatisfy(\.isHexDigit), "\(evidence)")
        #expect(evidence.hasSuffix(")") && !evidence.contains("(ledger #1)"))
        // Only the evidence line changed.
        let before = marked.split(separator: "\n", omittingEmptySubsequences: false)
        let after = again.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        #expect(zip(before, after).filter { $0 != $1 }.count == 1)
    }

    @Test func withoutMarkThePlanIsNotTouched() throws {
        let (directory, file) = try plan(headings)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BatonProcess.run(["run", "--all"], in: directory)
        #expect(result.status == 1)
        #expect(try read(file) == headings)
    }

    @Test func germanFieldsGetGermanWordsDateAndLabel() throws {
        let text = """
        ## Welle 1

        - B1 Grundlage
          - Ziel: Basis schaffen
          - Status: abgeschlossen am April 10, 2026
          - Prüfung: `true`
        - B2 Ausbau
          - Ziel: Ausbauen
          - Abhängigkeit: B1
          - Status: offen
          - Prüfung: `true`
        - B3 Rest
          - Ziel: Ohne Status
          - Prüfung: `true`

        """
        let (directory, file) = try plan(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BatonProcess.run(["run", "--all", "--mark"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let marked = try read(file)
        let lines = marked.split(separator: "\n").map(String.init)
        // The document's date style (`April 10, 2026`, month names in whichever language it was read as), on the run's day.
        let year = today.prefix(4)
        let dated: (String) -> Bool = { $0.hasPrefix("  - Status: abgeschlossen am ") && $0.hasSuffix(", \(year)") && !$0.contains("April 10") }
        let evidence = "  - Nachweis: \(today), no git, gates 1/1 passed (ledger #"
        let b2 = try #require(lines.firstIndex(of: "  - Abhängigkeit: B1"))
        #expect(dated(lines[b2 + 1]), "\(marked)")
        #expect(lines[b2 + 2] == "  - Prüfung: `true`")
        #expect(lines[b2 + 3].hasPrefix(evidence))
        // A batch already done keeps its own date; it gets the evidence line only.
        let b1 = try #require(lines.firstIndex(of: "  - Status: abgeschlossen am April 10, 2026"))
        #expect(lines[b1 + 1] == "  - Prüfung: `true`")
        #expect(lines[b1 + 2].hasPrefix(evidence))
        // No status at all: a Status: line in the neighbours' style, then the evidence line.
        let b3 = try #require(lines.firstIndex(of: "  - Ziel: Ohne Status"))
        #expect(lines[b3 + 1] == "  - Prüfung: `true`")
        #expect(dated(lines[b3 + 2]))
        #expect(lines[b3 + 3].hasPrefix(evidence))
        #expect(marked.components(separatedBy: "Nachweis:").count == 4)
        #expect(!marked.contains("Evidence"))
    }

    @Test func statusTableGetsItsCellAndDetailsListTheEvidence() throws {
        let text = """
        ### Batches
        | Batch | Deliverables | Status |
        |-------|--------------|--------|
        | T1    | Build        | ⏳ Queued |
        | T2    | Ship         | ⏳ Queued |

        #### Batch Details
        - **T1**
          - Build step
          - Build: `true`
        - **T2**
          - Ship step
          - Build: `exit 3`

        *Statuses*: ✅ = Complete, ⏳ = Queued

        """
        let (directory, file) = try plan(text)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BatonProcess.run(["run", "--all", "--mark"], in: directory)
        #expect(result.status == 1, "\(result.stderr)")
        let marked = try read(file)
        #expect(marked.contains("| T1    | Build        | ✅ Complete |\n| T2    | Ship         | ⏳ Queued |\n"), "\(marked)")
        #expect(marked.contains("""
          - Build: `true`
          - Evidence: \(today), no git, gates 1/1 passed (ledger #
        """))
        #expect(marked.contains("- **T2**\n  - Ship step\n  - Build: `exit 3`\n\n*Statuses*"))
        #expect(marked.components(separatedBy: "Evidence:").count == 2)
    }

    @Test func resumeMarksWhatPassedAcrossTheWholeRun() throws {
        let (directory, file) = try plan("""
        ## Batch B1: Build
        - Gate: `true`
        - Gate: `test -f ready`

        """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try BatonProcess.run(["run", "--all", "--mark"], in: directory)
        #expect(first.status == 1)
        #expect(!(try read(file)).contains("Evidence"))
        #expect(first.stderr.contains("nothing marked"))
        try Data().write(to: directory.appendingPathComponent("ready"))
        // Resume runs only the failed gate; the first gate's pass from before still counts.
        let resumed = try BatonProcess.run(["run", "--resume", "--mark"], in: directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let marked = try read(file)
        #expect(marked.hasPrefix("## Batch B1: Build\n- Gate: `true`\n- Gate: `test -f ready`\n- Status: done\n- Evidence: \(today), no git, gates 2/2 passed (ledger #"), "\(marked)")
    }

    @Test func aManualGateCountsOnlyOnceApproved() throws {
        let (directory, file) = try plan("""
        ## Batch B1: Docs
        - Status: in progress
        - Gate: `true`
        - Gate: reviewed by the docs team

        """)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The run itself never passes a manual gate (exit 1); --mark counts the approval from the ledger.
        let unapproved = try BatonProcess.run(["run", "B1", "--mark"], in: directory)
        #expect(unapproved.status == 1, "\(unapproved.stderr)")
        #expect(!(try read(file)).contains("Evidence"))
        let approve = try BatonProcess.run(["approve", "B1", "--gate", "2", "--by", "Ann"], in: directory)
        #expect(approve.status == 0, "\(approve.stderr)")
        let approved = try BatonProcess.run(["run", "B1", "--mark"], in: directory)
        #expect(approved.status == 1, "\(approved.stderr)")
        let marked = try read(file)
        #expect(marked.hasPrefix("## Batch B1: Docs\n- Status: done\n- Gate: `true`\n- Gate: reviewed by the docs team\n- Evidence: \(today), no git, gates 2/2 passed (ledger #"), "\(marked)")
    }

    @Test func aPlanThatCannotBeWrittenKeepsTheExitCode() throws {
        let (directory, file) = try plan(headings)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The gate takes the plan away while the run goes on (root may write any file, so this is the
        // portable way to make the write-back fail).
        let text = headings.replacingOccurrences(of: "- Gate: `true`", with: "- Gate: `mv PLAN.md PLAN.moved && mkdir PLAN.md`")
        try Data(text.utf8).write(to: file)
        let result = try BatonProcess.run(["run", "B1", "--mark"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("baton: error:") }
        #expect(errors.count == 1 && errors[0].contains("PLAN.md"), "\(result.stderr)")
    }

    @Test func aReadOnlyPlanIsReportedAndKeepsTheExitCode() throws {
        guard geteuid() != 0 else {
            print("skipped: running as root, for whom no plan file is read-only")
            return
        }
        let (directory, file) = try plan(headings)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
        let result = try BatonProcess.run(["run", "B1", "--mark"], in: directory)
        #expect(result.status == 0)
        #expect(result.stderr.contains("PLAN.md: is read-only"))
        #expect(try read(file) == headings)
    }
}
