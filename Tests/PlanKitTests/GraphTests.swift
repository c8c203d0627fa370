import Testing
@testable import PlanKit

@Suite struct GraphTests {
    typealias F = Fixture

    @Test func seed001OffersWhatCanStart() {
        let next = Schedule.next(F.seed001)
        let ready = next.ready.map(\.key)
        for key in ["26", "O7", "C5", "X2", "D2@demo"] { #expect(ready.contains(key), "\(key) should be ready") }
        for key in ["27", "C6", "D5@demo", "O8"] { #expect(!ready.contains(key), "\(key) should not be ready") }
    }

    @Test func reviewWaitsWhenPolicyAsksForDone() {
        let next = Schedule.next(F.seed001, policy: SchedulePolicy(reviewCountsAsFinished: false))
        #expect(!next.ready.map(\.key).contains("26"))
    }

    @Test func seed002OffersIndependentWorkAndListsActive() {
        let next = Schedule.next(F.seed002)
        let ready = next.ready.map(\.key)
        #expect(ready == ["B1", "B2", "B3", "B08", "B15"])
        #expect(next.active.map(\.key) == ["N3", "B07"])
    }

    @Test func parallelNeverPairsOverlappingOwners() throws {
        let next = Schedule.next(F.seed002, parallel: 5)
        let chosen = next.ready.map(\.key)
        #expect(chosen.contains("B1"))
        #expect(!chosen.contains("B3"))
        #expect(chosen == ["B1", "B2", "B08", "B15"])
        let skipped = try #require(next.passedOver.first { $0.key == "B3" })
        #expect(skipped.reason == .ownership)
        #expect(skipped.conflictsWith == "B1")
    }

    @Test func parallelRespectsLimit() {
        let next = Schedule.next(F.seed002, parallel: 2)
        #expect(next.ready.map(\.key) == ["B1", "B2"])
        #expect(next.passedOver.contains { $0.key == "B15" && $0.reason == .limit })
    }

    @Test func mayRunWithAllowsSharedPaths() {
        var plan = F.seed002
        plan.batches[2].mayRunWith = [F.dependency("B1", line: 58)]
        // N3 (active) still shares backend/app/domains/pipeline/tasks with B3.
        plan.batches[4].owns = []
        #expect(Schedule.next(plan, parallel: 5).ready.map(\.key).contains("B3"))
    }

    @Test func parallelAvoidsDependencyThroughFinishedWork() {
        // C is done but depends on A, which is not; B depends on C, so B and A must not pair.
        let plan = F.plan([
            F.batch("A", line: 1),
            F.batch("C", .done, line: 10, dependsOn: ["A"]),
            F.batch("B", line: 20, dependsOn: ["C"]),
        ])
        #expect(Schedule.next(plan).ready.map(\.key) == ["A", "B"])
        let next = Schedule.next(plan, parallel: 2)
        #expect(next.ready.map(\.key) == ["A"])
        #expect(next.passedOver.first?.reason == .dependency)
    }

    @Test func cycleIsReportedInOrder() {
        let plan = F.plan([
            F.batch("B1", line: 1, dependsOn: ["B2"]),
            F.batch("B2", line: 10, dependsOn: ["B3"]),
            F.batch("B3", line: 20, dependsOn: ["B1"]),
            F.batch("B4", line: 30),
        ])
        let graph = PlanGraph(plan)
        #expect(graph.cycles.map(\.keys) == [["B1", "B2", "B3"]])
        #expect(graph.cycles[0].description(in: graph) == "B1 → B2 → B3 → B1")
    }

    @Test func selfDependencyIsACycle() {
        let graph = PlanGraph(F.plan([F.batch("A", line: 1, dependsOn: ["A"])]))
        #expect(graph.cycles.map(\.keys) == [["A"]])
    }

    @Test func orderStillAnswersAroundACycle() {
        let plan = F.plan([
            F.batch("X", line: 1, dependsOn: ["Y"]),
            F.batch("Y", line: 10, dependsOn: ["X"]),
            F.batch("Z", line: 20, dependsOn: ["Y"]),
            F.batch("W", line: 30),
        ])
        let order = Schedule.order(plan)
        #expect(order.sequence.map(\.key) == ["Z", "W"] || order.sequence.map(\.key) == ["W", "Z"])
        #expect(order.sequence.map(\.key) == ["Z", "W"])
        #expect(order.cycles.map(\.members) == [["X", "Y"]])
        #expect(order.waves.map { $0.map(\.key) } == [["W"], ["Z"]])
        let readiness = try? Schedule.readiness(of: "X", in: plan)
        #expect(readiness?.state == .inCycle)
    }

    @Test func longChainDoesNotOverflow() {
        let n = 10_000
        var batches = (0..<n).map { i in F.batch("B\(i)", line: i * 3 + 1, dependsOn: i > 0 ? ["B\(i - 1)"] : []) }
        batches[0].dependsOn = [F.dependency("B\(n - 1)", line: 2)]
        let graph = PlanGraph(F.plan(batches))
        #expect(graph.cycles.count == 1)
        #expect(graph.cycles[0].members.count == n)
        #expect(graph.cycles[0].keys.count == n)
        batches[0].dependsOn = []
        let order = Schedule.order(F.plan(batches))
        #expect(order.sequence.count == n)
        #expect(order.criticalPath.count == n)
        #expect(order.waves.count == n)
    }

    @Test func sequenceRespectsMergeOrderAndDocumentOrder() {
        let plan = F.plan([
            F.batch("A", line: 1),
            F.batch("B", line: 10, mergeAfter: ["C"]),
            F.batch("C", line: 20),
            F.batch("D", line: 30, dependsOn: ["A"]),
        ])
        let order = Schedule.order(plan)
        #expect(order.sequence.map(\.key) == ["A", "C", "B", "D"])
        // Merge order does not hold work back: A, B and C form the first wave.
        #expect(order.waves.map { $0.map(\.key) } == [["A", "B", "C"], ["D"]])
    }

    @Test func wavesAndCriticalPathCoverRemainingWork() {
        let plan = F.plan([
            F.batch("A", .done, line: 1),
            F.batch("B", line: 10, dependsOn: ["A"]),
            F.batch("C", line: 20, dependsOn: ["B"]),
            F.batch("D", line: 30, dependsOn: ["A"]),
            F.batch("E", line: 40, dependsOn: ["C", "D"]),
            F.batch("F", .dropped, line: 50),
        ])
        let order = Schedule.order(plan)
        #expect(order.sequence.map(\.key) == ["A", "B", "C", "D", "E", "F"])
        #expect(order.waves.map { $0.map(\.key) } == [["B", "D"], ["C"], ["E"]])
        #expect(order.criticalPath.map(\.key) == ["B", "C", "E"])
    }

    @Test func readinessSentences() throws {
        let plan = F.seed001
        #expect(try Schedule.readiness(of: "O7", in: plan).reason == "O7 is ready: O6 (Hydrated) is finished.")
        #expect(try Schedule.readiness(of: "27", in: plan).reason == "27 is not ready: it waits for 26 (Queued).")
        #expect(try Schedule.readiness(of: "O8", in: plan).state == .finished)
    }

    @Test func lookupRejectsSharedAndUnknownIDs() {
        let graph = PlanGraph(F.seed001)
        #expect(throws: BatchLookupError.ambiguous("D1", keys: ["D1@docs", "D1@demo"])) { try graph.lookup("D1") }
        #expect(throws: BatchLookupError.unknown("o07", suggestions: ["O7"])) { try graph.lookup("o07") }
        #expect((try? graph.lookup("D1@demo")) == 15)
    }

    @Test func explanationCitesSources() throws {
        let explanation = try Explanation.explain(F.seed001, "O8")
        #expect(explanation.lines.contains("status: Hydrated (review)  (plan.md:86:20)"))
        #expect(explanation.lines.contains("depends on: O7 (Queued)  (plan.md:87:18)"))
        #expect(explanation.lines.last == "O8 is not waiting to start: it is in review (Hydrated), which counts as finished.")
    }
}
