import PlanKit
import PlanSyntax
import Testing

@Suite struct ExtractionTests {
    private func extract(_ text: String) -> Plan {
        PlanExtractor().extract(PlanDocument(text), path: "plan.md")
    }

    private func batch(_ plan: Plan, _ key: String) throws -> Batch {
        try #require(plan.batches.first { $0.key == key }, "no batch \(key) in \(plan.batches.map(\.key))")
    }

    /// A field's value on its line comes before the items that continue it, and a title field's own value
    /// is the title even when items follow it.
    @Test func fieldValuesComeBeforeTheirItems() throws {
        let text = """
        # Plan

        - **B1**
          - Title: Parser
            - Lexer first
          - Depends on: B2
            - B3
          - Owns: src/a.swift
            - src/b.swift
        - **B2**
          - Title: Two
        - **B3**
          - Title: Three
        """
        let plan = extract(text)
        let first = try batch(plan, "B1")
        #expect(first.title == "Parser")
        #expect(first.dependsOn.map(\.key) == ["B2", "B3"])
        #expect(first.owns.map(\.text) == ["src/a.swift", "src/b.swift"])
    }

    /// `A -> B`, `A → B` and `A â†’ B` (the arrow's UTF-8 read as cp1252 and saved again) are all arrows: the
    /// byte test that picks the paragraphs to read must not pass over the mis-encoded one.
    @Test func arrowsInEverySpelling() throws {
        let text = """
        # Plan

        ## Batch B1: One

        ## Batch B2: Two

        ## Batch B3: Three

        ## Batch B4: Four

        ## Order

        B1 -> B2

        B2 → B3

        B3 \u{E2}\u{2020}\u{2019} B4
        """
        let plan = extract(text)
        #expect(try batch(plan, "B2").dependsOn.map(\.key) == ["B1"])
        #expect(try batch(plan, "B3").dependsOn.map(\.key) == ["B2"])
        #expect(try batch(plan, "B4").dependsOn.map(\.key) == ["B3"])
    }

    /// Keywords added after the vocabulary is made (as `baton.toml` does) count in every quick test of words too.
    @Test func addedKeywordsIntroduceBatchIDs() throws {
        let text = """
        # Plan

        - Ticket T4 Wire the importer
          - Status: done
        - Reviewer notes
          - Status: todo
        """
        #expect(extract(text).batches.isEmpty)
        var vocabulary = Vocabulary.standard
        vocabulary.batchKeywords.insert("ticket")
        let plan = PlanExtractor(vocabulary: vocabulary).extract(PlanDocument(text), path: "plan.md")
        #expect(plan.batches.map(\.id) == ["T4"])
        #expect(try batch(plan, "T4").status.category == .done)
    }

    @Test func blocksAndUnblocksAreDependenciesTheOtherWay() throws {
        let plan = extract("""
        # Plan

        | Workstream | Title | Status |
        |---|---|---|
        | B | Collector | todo |
        | C | Ingest | todo |
        | D | Storage | todo |

        ## Seeds

        1. **F0c — Docker dev.** Compose file. **Blocks: any local dev for C/D, and everything else.**
        2. **D-seed — Schema.** Types. **Unblocks: B (knows what to emit), C's first smoke test.**

        ## Batch X1: Field form
        - Blocks: X2, upstream release
        ## Batch X2: Waits
        - Depends on: D
        """)
        #expect(Set(try batch(plan, "X2").dependsOn.map(\.key)) == ["D", "X1"])
        #expect(try batch(plan, "B").dependsOn.map(\.key) == ["D-seed"])
        #expect(try batch(plan, "C").dependsOn.map(\.key) == ["D-seed"])
        #expect(try batch(plan, "D").dependsOn.map(\.key) == ["F0c"])
        // What a batch blocks is not something it depends on, and names no batch are not kept as its own.
        #expect(try batch(plan, "X1").dependsOn.isEmpty)
        #expect(try batch(plan, "X1").externalDependencies.isEmpty)
        #expect(try batch(plan, "F0c").dependsOn.isEmpty)
        // The edge points at the text that made it.
        let edge = try #require(try batch(plan, "X2").dependsOn.first { $0.key == "X1" })
        #expect(edge.span.line == 15)
    }

