import Testing
@testable import PlanKit

@Suite struct LintRendererTests {
    static let diagnostics = [
        Diagnostic(severity: .warning, code: "dangling-dependency", message: "B09 depends on B99, which no batch has", file: "plan.md", line: 12, column: 3),
        Diagnostic(severity: .note, code: "inferred-dependency", message: "say \"it\"\n", file: "docs/my plan.md", line: 4, column: 1,
                   fixIt: FixIt(start: 10, end: 10, replacement: "Depends on: A\n")),
    ]

    @Test func compilerStyleText() {
        #expect(DiagnosticRenderer.text(Self.diagnostics) ==
            "plan.md:12:3: warning: [dangling-dependency] B09 depends on B99, which no batch has\ndocs/my plan.md:4:1: note: [inferred-dependency] say \"it\"\n\n")
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!DiagnosticRenderer.text(Self.diagnostics).contains("\u{1B}"))
        #expect(DiagnosticRenderer.line(Self.diagnostics[0], colour: true).contains("\u{1B}[1;35mwarning:"))
    }

    @Test func json() {
        let json = DiagnosticRenderer.json(Self.diagnostics)
        #expect(json.contains("\"code\":\"dangling-dependency\""))
        #expect(json.contains("\"message\":\"say \\\"it\\\"\\n\""))
        #expect(json.contains("\"replacement\":\"Depends on: A\\n\""))
    }

    @Test func summary() {
        #expect(DiagnosticRenderer.summary(Self.diagnostics) == "1 warning, 1 note")
        #expect(DiagnosticRenderer.summary([]) == "no issues")
    }
}
