import Foundation
import PlanKit
import PlanSyntax
import Testing

/// Every seed and corpus document from `../shared` (skipped when absent): marking a batch to another status and
/// back gives the original bytes, and one mark changes only the lines that carry that batch's status.
@Suite struct EditRoundTripTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared").standardized.path

    static var documents: [String] {
        var paths: [String] = []
        for (directory, suffix) in [("seeds", ".txt"), ("corpus", ".md")] {
            let path = shared + "/" + directory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            paths += names.filter { $0.hasSuffix(suffix) && $0 != "README.md" }.sorted().map { path + "/" + $0 }
        }
        return paths
    }

    static func extract(_ bytes: [UInt8]) -> Plan {
        PlanExtractor().extract(PlanDocument(bytes: bytes), path: "plan.md")
    }

    @Test func sharedDocumentsArePresent() {
        if Self.documents.isEmpty { print("skipping: no seeds or corpus under \(Self.shared)") }
    }

    @Test(arguments: documents.map { ($0 as NSString).lastPathComponent })
    func markThereAndBack(_ name: String) throws {
        guard let path = Self.documents.first(where: { $0.hasSuffix("/" + name) }),
              let data = FileManager.default.contents(atPath: path) else { return }
        let original = [UInt8](data)
        let plan = Self.extract(original)
        let originalLines = original.split(separator: 0x0A, omittingEmptySubsequences: false)
        for batch in plan.batches where batch.statusClaims.contains(where: { $0.span != nil }) {
            let category = batch.statusClaims.first!.category
            guard batch.statusClaims.allSatisfy({ $0.category == category }) else { continue }
            let other: StatusCategory = category == .done ? .todo : .done
            let there = try StatusEdit.plan(for: batch.key, to: other, in: plan, source: original)
            let marked = TextEdit.apply(there.edits, to: original)
            // Only the lines that carry this batch's status change.
            let claimLines = Set(batch.statusClaims.compactMap { $0.span?.line })
            let markedLines = marked.split(separator: 0x0A, omittingEmptySubsequences: false)
            #expect(markedLines.count == originalLines.count, "\(name) \(batch.key): line count changed")
            for (index, line) in markedLines.enumerated() where index < originalLines.count && Array(line) != Array(originalLines[index]) {
                #expect(claimLines.contains(index + 1), "\(name) \(batch.key): line \(index + 1) changed but carries no status of it")
            }
            let replanned = Self.extract(marked)
            let remarked = try #require(replanned.batches.first { $0.key == batch.key }, "\(name): \(batch.key) lost")
            // Claims without a span (a summary such as `Phases 1-10 Complete`) are not the batch's to rewrite.
            #expect(remarked.statusClaims.filter { $0.span != nil }.allSatisfy { $0.category == other }, "\(name) \(batch.key): not \(other) after mark: \(remarked.statusClaims.map(\.raw))")
            // Marking back with what the first mark recorded, as `baton mark` does through `.baton/marks.json`.
            let back = try StatusEdit.plan(for: batch.key, to: category, in: replanned, source: marked, memory: there.records)
            let restored = TextEdit.apply(back.edits, to: marked)
            let same = restored == original
            #expect(same, "\(name) \(batch.key): \(batch.statusClaims.map(\.raw)) → \(other) → \(category) gives \(remarked.statusClaims.map(\.raw)) then \(String(decoding: restored, as: UTF8.self).split(separator: "\n").enumerated().filter { claimLines.contains($0.offset + 1) }.map(\.element))")
        }
    }
}