    @Test func dependencyTableRowsNameTheWaitingBatchAndWhatItWaitsFor() throws {
        let plan = extract("""
        # Plan

        | Workstream | Title | Status |
        |---|---|---|
        | B | Collector | todo |
        | D | Storage | todo |
        | G-frontend | Privacy UX | todo |
        | G-backend | Privacy execution | todo |

        ## Who waits for whom

        | Blocked party | Blocked by | Contract |
        |---|---|---|
        | David (B) needs the schema | Jorge (D — tables) | `01-wire.md` |
        | Walid (G-back) needs markers | Sebastian (G-front consumes them) | `08-redaction.md` |
        | A new hire | Onboarding | none |
        """)
        #expect(try batch(plan, "B").dependsOn.map(\.key) == ["D"])
        #expect(try batch(plan, "G-backend").dependsOn.map(\.key) == ["G-frontend"])
        #expect(try batch(plan, "B").dependsOn.first?.span.line == 14)
        // Rows that name no batch add nothing, and nothing is kept as an external dependency.
        #expect(plan.batches.allSatisfy { $0.externalDependencies.isEmpty })
        #expect(try batch(plan, "D").dependsOn.isEmpty)
    }

    @Test func reverseDependenciesAndDependencyTablesStayOutOfOrdinaryText() throws {
        let plan = extract("""
        # Plan

        ## Phase 1: Setup
        - Status: done
        ## Phase 3: Rollout
        - Status: todo

        | Action | Needs |
        |---|---|
        | Email 3 customers | Legal sign-off (1 day) |

        | Workstream | Title |
        |---|---|
        | A | Platform |
        | WS-12 | Twelve |
        | WS-20 | Twenty |

        | Blocked party | Blocked by |
        |---|---|
        | WS-20 | WS-1 |
        | A new hire | Onboarding (A) |

        ## Batch C1: Caller
        - Depends on: A running staging DB
        - Blockiert: WS-12
        1. **D-seed — Schema.** Types first. **Blocks:** WS-20, WS-12. More text with A in it.
        """)
        // Numbers in a table that names no waiting party, a shortening across digits, a lone letter that is a
        // word, an ambiguous German label: none makes an edge.
        #expect(try batch(plan, "3").dependsOn.isEmpty)
        #expect(try batch(plan, "WS-20").dependsOn.map(\.key) == ["D-seed"])
        #expect(try batch(plan, "A").dependsOn.isEmpty)
        #expect(try batch(plan, "C1").dependsOn.isEmpty)
        #expect(try batch(plan, "C1").externalDependencies.map(\.text) == ["A running staging DB"])
        // A bold label with the value after it.
        #expect(try batch(plan, "WS-12").dependsOn.map(\.key) == ["D-seed"])
    }

    @Test func anItemWhoseIdIsSplitByMarkupIsStillAnEntry() throws {
        let plan = extract("""
        # Plan

        - B-`2` Export
          - Status: done
        """)
        #expect(plan.batches.map(\.id) == ["B-2"])
    }

    @Test func headingBatchesWithFields() throws {
        let plan = extract("""
        # Plan

        ## Batch B1: Parser
        - Status: done
        - Owns: `src/parser/**`, docs/parser.md
        - Gate: `swift test --filter Parser`

        ## Batch B2: Checker
        - Status: in progress
        - Depends on: B1, upstream libfoo
        - Can run in parallel with: B3
        - Gate: tests/test_checker.py
        - Acceptance:
          - reports every cycle

        ## Batch B3: Docs
        - Gate: reviewed by the docs team
        """)
        #expect(plan.batches.map(\.id) == ["B1", "B2", "B3"])
        let b1 = try batch(plan, "B1")
        #expect(b1.status.category == .done)
        #expect(b1.owns.map(\.text) == ["src/parser/**", "docs/parser.md"])
        #expect(b1.gates.map(\.kind) == [.command])
        #expect(b1.gates.first?.text == "swift test --filter Parser")
        let b2 = try batch(plan, "B2")
        #expect(b2.status.category == .active)
        #expect(b2.dependsOn.map(\.key) == ["B1"])
        #expect(b2.externalDependencies.map(\.text) == ["upstream libfoo"])
        #expect(b2.mayRunWith.map(\.key) == ["B3"])
        #expect(b2.gates.map(\.kind) == [.testFile])
        #expect(b2.acceptance.map(\.text) == ["reports every cycle"])
        #expect(b2.source.line == 8)
        #expect(try batch(plan, "B3").gates.map(\.kind) == [.manual])
    }

