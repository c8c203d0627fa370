import PlanKit
import Testing
@testable import BatonRunner

@Suite struct GateResolverTests {
    let resolver = GateResolver(testRunners: [
        .init(pattern: "*.py", template: "pytest {path}"),
        .init(pattern: "*.ts", template: "node {path}"),
        .init(pattern: "*.test.ts", template: "npx vitest run {path}"),
    ])
    let span = SourceSpan(start: 0, end: 0, line: 1, column: 1)

    @Test(arguments: [
        (Gate.Kind.command, "cargo test -p cli", ["/bin/sh", "-c", "cargo test -p cli"]),
        (.testFile, "backend/tests/test_part_key_service.py",
         ["/bin/sh", "-c", "pytest backend/tests/test_part_key_service.py"]),
        (.testFile, "web/a b.test.ts", ["/bin/sh", "-c", "npx vitest run 'web/a b.test.ts'"]),
        (.testFile, "web/util.ts", ["/bin/sh", "-c", "node web/util.ts"]),
    ])
    func runnableGatesResolveToAShellCommand(kind: Gate.Kind, text: String, expected: [String]) {
        #expect(resolver.command(for: Gate(kind: kind, text: text, span: span)) == expected)
    }

    @Test func testFileWithoutARunnerAndManualGatesAreNotRunnable() {
        #expect(resolver.command(for: Gate(kind: .testFile, text: "spec/a_spec.rb", span: span)) == nil)
        #expect(resolver.command(for: Gate(kind: .manual, text: "QA signs off", span: span)) == nil)
    }

    @Test func jobsCarryBatchDependenciesAndArtifacts() {
        let batch = Batch(key: "B2", id: "B2", title: "Two", status: Status(raw: "todo", category: .todo, origin: .field),
                          dependsOn: [Dependency(key: "B1", text: "B1", origin: .field, span: span)],
                          gates: [Gate(kind: .command, text: "make", span: span),
                                  Gate(kind: .manual, text: "review", span: span)],
                          artifacts: [Mention(text: "dist/*.tar.gz", span: span)], source: span)
        let jobs = resolver.jobs(for: [batch], workingDirectory: "/repo")
        #expect(jobs.map(\.gateIndex) == [0, 1])
        #expect(jobs.allSatisfy { $0.dependencies == ["B1"] && $0.artifacts == ["dist/*.tar.gz"] })
        #expect(jobs[1].command == nil)
    }

    @Test(arguments: [("plain/path.txt", "plain/path.txt"), ("it's", "'it'\\''s'"), ("", "''"), ("a;b", "'a;b'")])
    func shellQuoting(raw: String, quoted: String) {
        #expect(ShellQuoting.quote(raw) == quoted)
    }
}
