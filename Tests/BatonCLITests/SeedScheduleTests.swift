import Foundation
import Testing

/// `baton lint` and `baton next` on the seed plans, as the issues state them, when ../shared is present.
@Suite struct SeedScheduleTests {
    static func seed(_ prefix: String) -> String? {
        let folder = BatonProcess.shared.appendingPathComponent("seeds")
        let name = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }
        return name.map { folder.appendingPathComponent($0).path }
    }

    private func json(_ arguments: [String]) throws -> Any {
        let result = try BatonProcess.run(arguments)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    private func findings(_ path: String) throws -> [(code: String, line: Int, message: String)] {
        let list = try #require(try json(["lint", "--format", "json", path]) as? [[String: Any]])
        return list.map { ($0["code"] as? String ?? "", $0["line"] as? Int ?? 0, $0["message"] as? String ?? "") }
    }

    private func ready(_ arguments: [String]) throws -> [String] {
        let object = try #require(try json(["next", "--format", "json"] + arguments) as? [String: Any])
        return (object["ready"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
    }

    @Test func lintFindsWhatTheIssueNamesOnSeed001() throws {
        guard let path = Self.seed("001_") else { print("skipped: no seed 001 in ../shared"); return }
        let found = try findings(path)
        #expect(found.contains { $0.code == "duplicate-id" && $0.line == 300 && $0.message.contains("D1") })
        #expect(found.contains { $0.code == "done-before-dependency" && $0.line == 86 && $0.message.hasPrefix("O8") && $0.message.contains("O7") })
        #expect(found.contains { $0.code == "misplaced-details" && $0.line == 208 })
        #expect(found.contains { $0.code == "encoding" })
        #expect(found.contains { $0.code == "external-dependency" && $0.message.contains("upstream seL4") })
    }

    @Test func lintFindsWhatTheIssueNamesOnSeed002() throws {
        guard let path = Self.seed("002_") else { print("skipped: no seed 002 in ../shared"); return }
        let found = try findings(path)
        #expect(found.contains { $0.code == "similar-id" && $0.line == 196 && $0.message.contains("B01") && $0.message.contains("B1 ") })
        #expect(found.contains { $0.code == "ownership-overlap" && $0.line == 70 && $0.message.hasPrefix("B3") && $0.message.contains("B1 ") })
        #expect(found.contains { $0.code == "ownership-overlap" && $0.message.hasPrefix("N1") && $0.message.contains("B1 ") })
        #expect(found.contains { $0.code == "inferred-dependency" && $0.message.hasPrefix("N2 depends on N1") })
    }

    @Test func nextOnSeed001() throws {
        guard let path = Self.seed("001_") else { print("skipped: no seed 001 in ../shared"); return }
        let offered = Set(try ready([path]))
        #expect(offered.isSuperset(of: ["26", "O7", "C5", "X2", "D2@demo"]))
        #expect(offered.isDisjoint(with: ["27", "C6", "D5@demo", "D5"]))
    }

    @Test func nextOnSeed002NeverPairsOverlappingOwners() throws {
        guard let path = Self.seed("002_") else { print("skipped: no seed 002 in ../shared"); return }
        let offered = Set(try ready([path]))
        #expect(offered.isSuperset(of: ["B1", "B2", "B3", "B08", "B15"]))
        #expect(offered.isDisjoint(with: ["B09", "B10", "B11", "B12", "B13", "B14"]))
        for limit in 2...6 {
            let chosen = Set(try ready([path, "--parallel", "\(limit)"]))
            #expect(chosen.count <= limit)
            #expect(!(chosen.contains("B1") && chosen.contains("B3")), "--parallel \(limit) picked \(chosen)")
        }
    }
}