    @Test func statusTableWithDetailsLegendAndSharedIds() throws {
        let plan = extract("""
        ### 1 · Core Batches
        | Batch | Deliverables | Status |
        |-------|--------------|--------|
        | 1–2   | Storage engine | 🟢 Hydrated |
        | C3    | Query layer    | ⏳ Queued |

        #### Batch Details
        - **1–2**
          - Storage engine first cut
          - Dependencies: none
          - Build: `make storage`
        - **C3**
          - Query layer
          - Dependencies: batches 1–2
          - Build: `make query`

        ### 2 · Docs Batches
        | Batch | Deliverables | Status |
        |-------|--------------|--------|
        | C3    | Handbook chapter on queries | âœ… Complete |

        *Statuses*: ✅ = Complete, ⏳ = Queued, 🟢 = Hydrated
        """)
        #expect(plan.legend.map(\.word) == ["Complete", "Queued", "Hydrated"])
        #expect(plan.batches.count == 3)
        let range = try batch(plan, "1–2")
        #expect(range.status.category == .review)
        #expect(range.gates.first?.text == "make storage")
        let keys = plan.batches.filter { $0.id == "C3" }.map(\.key)
        #expect(keys == ["C3@core", "C3@docs"])
        let query = try batch(plan, "C3@core")
        #expect(query.dependsOn.map(\.key) == ["1–2"])
        #expect(query.status.raw == "⏳ Queued")
        #expect(try batch(plan, "C3@docs").status.category == .done)
        #expect(plan.diagnostics.contains { $0.code == "encoding" && $0.fixIt?.replacement == "✅" })
    }

    /// A bare `**C3**` detail entry belongs to a batch with that id whatever its first line says: to the only
    /// one, or, of several, to the one with a similar title, else to the one in its own section.
    @Test func bareDetailEntriesFindTheirBatchWhateverTheyAreWorded() throws {
        let plan = extract("""
        ## Core
        | Batch | Deliverables | Status |
        |-------|--------------|--------|
        | C3    | Query layer  | ⏳ Queued |
        | C4    | Index layer  | ⏳ Queued |

        ## Docs
        | Batch | Deliverables | Status |
        |-------|--------------|--------|
        | C3    | Handbook chapter | ⏳ Queued |

        - **C4**
          - Nothing like its title
          - Build: `make index`
        - **C3**
          - Unrelated words again
          - Build: `make handbook`
        - **C3**
          - Query layer, first cut
          - Build: `make query`
        """)
        #expect(plan.batches.map(\.key) == ["C3@core", "C4", "C3@docs"])
        #expect(try batch(plan, "C4").gates.map(\.text) == ["make index"])
        #expect(try batch(plan, "C3@docs").gates.map(\.text) == ["make handbook"])
        #expect(try batch(plan, "C3@core").gates.map(\.text) == ["make query"])
    }

    /// A dependency on an id that two sections share names the batch in the referring batch's own section, or
    /// the first one from a section that has neither; an id of one batch names it from anywhere.
    @Test func sharedIdsResolveWithinTheReferringSection() throws {
        let plan = extract("""
        ## Core
        ### Batch C3: Query layer
        ### Batch C5: Cache
        - Depends on: C3
        ## Docs
        ### Batch C3: Handbook chapter
        ### Batch C6: Tutorial
        - Depends on: C3, C5
        ## Release
        ### Batch R1: Ship
        - Depends on: C3
        """)
        #expect(plan.batches.filter { $0.id == "C3" }.map(\.key) == ["C3@core", "C3@docs"])
        #expect(try batch(plan, "C5").dependsOn.map(\.key) == ["C3@core"])
        #expect(try batch(plan, "C6").dependsOn.map(\.key) == ["C3@docs", "C5"])
        #expect(try batch(plan, "R1").dependsOn.map(\.key) == ["C3@core"])
    }

    @Test func germanFieldsRangesAndSimilarIds() throws {
        let plan = extract("""
        ## Welle 1

        - B1 Grundlage
          - Ziel: Basis schaffen
          - Status: abgeschlossen am April 10, 2026
        - B01 Etwas anderes
          - Status: in Arbeit
          - Abhängigkeit: B1
        - B02 Weiter
          - Status: offen
          - Abhaengigkeit: B01
          - Parallel zu: B1
        - B03 Danach
          - Kann parallel laufen zu: B01 bis B02
          - Abhängigkeit: B01 bis B02
        """)
        #expect(plan.batches.map(\.key) == ["B1", "B01", "B02", "B03"])
        let b1 = try batch(plan, "B1")
        #expect(b1.status.category == .done)
        #expect(b1.status.date == "April 10, 2026")
        #expect(try batch(plan, "B01").dependsOn.map(\.key) == ["B1"])
        let b02 = try batch(plan, "B02")
        #expect(b02.dependsOn.map(\.key) == ["B01"])
        #expect(b02.mayRunWith.map(\.key) == ["B1"])
        #expect(try batch(plan, "B03").dependsOn.map(\.key) == ["B01", "B02"])
    }

