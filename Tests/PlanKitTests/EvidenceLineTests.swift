import Foundation
import PlanKit
import PlanSyntax
import Testing

@Suite struct EvidenceLineTests {
    private let evidence = EvidenceLine(date: EditDate(year: 2026, month: 11, day: 21), commit: "3f2c1ab9d0e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8",
                                        passed: 3, total: 3, reference: .attempt(42))

    private func write(_ line: EvidenceLine, _ text: String, _ key: String) throws -> String? {
        let bytes = Array(text.utf8)
        let plan = PlanExtractor().extract(PlanDocument(bytes: bytes), path: "plan.md")
        guard let edit = try line.edit(for: key, in: plan, source: bytes) else { return nil }
        return String(decoding: TextEdit.apply([edit], to: bytes), as: UTF8.self)
    }

    @Test func valueNamesDateShortCommitGatesAndLedgerRow() {
        #expect(evidence.value == "2026-11-21, 3f2c1ab, gates 3/3 passed (ledger #42)")
        var outside = evidence
        outside.commit = nil
        outside.reference = .run("20261121T051659Z-3f9a")
        #expect(outside.value == "2026-11-21, no git, gates 3/3 passed (run 20261121T051659Z-3f9a)")
    }

    @Test func addsAfterTheLastFieldInItsBulletThenRewritesInPlace() throws {
        let text = "## B1: Build\n* Status: done\n* Gate: `make`\n    * sub-note\n\nProse.\n"
        let added = try #require(try write(evidence, text, "B1"))
        #expect(added == "## B1: Build\n* Status: done\n* Gate: `make`\n    * sub-note\n* Evidence: 2026-11-21, 3f2c1ab, gates 3/3 passed (ledger #42)\n\nProse.\n")
        var later = evidence
        later.reference = .attempt(57)
        let rewritten = try #require(try write(later, added, "B1"))
        #expect(rewritten == added.replacingOccurrences(of: "ledger #42", with: "ledger #57"))
    }

    @Test func aPersonsOwnEvidenceLineIsLeftAlone() throws {
        let text = "## B1: Build\n- Status: done\n- Evidence: see the release notes\n"
        let added = try #require(try write(evidence, text, "B1"))
        #expect(added == text + "- Evidence: 2026-11-21, 3f2c1ab, gates 3/3 passed (ledger #42)\n")
    }

    @Test func aTableRowWithoutDetailsHasNoPlace() throws {
        let text = "| ID | Title | Status |\n|----|-------|--------|\n| T1 | Build | done |\n"
        #expect(try write(evidence, text, "T1") == nil)
    }
}
