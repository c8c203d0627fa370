import Testing
@testable import PlanKit

@Suite struct GraphPathPatternTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var a: String
        var b: String
        var overlaps: Bool
        var testDescription: String { "\(a) ∩ \(b)" }
        init(_ a: String, _ b: String, _ overlaps: Bool) {
            self.a = a
            self.b = b
            self.overlaps = overlaps
        }
    }

    static let cases: [Case] = [
        Case("backend/tests/**", "backend/tests/domains/test_workflow_*.py", true),
        Case("backend/tests/**", "backend/tests/domains/test_workflow_schema.py", true),
        Case("backend/tests/domains/test_workflow_*.py", "backend/tests/domains/test_workflow_schema.py", true),
        Case("backend/tests/domains/test_workflow_*.py", "backend/tests/domains/test_output_types_api.py", false),
        Case("frontend/src/pages/WorkflowEditor.tsx", "frontend/src/components/workflows/**", false),
        Case("frontend/src/pages/WorkflowEditor.tsx", "frontend/src/pages/WorkflowEditor.tsx", true),
        Case("frontend/src/pages/*.tsx", "frontend/src/pages/WorkflowEditor.tsx", true),
        Case("frontend/src/pages/*.ts", "frontend/src/pages/WorkflowEditor.tsx", false),
        Case("docs/workflows/** where needed", "docs/workflows/NEXT.md", true),
        Case("backend/app/config.py only if required for test bootstrapping", "backend/app/config.py", true),
        Case("backend/app/config.py only if required", "backend/app/database.py", false),
        // Owning a directory owns what is beneath it.
        Case("backend/app", "backend/app/models.py", true),
        Case("codex_logs/", "codex_logs/run.log", true),
        Case("`docs/security/`", "docs/security/THREAT_MODEL.md", true),
        Case("**/*.md", "docs/a/b/README.md", true),
        Case("**/*.md", "src/main.swift", false),
        Case("src/**/test_*.py", "src/*/deep/test_a.py", true),
        Case("src/**/a.py", "lib/**/a.py", false),
        Case("a/*/c", "a/b/*", true),
        Case("a/*/c", "a/b", true),
        Case("a/?", "a/bc", false),
        Case("a/??", "a/bc", true),
        Case("a/[abc].py", "a/b.py", true),
        Case("a/[abc].py", "a/d.py", false),
        Case("a/[a-f]*.py", "a/[!a-f]*.py", false),
        Case("a/[!x]", "a/[!y]", true),
        Case("a/{b,c}/d", "a/c/d", true),
        Case("a/{b,c}/d", "a/e/d", false),
        Case("*_test.go", "main_*.go", true),
        Case("*.go", "*.py", false),
        Case("x*y*z", "*a*", true),
        Case("./src/a.swift", "src/a.swift", true),
    ]

    @Test(arguments: cases)
    func overlap(_ c: Case) throws {
        let a = try #require(PathPattern(mention: c.a))
        let b = try #require(PathPattern(mention: c.b))
        #expect(a.overlaps(b) == c.overlaps)
        #expect(b.overlaps(a) == c.overlaps)
        if let witness = a.commonPath(with: b) {
            // The witness must itself match both patterns.
            let path = try #require(PathPattern(witness))
            #expect(path.overlaps(a) && path.overlaps(b), "witness \(witness)")
        }
    }

    @Test func witnessIsAConcretePath() throws {
        let a = try #require(PathPattern(mention: "backend/tests/**"))
        let b = try #require(PathPattern(mention: "backend/tests/domains/test_workflow_*.py"))
        #expect(a.commonPath(with: b) == "backend/tests/domains/test_workflow_.py")
    }

    /// The byte-level reading of ASCII mentions must give exactly the pattern (and literal prefix) the general
    /// reading gives.
    @Test(arguments: 0..<20)
    func asciiMentionsReadAsTheGeneralReadingDoes(seed: Int) {
        let pieces = ["a", "src", "tests", "x.py", ".", "..", "./", "/", "//", "*", "**", "?", "[ab]", "[!a]", "\\*", "{a,b}",
                      " ", "\t", "\n", "`", "\"", "'", ",", ";", ":", ")", "-", "_", "where needed", "é"]
        var random = SplitMix64(seed: UInt64(seed))
        for _ in 0..<500 {
            let text = random.text(from: pieces, fewerThan: 8)
            #expect(PathPattern(mention: text) == PathPattern(generalMention: text), "\(text.debugDescription)")
            #expect(PathPattern.literalPrefix(ofMention: text) == PathPattern(generalMention: text)?.literalPrefix, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("docs/workflows/** where needed", "docs/workflows/**"),
        ("`a b/c.py` (shared)", "a b/c.py"),
        ("backend/app/database.py,", "backend/app/database.py"),
        ("./src//lib/", "src/lib"),
    ])
    func mentionKeepsOnlyThePath(_ text: String, _ expected: String) {
        #expect(PathPattern(mention: text)?.text == expected)
    }
}
