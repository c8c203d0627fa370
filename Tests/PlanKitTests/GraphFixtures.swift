@testable import PlanKit

/// Builders for plans in tests: positions are given as lines, byte offsets derived from them.
enum Fixture {
    static func span(_ line: Int, _ column: Int = 1, length: Int = 4) -> SourceSpan {
        SourceSpan(start: line * 100 + column, end: line * 100 + column + length, line: line, column: column)
    }

    static func status(_ category: StatusCategory, _ raw: String? = nil, line: Int? = nil) -> Status {
        Status(raw: raw ?? category.rawValue, category: category, origin: line == nil ? .derived : .tableCell,
               span: line.map { span($0, 20) })
    }

    static func dependency(_ key: String, line: Int, origin: Dependency.Origin = .field, text: String? = nil) -> Dependency {
        Dependency(key: key, text: text ?? key, origin: origin, span: span(line, 18, length: key.utf8.count))
    }

    /// A batch with one command gate, so that `missing-gate` stays quiet unless a test asks.
    static func batch(_ key: String, id: String? = nil, title: String? = nil, group: String? = "Work",
                      _ category: StatusCategory = .todo, raw: String? = nil, line: Int,
                      dependsOn: [String] = [], mayRunWith: [String] = [], mergeAfter: [String] = [],
                      owns: [String] = [], gates: [Gate]? = nil, external: [String] = []) -> Batch {
        Batch(key: key, id: id ?? key, title: title ?? "Title of \(key)", group: group,
              status: status(category, raw, line: line), statusClaims: [status(category, raw, line: line)],
              dependsOn: dependsOn.enumerated().map { dependency($1, line: line + 1 + $0) },
              mayRunWith: mayRunWith.map { dependency($0, line: line + 1) },
              mergeAfter: mergeAfter.map { dependency($0, line: line + 1, origin: .order) },
              externalDependencies: external.map { Mention(text: $0, span: span(line + 1, 18)) },
              owns: owns.enumerated().map { Mention(text: $1, span: span(line + 2 + $0, 5)) },
              gates: gates ?? [Gate(kind: .command, text: "swift test", span: span(line + 9, 9))],
              source: span(line))
    }

    static func plan(_ batches: [Batch], path: String = "plan.md") -> Plan {
        Plan(path: path, batches: batches)
    }

    /// The shape of seed 001: ranges, Hydrated (review) work, D1–D6 twice, O8 done before O7.
    static var seed001: Plan {
        let docs = "6 · Documentation & Auxiliary Batches (Docs D1–D4)"
        let demo = "7 · Demo Integration Batches (Demo D1–D6)"
        var batches: [Batch] = [
            batch("1–4", group: "1 · Coh_CC Compiler Batches", .review, raw: "Hydrated", line: 17),
            batch("25", group: "1 · Coh_CC Compiler Batches", .review, raw: "Hydrated", line: 22, dependsOn: ["1–4"]),
            batch("26", group: "1 · Coh_CC Compiler Batches", .todo, raw: "Queued", line: 23, dependsOn: ["25"]),
            batch("27", group: "1 · Coh_CC Compiler Batches", .todo, raw: "Queued", line: 24, dependsOn: ["26"]),
            batch("O1", group: "2 · Cohesix OS Batches", .review, raw: "Hydrated", line: 79, external: ["upstream seL4"]),
            batch("O6", group: "2 · Cohesix OS Batches", .review, raw: "Hydrated", line: 84, dependsOn: ["O1"]),
            batch("O7", title: "Full OS image assembly, reproducible build, CI smoke tests", group: "2 · Cohesix OS Batches", .todo, raw: "Queued", line: 85, dependsOn: ["O6"]),
            batch("O8", title: "Service health & recovery", group: "2 · Cohesix OS Batches", .review, raw: "Hydrated", line: 86, dependsOn: ["O7"]),
            batch("C4", group: "4 · Codex Enablement Batches", .review, raw: "Hydrated", line: 201),
            batch("C5", group: "4 · Codex Enablement Batches", .todo, raw: "Queued", line: 202, dependsOn: ["C4"]),
            batch("C6", group: "4 · Codex Enablement Batches", .todo, raw: "Queued", line: 203, dependsOn: ["C5"]),
            batch("X1", group: "5 · Testing & QA Batches", .review, raw: "Hydrated", line: 266),
            batch("X2", group: "5 · Testing & QA Batches", .todo, raw: "Queued", line: 267, dependsOn: ["X1"]),
            batch("D1@docs", id: "D1", title: "Security docs", group: docs, .review, raw: "Hydrated", line: 288),
            batch("D2@docs", id: "D2", title: "Build plan doc", group: docs, .review, raw: "Hydrated", line: 289),
            batch("D1@demo", id: "D1", title: "Webcam capture + gesture service", group: demo, .review, raw: "Hydrated", line: 300, external: ["camera drivers"]),
            batch("D2@demo", id: "D2", title: "QR-based SLM loader", group: demo, .todo, raw: "Queued", line: 301, dependsOn: ["D1@demo"]),
            batch("D5@demo", id: "D5", title: "KioskInteractive UI", group: demo, .todo, raw: "Queued", line: 304, dependsOn: ["D2@demo"]),
        ]
        // The details of the Docs batches sit under section 4.
        batches[13].detailSources = [DetailSource(span: span(208, 3), group: "4 · Codex Enablement Batches")]
        batches[14].detailSources = [DetailSource(span: span(213, 3), group: "4 · Codex Enablement Batches")]
        return plan(batches)
    }

