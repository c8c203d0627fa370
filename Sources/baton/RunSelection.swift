import ArgumentParser
import Foundation
import PlanKit
import BatonRunner

/// Splits `[PLAN] [ID...]` (a first argument that is a file is the plan) and picks batches by id.
struct PlanAndIDs {
    var plan: String?
    var ids: [String]

    init(_ arguments: [String]) {
        if let first = arguments.first, LocalFiles.exists(first) {
            plan = first
            ids = Array(arguments.dropFirst())
        } else {
            plan = nil
            ids = arguments
        }
    }

    /// The plan and the one batch `[PLAN] ID` names.
    func loadOne() throws -> (LoadedPlan, Batch) {
        let loaded = try LoadedPlan.load(plan)
        guard ids.count == 1, let batch = try Self.batches(ids, in: loaded.plan).first else {
            throw CLIError("expected one batch id after the plan", exitCode: 64)
        }
        return (loaded, batch)
    }

    /// The batches named, in plan order; unknown or ambiguous ids are usage errors naming the valid keys.
    static func batches(_ ids: [String], in plan: Plan) throws -> [Batch] {
        var chosen: Set<String> = []
        for id in ids {
            let matches = plan.batches(matching: id)
            if matches.isEmpty {
                let known = plan.batches.map(\.key).prefix(40).concatenated(separator: ", ")
                throw CLIError("\(plan.path): no batch '\(id)'; known: \(known)", exitCode: 64)
            }
            if matches.count > 1 {
                throw CLIError("\(plan.path): '\(id)' names \(matches.count) batches; use a key: \(matches.map(\.key).concatenated(separator: ", "))", exitCode: 64)
            }
            chosen.insert(matches[0].key)
        }
        return plan.batches.filter { chosen.contains($0.key) }
    }
}

/// `15m`, `90s`, `1h`, `500ms` as a `Duration`.
struct DurationArgument: ExpressibleByArgument {
    var duration: Duration

    init?(argument: String) {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, seconds) in units where argument.hasSuffix(suffix) {
            let number = argument.dropLast(suffix.count)
            if suffix == "s", number.hasSuffix("m") { continue }
            guard let value = Double(number), value > 0 else { return nil }
            duration = .milliseconds(Int64(value * seconds * 1000))
            return
        }
        guard let value = Double(argument), value > 0 else { return nil }
        duration = .milliseconds(Int64(value * 1000))
    }
}