    @Test func workstreamPhasesAndProseDependencies() throws {
        let plan = extract("""
        # Sprint

        Each workstream follows **Planning → Scaffolding → Coding**. Coding must only begin after planning and scaffolding are complete.

        ## Workstream A — Gateway
        - **Planning**
          - ✅ Scope agreed
        - **Coding**
          - ☐ Implement

        ## Workstream B — Storage
        - **Planning**
          - ✅ Confirm dependency on Workstream A outputs.
        - **Coding**
          - ✅ Implement
        """)
        #expect(plan.phaseOrder == ["Planning", "Scaffolding", "Coding"])
        #expect(plan.phaseOrderIsStrict)
        let a = try batch(plan, "A")
        #expect(a.phases.map(\.name) == ["Planning", "Coding"])
        #expect(a.progress == Progress(done: 1, total: 2))
        #expect(a.status.category == .active)
        let b = try batch(plan, "B")
        #expect(b.status.category == .done)
        #expect(b.dependsOn.map(\.key) == ["A"])
        #expect(b.dependsOn.first?.origin == .prose)
    }

    @Test func renderedPageWithProseStatusAndMergeOrder() throws {
        let plan = extract("""
        Search Rework

        Batch N1: Index Schema

        Primary ownership:

          • search/schema/**

        Batch N2: Query Parser

        Acceptance:

          • parses quoted phrases

        Parallelization Rule

        These blocks are prepared in parallel, but merged in order:

          1. N1 first.
          2. N2 second, because it builds directly on those contracts.

        Current Execution Status

          • N1 verified
          • N2 in progress
        """)
        #expect(plan.batches.map(\.key) == ["N1", "N2"])
        let n1 = try batch(plan, "N1")
        #expect(n1.status.category == .done)
        #expect(n1.status.origin == .prose)
        #expect(n1.owns.map(\.text) == ["search/schema/**"])
        let n2 = try batch(plan, "N2")
        #expect(n2.status.category == .active)
        #expect(n2.mergeAfter.map(\.key) == ["N1"])
        #expect(n2.dependsOn.map(\.key) == ["N1"])
        #expect(n2.group == "Search Rework")
    }

    /// A merge order runs through every list under its heading that names batches; a list that names none
    /// (a note) neither breaks nor opens it.
    @Test func mergeOrderSpansListsUnderItsHeading() throws {
        let plan = extract("""
        # Plan

        ## Batch B1: One
        - Status: done
        ## Batch B2: Two
        - Status: todo
        ## Batch B3: Three
        - Status: todo

        ## Merge order

        - B2
        - B1

        - keep main green between merges

        - B3
        """)
        #expect(try batch(plan, "B1").mergeAfter.map(\.key) == ["B2"])
        #expect(try batch(plan, "B3").mergeAfter.map(\.key) == ["B1"])
        #expect(try batch(plan, "B2").mergeAfter.isEmpty)
    }

    @Test func frontMatterTodosJoinTheirTableRows() throws {
        let plan = extract("""
        ---
        name: Rebuild
        todos:
          - id: phase-0
            content: "Phase 0: Setup"
            status: completed
          - id: phase-1
            content: Phase 1: API
            status: in_progress
            dependencies: [phase-0]
        ---
        # Rebuild

        | Phase | Title | Status |
        |---|---|---|
        | **0** | Setup | ✅ Done |
        | **1** | API | 🔄 In progress |
        """)
        #expect(plan.batches.map(\.key) == ["phase-0", "phase-1"])
        let api = try batch(plan, "phase-1")
        #expect(api.title == "API")
        #expect(api.dependsOn.map(\.key) == ["phase-0"])
        #expect(api.statusClaims.map(\.category) == [.active, .active])
    }

