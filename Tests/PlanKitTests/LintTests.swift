import Testing
@testable import PlanKit

@Suite struct LintTests {
    typealias F = Fixture

    func findings(_ plan: Plan, _ code: String, source: [UInt8]? = nil, options: LintOptions = LintOptions()) -> [Diagnostic] {
        Linter.lint(plan, source: source, options: options).filter { $0.code == code }
    }

    /// A plan written the way Baton wants: nothing fires.
    static var cleanPlan: Plan {
        var plan = F.plan([
            F.batch("A", title: "Parser", line: 1, owns: ["Sources/Parser/**"]),
            F.batch("B", title: "Model", .done, line: 20, owns: ["Sources/Model/**"]),
            F.batch("C", title: "Graph", .active, line: 40, dependsOn: ["B"], owns: ["Sources/Graph/**", "Tests/GraphTests.swift"]),
            F.batch("D", title: "Lint", line: 60, dependsOn: ["A", "C"], mergeAfter: ["C"], owns: ["Sources/Lint/**", "Sources/Graph/Lint*.swift"]),
        ])
        plan.batches[0].phases = [
            Phase(name: "Planning", tasks: [Task(text: "scope", done: true, span: F.span(3))], span: F.span(2)),
            Phase(name: "Coding", tasks: [Task(text: "code", done: false, span: F.span(5))], span: F.span(4)),
        ]
        plan.phaseOrder = ["Planning", "Coding"]
        plan.phaseOrderIsStrict = true
        return plan
    }

    @Test func cleanPlanHasNoFindings() {
        #expect(Linter.lint(Self.cleanPlan) == [])
        #expect(Linter.lint(Self.cleanPlan, options: LintOptions(strict: true, phasePolicy: .strict)) == [])
    }

    @Test func duplicateIDNamesBothBatches() throws {
        let found = findings(F.seed001, "duplicate-id")
        #expect(found.map(\.line) == [300, 301])
        let first = try #require(found.first)
        #expect(first.severity == .warning)
        #expect(first.message.contains("D1@demo"))
        #expect(first.message.contains("D1@docs"))
        #expect(first.message.contains("Security docs"))
        #expect(first.message.contains("line 288"))
    }

