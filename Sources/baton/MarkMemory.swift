import Foundation
import PlanKit

/// `.baton/marks.json`: what `baton mark` overwrote, per plan, so marking back restores the document's own words.
///
/// Best effort: when the file cannot be read or written, marks still work and fall back to the document's style.
enum MarkMemory {
    static let path = ".baton/marks.json"
    static let limit = 500

    private struct Stored: Codable {
        var plans: [String: [MarkRecord]] = [:]
    }

    static func records(for plan: String) -> [MarkRecord] {
        load().plans[key(plan)] ?? []
    }

    static func update(for plan: String, adding records: [MarkRecord], removing restored: [MarkRecord]) {
        var stored = load()
        var list = stored.plans[key(plan)] ?? []
        list.removeAll { restored.contains($0) }
        list += records
        stored.plans[key(plan)] = Array(list.suffix(limit))
        guard let data = try? JSONEncoder().encode(stored) else { return }
        try? FileManager.default.createDirectory(atPath: ".baton", withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private static func load() -> Stored {
        guard let data = FileManager.default.contents(atPath: path) else { return Stored() }
        return (try? JSONDecoder().decode(Stored.self, from: data)) ?? Stored()
    }

    private static func key(_ plan: String) -> String {
        URL(fileURLWithPath: plan).standardizedFileURL.path
    }
}