    /// A todo without an id is no batch: the dependencies it names go with it, and the batches after it keep
    /// their own (they once took its dependencies, or the plan crashed when it was the last).
    @Test func frontMatterTodosWithoutIDsTakeTheirDependenciesAlong() throws {
        let nameless = extract("---\ntodos:\n  - content: Nameless\n    dependencies: [B1]\n---\n# Plan\n")
        #expect(nameless.batches.isEmpty)
        let plan = extract("""
        ---
        todos:
          - content: Nameless
            dependencies: [B1]
          - id: B2
            content: Second
          - id: B1
            content: First
        ---
        # Plan
        """)
        #expect(plan.batches.map(\.key) == ["B2", "B1"])
        #expect(try batch(plan, "B2").dependsOn.isEmpty)
        #expect(try batch(plan, "B1").dependsOn.isEmpty)
    }

    @Test func groupReferencesAndSlices() throws {
        let plan = extract("""
        ## 1 · Tooling Batches
        - **T1** Shell
          - Dependencies: none
        - **T2** Editor
          - Dependencies: T1
        ## 2 · Release Batches
        - **R1** Package
          - Dependencies: tooling batches
        - **R1-a** Package signing
          - Dependencies: R1
        """)
        #expect(try batch(plan, "R1").dependsOn.map(\.key) == ["T1", "T2"])
        #expect(try batch(plan, "R1-a").parent == "R1")
    }

    @Test func documentWithoutBatchesSaysSo() {
        let plan = extract("# Notes\n\nNothing to schedule here.\n")
        #expect(plan.batches.isEmpty)
        #expect(plan.diagnostics.map(\.code) == ["no-batches"])
    }

    @Test func unknownStatusIsReportedAtItsPosition() throws {
        let plan = extract("## Batch B1: Thing\n- Status: frobnicated\n")
        let diagnostic = try #require(plan.diagnostics.first { $0.code == "unknown-status" })
        #expect(diagnostic.line == 2)
        #expect(diagnostic.column == 11)
    }

    @Test func letterIdColumnsAndBoldLedItems() throws {
        let plan = extract("""
        ## Workstream table

        | WS | Name | Owner |
        |---|---|---|
        | **B** | Collector | Ana |
        | **G-backend** | Privacy execution | Bo |

        ## Critical path

        1. **F0a — Repo skeleton.** Workspace setup. **Blocks: everything.**
        2. **D-seed (Jorge) — Event schema + first migrations.** Zod types.
        3. **Not an id — just emphasis.** Prose.
        """)
        #expect(plan.batches.map(\.key) == ["B", "G-backend", "F0a", "D-seed"])
        #expect(try batch(plan, "F0a").title == "Repo skeleton")
        #expect(try batch(plan, "D-seed").title == "Event schema + first migrations")
    }

    @Test func rangeStatusesAndDependencyStatementsByAlias() throws {
        let plan = extract("""
        # Tasks

        **Status**: **Phases 1-3 Complete ✅** | **Phase 4 Blocked**

        ## Phase 1: Setup (Shared Infrastructure)
        - [ ] T001 Create project
        ## Phase 2: Foundational (Blocking Prerequisites)
        - [ ] T002 Database
        ## Phase 3: User Story 1 - List tasks (Priority: P1)
        - [ ] T003 Endpoint
        ## Phase 4: User Story 2 - Create tasks (Priority: P1)
        - [ ] T004 Endpoint

        ## Dependencies

        - **Foundational (Phase 2)**: Depends on Setup completion
        - **User Stories (Phase 3-4)**: All depend on Foundational phase completion
        - **User Story 2 (P1)**: Can start after US1
        """)
        #expect(plan.batches.map(\.id) == ["1", "2", "3", "4"])
        #expect(plan.batches.prefix(3).allSatisfy { $0.status.category == .done })
        #expect(try batch(plan, "4").status.category == .todo)
        #expect(try batch(plan, "2").dependsOn.map(\.key) == ["1"])
        #expect(try batch(plan, "3").dependsOn.map(\.key) == ["2"])
        #expect(try batch(plan, "4").dependsOn.map(\.key) == ["2", "3"])
    }

    /// Range statuses are found in text that is not ASCII and in any case, including a keyword written with
    /// the Kelvin sign, the one letter outside ASCII that lowercases into it.
    @Test func rangeStatusesInAnyCaseAndScript() throws {
        let plan = extract("""
        # Übersicht

        Stand: PHASES 1-2 erledigt ✅

        Stand: Trac\u{212A}s 3-4 done

        ## Phase 1: Eins
        ## Phase 2: Zwei
        ## Phase 3: Drei
        ## Phase 4: Vier
        ## Phase 5: Fünf
        """)
        #expect(plan.batches.map(\.id) == ["1", "2", "3", "4", "5"])
        #expect(plan.batches.map(\.status.category) == [.done, .done, .done, .done, .todo])
    }
}