    /// The shape of seed 002: owned paths, B1 and B01, merge order, active work.
    static var seed002: Plan {
        plan([
            batch("B1", title: "Test Infrastructure Recovery", group: "Current Batch", line: 15,
                  owns: ["backend/tests/**", "backend/app/database.py", "backend/app/config.py only if required for test bootstrapping"]),
            batch("B2", title: "Workflow Editor Authoring Organization", group: "Current Batch", line: 36,
                  owns: ["frontend/src/components/workflows/**", "frontend/src/pages/WorkflowEditor.tsx"]),
            batch("B3", title: "Canonical Still Path Smoke-Harness Closure", group: "Current Batch", line: 57,
                  owns: ["backend/app/domains/rendering/**", "backend/app/domains/pipeline/tasks/**",
                         "backend/tests/domains/test_workflow_*.py", "scripts/test_render_pipeline.py", "docs/workflows/** where needed"]),
            batch("N1", title: "Node-Contract Closure", group: "Updated Immediate Next Batch", .done, raw: "verified", line: 84,
                  owns: ["backend/app/domains/rendering/workflow_node_registry.py", "backend/app/domains/rendering/workflow_schema.py",
                         "backend/tests/domains/test_workflow_node_registry.py", "backend/tests/domains/test_workflow_schema.py"]),
            batch("N3", title: "CAD / Material Parity Root-Cause Closure", group: "Updated Immediate Next Batch", .active, raw: "in progress", line: 131,
                  owns: ["backend/app/domains/pipeline/tasks/export_glb.py", "frontend/src/components/cad/cadUtils.ts"]),
            batch("B01", title: "CAD manifest alias closure", group: "Batch Wave W1", .done, raw: "abgeschlossen", line: 196),
            batch("B03", title: "Output-type authoring closure", group: "Batch Wave W1", .done, raw: "abgeschlossen", line: 214),
            batch("B04", title: "Node/module contract completion", group: "Batch Wave W1", .done, line: 229),
            batch("B06", title: "Authoring surface simplification", group: "Batch Wave W2", .done, line: 248, dependsOn: ["B04"]),
            batch("B07", title: "Canvas ergonomics closure", group: "Batch Wave W2", .active, raw: "in Arbeit", line: 260, dependsOn: ["B06"]),
            batch("B08", title: "Starter graph and module bundle normalization", group: "Batch Wave W2", line: 271, mergeAfter: ["B07"]),
            batch("B09", title: "Template-aware runtime unification", group: "Batch Wave W3", line: 278, dependsOn: ["B03", "B04", "B08"]),
            batch("B10", title: "Non-legacy still smoke closure", group: "Batch Wave W3", line: 282, dependsOn: ["B09"]),
            batch("B11", title: "Template parity matrix", group: "Batch Wave W3", line: 286, dependsOn: ["B09"]),
            batch("B13", title: "Rollout and fallback controls", group: "Batch Wave W4", line: 297, dependsOn: ["B10", "B11"]),
            batch("B14", title: "Sequential E2E gates", group: "Batch Wave W4", line: 301, dependsOn: ["B10", "B11", "B13"]),
            batch("B15", title: "Repo hygiene root-cause closure", group: "Batch Wave W4", line: 305),
        ])
    }

    /// `count` batches in a chain plus two extra edges each to earlier batches (about 3 per batch).
    static func large(count: Int) -> Plan {
        var batches: [Batch] = []
        batches.reserveCapacity(count)
        for i in 0..<count {
            var deps: [Dependency] = []
            for back in [1, 7, 31] where i - back >= 0 {
                deps.append(Dependency(key: "B\(i - back)", text: "B\(i - back)", origin: .field, span: span(i * 10 + 2)))
            }
            let category: StatusCategory = i < count / 2 ? .done : .todo
            batches.append(Batch(key: "B\(i)", id: "B\(i)", title: "Batch \(i)", group: "Wave \(i / 100)",
                                 status: Status(raw: category.rawValue, category: category, origin: .tableCell, span: span(i * 10 + 1)),
                                 dependsOn: deps,
                                 owns: [Mention(text: "src/module\(i)/**", span: span(i * 10 + 3))],
                                 gates: [Gate(kind: .command, text: "make test-\(i)", span: span(i * 10 + 4))],
                                 source: span(i * 10 + 1)))
        }
        return Plan(path: "large.md", batches: batches)
    }
}

/// A small deterministic generator, so a failing case can be reproduced from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fewer than `limit` of `pieces`, picked at random and joined.
    mutating func text(from pieces: [String], fewerThan limit: UInt64) -> String {
        var text = ""
        for _ in 0..<Int(next() % limit) { text += pieces[Int(next() % UInt64(pieces.count))] }
        return text
    }
}