    @Test func similarIDs() throws {
        let plan = F.plan([F.batch("B1", line: 15), F.batch("B01", line: 196), F.batch("B2", line: 200)])
        let found = findings(plan, "similar-id")
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.line == 196)
        #expect(finding.message.hasPrefix("B01 (Title of B01) and B1 (Title of B1) at line 15"))
    }

    @Test(arguments: [("B1", "b1"), ("B01", "b1"), ("b001-A", "b1-a"), ("B00", "b0"), ("12–17", "12-17"), ("012—017", "12-17"), ("T10", "t10"), ("Ä01", "ä1")])
    func similarityKey(_ id: String, _ key: String) {
        #expect(IDShape.similarityKey(id) == key)
    }

    @Test func danglingAndExternalDependencies() {
        let plan = F.plan([
            F.batch("B09", line: 10, external: ["B99"]),
            F.batch("B10", line: 20, external: ["`T-9`"]),
            F.batch("O1", line: 30, external: ["upstream seL4"]),
            F.batch("D1", line: 40, external: ["camera drivers"]),
            F.batch("D3", line: 50, external: ["batch 12"]),
            F.batch("B11", line: 60, external: ["seL4"]),
        ])
        let found = Linter.lint(plan)
        let dangling = found.filter { $0.code == "dangling-dependency" }
        let external = found.filter { $0.code == "external-dependency" }
        // `batch 12` says it names a batch, whatever the plan's ids look like.
        #expect(dangling.map(\.line) == [11, 21, 51])
        #expect(dangling.allSatisfy { $0.severity == .error })
        #expect(dangling.first?.message == "B09 depends on B99, which no batch has")
        #expect(external.map(\.line) == [31, 41, 61])
        #expect(external.allSatisfy { $0.severity == .note })
    }

    @Test func danglingDependencySuggestsLookalike() {
        let plan = F.plan([F.batch("B1", line: 1), F.batch("B2", line: 10, external: ["B01"])])
        #expect(findings(plan, "dangling-dependency").first?.message == "B2 depends on B01, which no batch has; did you mean B1?")
    }

    @Test func unresolvedDependencyKeyIsDangling() {
        let plan = F.plan([F.batch("A", line: 1, dependsOn: ["Z9"])])
        #expect(findings(plan, "dangling-dependency").map(\.line) == [2])
    }

    @Test func dependencyCycleNamesTheWholeLoop() throws {
        let plan = F.plan([
            F.batch("B1", line: 1, dependsOn: ["B2"]),
            F.batch("B2", line: 10, dependsOn: ["B3"]),
            F.batch("B3", line: 20, dependsOn: ["B1"]),
        ])
        let found = findings(plan, "dependency-cycle")
        let cycle = try #require(found.first)
        #expect(found.count == 1)
        #expect(cycle.severity == .error)
        #expect(cycle.message.contains("B1 → B2 → B3 → B1"))
        // At the dependency of B1 that starts the loop.
        #expect(cycle.line == 2)
    }

    @Test func doneBeforeDependency() throws {
        let found = findings(F.seed001, "done-before-dependency")
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.line == 86)
        #expect(finding.message == "O8 (Service health & recovery) is Hydrated (review) but depends on O7 (Full OS image assembly, reproducible build, CI smoke tests), which is Queued (todo)")
    }

    @Test func statusConflict() throws {
        var plan = F.plan([F.batch("B04", line: 229)])
        plan.batches[0].statusClaims = [F.status(.done, "abgeschlossen", line: 232), F.status(.todo, "offen", line: 318)]
        let finding = try #require(findings(plan, "status-conflict").first)
        #expect(finding.line == 318)
        #expect(finding.message.contains("abgeschlossen (done) at line 232"))
    }

    @Test func phaseOrder() throws {
        var plan = F.plan([F.batch("A", line: 3)])
        plan.phaseOrder = ["Planning", "Scaffolding", "Coding"]
        plan.phaseOrderIsStrict = true
        plan.batches[0].phases = [
            Phase(name: "**Planning**", tasks: [Task(text: "Align scope", done: true, span: F.span(5)),
                                                 Task(text: "Identify environments", done: false, span: F.span(6))], span: F.span(4)),
            Phase(name: "Scaffolding", tasks: [Task(text: "CI doc", done: true, span: F.span(9))], span: F.span(8)),
            Phase(name: "Coding", tasks: [Task(text: "Workflow", done: false, span: F.span(12)),
                                          Task(text: "Wire tests", done: true, span: F.span(13), marker: F.span(13, 5))], span: F.span(11)),
        ]
        let found = findings(plan, "phase-order")
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.line == 9)
        #expect(finding.message.contains("Planning has unchecked tasks"))
        #expect(findings(plan, "phase-order", options: LintOptions(phasePolicy: .off)).isEmpty)
        plan.phaseOrderIsStrict = false
        #expect(findings(plan, "phase-order").isEmpty)
        #expect(findings(plan, "phase-order", options: LintOptions(phasePolicy: .strict)).count == 1)
    }

    @Test func ownershipOverlapOnSeed002() {
        let found = findings(F.seed002, "ownership-overlap")
        let pairs = found.map { finding in
            ["B1", "B3", "N1", "N3"].filter { finding.message.contains("\($0) (") }
        }
        #expect(pairs.contains(["B1", "B3"]))
        #expect(pairs.contains(["B1", "N1"]))
        // Fixture lines: the n-th owned path of a batch at line `batch line + 2 + n`.
        let b1b3 = found.first { $0.message.hasPrefix("B3 (") && $0.message.contains("B1 (") }
        #expect(b1b3?.line == 57 + 2 + 2)
        #expect(b1b3?.message.contains("backend/tests/domains/test_workflow_*.py") == true)
        #expect(b1b3?.message.contains("backend/tests/**") == true)
        let b1n1 = found.filter { $0.message.hasPrefix("N1 (") && $0.message.contains("B1 (") }
        #expect(b1n1.map(\.line) == [84 + 2 + 2, 84 + 2 + 3])
        #expect(b1n1.last?.message.contains("owns backend/tests/domains/test_workflow_schema.py and B1 (Test Infrastructure Recovery) owns backend/tests/** at line 17") == true)
        // Both finished, or linked by a dependency: never reported.
        #expect(!found.contains { $0.message.contains("B2 (") })
    }

    @Test func ownershipOverlapSkipsDependentAndCompanionBatches() {
        let plan = F.plan([
            F.batch("A", line: 1, owns: ["src/**"]),
            F.batch("B", line: 10, dependsOn: ["X"], owns: ["src/b.swift"]),
            F.batch("X", line: 20, dependsOn: ["A"]),
            F.batch("C", line: 30, mayRunWith: ["A"], owns: ["src/c.swift"]),
            F.batch("D", line: 40, owns: ["src/d.swift"]),
            F.batch("E", .dropped, line: 50, owns: ["src/e.swift"]),
        ])
        let found = findings(plan, "ownership-overlap")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("D (Title of D) owns src/d.swift and A (Title of A) owns src/**") == true)
    }

    /// Many batches over a few shared directories, random dependencies (and one loop): the overlap rule
    /// must report exactly the pairs a plain search of the graph finds unlinked. Big enough that the
    /// dependency bit sets are split across two cores.
    @Test func ownershipOverlapMatchesABruteForceSearch() {
        var random = SplitMix64(seed: 7)
        let count = 2_200
        var dependsOn = [[Int]](repeating: [], count: count)
        for i in 1..<count {
            for _ in 0..<Int(random.next() % 3) { dependsOn[i].append(Int(random.next() % UInt64(i))) }
        }
        // A loop: 10 → 12 → 11 → 10.
        dependsOn[10].append(12)
        let finished = (0..<count).map { _ in random.next() % 4 == 0 }
        let batches = (0..<count).map { i in
            F.batch("K\(i)", finished[i] ? .done : .todo, line: 10 * i + 1, dependsOn: dependsOn[i].map { "K\($0)" },
                    owns: ["src/area\(i % 40)/**", "tests/test_\(i).py"])
        }
        let found = findings(F.plan(batches), "ownership-overlap")
        func reaches(_ from: Int, _ to: Int) -> Bool {
            var seen = Set([from])
            var stack = [from]
            while let v = stack.popLast() {
                for u in dependsOn[v] where seen.insert(u).inserted {
                    if u == to { return true }
                    stack.append(u)
                }
            }
            return false
        }
        var expected: [String] = []
        for later in 0..<count {
            for earlier in stride(from: later % 40, to: later, by: 40) where !(finished[earlier] && finished[later]) {
                if reaches(later, earlier) || reaches(earlier, later) { continue }
                expected.append("K\(later) (Title of K\(later)) owns src/area\(later % 40)/** and K\(earlier) (Title of K\(earlier)) owns")
            }
        }
        #expect(expected.count > 1_000)
        #expect(found.count == expected.count)
        #expect(found.map { String($0.message.prefix(while: { $0 != "*" })) } == expected.map { String($0.prefix(while: { $0 != "*" })) })
    }

    @Test func misplacedDetails() throws {
        let found = findings(F.seed001, "misplaced-details")
        #expect(found.map(\.line) == [208, 213])
        let first = try #require(found.first)
        #expect(first.message.contains("D1@docs"))
        #expect(first.message.contains("4 · Codex Enablement Batches"))
    }

    @Test func inferredDependencyFixItInsertsAField() throws {
        let text = "## Workstream A — Kit\n- **Planning**\n\n## Workstream B — Binding\n- **Planning**\n  - ✅ Confirm dependency on Workstream A outputs.\n"
        let bytes = Array(text.utf8)
        let headingB = text.utf8.firstRange(of: "## Workstream B".utf8)!
        let start = text.utf8.distance(from: text.utf8.startIndex, to: headingB.lowerBound)
        var a = F.batch("A", line: 1)
        a.source = SourceSpan(start: 0, end: 20, line: 1, column: 1)
        var b = F.batch("B", line: 4)
        b.source = SourceSpan(start: start, end: start + 20, line: 4, column: 1)
        b.dependsOn = [Dependency(key: "A", text: "Confirm dependency on Workstream A outputs", origin: .prose, span: F.span(6, 7))]
        let finding = try #require(findings(F.plan([a, b]), "inferred-dependency", source: bytes).first)
        #expect(finding.severity == .note)
        #expect(finding.line == 6)
        let fix = try #require(finding.fixIt)
        var fixed = bytes
        fixed.replaceSubrange(fix.start..<fix.end, with: Array(fix.replacement.utf8))
        #expect(String(decoding: fixed, as: UTF8.self) ==
            "## Workstream A — Kit\n- **Planning**\n\n## Workstream B — Binding\nDepends on: A\n- **Planning**\n  - ✅ Confirm dependency on Workstream A outputs.\n")
    }

    @Test func inferredDependencyFixItNestsUnderAListItem() throws {
        let text = "  • B05 Family\n    • Ziel: x\n"
        var a = F.batch("B04", line: 1)
        a.source = SourceSpan(start: 0, end: 3, line: 1, column: 1)
        var b = F.batch("B05", line: 1)
        b.source = SourceSpan(start: 2, end: 14, line: 1, column: 3)
        b.dependsOn = [Dependency(key: "B04", text: "after B04", origin: .prose, span: F.span(2, 7))]
        let fix = try #require(findings(F.plan([a, b]), "inferred-dependency", source: Array(text.utf8)).first?.fixIt)
        #expect(fix.replacement == "    • Depends on: B04\n")
        #expect(fix.start == text.utf8.count - "    • Ziel: x\n".utf8.count)
    }

    @Test func inferredDependencyFixItExtendsAnExistingField() throws {
        var b = F.batch("B", line: 10, dependsOn: ["A"])
        b.dependsOn.append(Dependency(key: "C", text: "after C", origin: .prose, span: F.span(15)))
        let plan = F.plan([F.batch("A", line: 1), b, F.batch("C", line: 20)])
        let fix = try #require(findings(plan, "inferred-dependency").first?.fixIt)
        #expect(fix.replacement == ", C")
        #expect(fix.start == b.dependsOn[0].span.end)
    }

    @Test func gates() {
        var plan = F.plan([
            F.batch("A", line: 1, gates: []),
            F.batch("B", .done, line: 10, gates: []),
            F.batch("C", .dropped, line: 20, gates: []),
            F.batch("D", line: 30, gates: [Gate(kind: .manual, text: "manueller Produktcheck", span: F.span(33))]),
        ])
        #expect(findings(plan, "missing-gate").map(\.line) == [1])
        #expect(findings(plan, "manual-gate").map(\.line) == [33])
        #expect(findings(plan, "manual-gate").first?.severity == .note)
        plan.batches[0].status = F.status(.review)
        #expect(findings(plan, "missing-gate").isEmpty)
    }

    @Test func extractionFindingsAreMergedAndSorted() {
        var plan = F.seed001
        plan.diagnostics = [Diagnostic(severity: .warning, code: "encoding", message: "mojibake", file: "plan.md", line: 12, column: 7)]
        let found = Linter.lint(plan)
        #expect(found.contains { $0.code == "encoding" })
        #expect(found.map(\.line) == found.map(\.line).sorted())
    }

    @Test func strictTurnsWarningsIntoErrors() {
        let found = Linter.lint(F.seed001, options: LintOptions(strict: true))
        #expect(!found.contains { $0.severity == .warning })
        #expect(found.contains { $0.code == "external-dependency" && $0.severity == .note })
        #expect(found.contains { $0.code == "duplicate-id" && $0.severity == .error })
    }

    @Test func everyRuleIsInTheTable() {
        let codes = ["duplicate-id", "similar-id", "dangling-dependency", "external-dependency", "dependency-cycle",
                     "done-before-dependency", "status-conflict", "phase-order", "ownership-overlap", "misplaced-details",
                     "inferred-dependency", "unknown-status", "malformed-table", "encoding", "missing-gate", "manual-gate"]
        #expect(LintRule.all.map(\.code) == codes)
        #expect(Set(LintRule.all.map(\.code)).count == LintRule.all.count)
    }

    @Test func largePlanLintsAndSchedules() {
        let plan = Fixture.large(count: 10_000)
        #expect(plan.batches.reduce(0) { $0 + $1.dependsOn.count } > 29_000)
        let clock = ContinuousClock()
        var found: [Diagnostic] = []
        var next = NextBatches(ready: [], active: [])
        var order = PlanOrder(sequence: [], waves: [], criticalPath: [], cycles: [])
        let elapsed = clock.measure {
            found = Linter.lint(plan)
            next = Schedule.next(plan, parallel: 8)
            order = Schedule.order(plan)
        }
        print("10,000 batches: lint + next + order in \(elapsed)")
        #expect(found.isEmpty)
        #expect(next.ready.map(\.key) == ["B5000"])
        #expect(order.sequence.count == 10_000)
    }
}
