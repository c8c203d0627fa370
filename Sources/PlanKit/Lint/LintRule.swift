/// One kind of finding: its stable code, default severity and help. The table `LintRule.all`
/// is the single place rules are described; SARIF output and `--help` text read it.
public struct LintRule: Sendable, Hashable, Codable {
    public var code: String
    public var severity: Diagnostic.Severity
    /// One line: what the rule finds.
    public var summary: String
    /// What to do about it.
    public var help: String

    public init(code: String, severity: Diagnostic.Severity, summary: String, help: String) {
        self.code = code
        self.severity = severity
        self.summary = summary
        self.help = help
    }

    /// The rule with this code, if Baton knows it.
    public static func named(_ code: String) -> LintRule? {
        byCode[code]
    }

    /// Looked up for every finding: a plan can have thousands.
    private static let byCode = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// Every rule, those of extraction included, in a fixed order (SARIF rule indices follow it).
    public static let all: [LintRule] = [
        LintRule(code: "duplicate-id", severity: .warning,
                 summary: "One id names two different batches.",
                 help: "Give each batch its own id, or refer to them by key (`D1@demo`) everywhere."),
        LintRule(code: "similar-id", severity: .warning,
                 summary: "Two different batches have ids that differ only in case, dashes or leading zeros (`B1`, `B01`).",
                 help: "Rename one of them so that nobody mistakes one for the other."),
        LintRule(code: "dangling-dependency", severity: .error,
                 summary: "A dependency names a batch id that no batch of the plan has.",
                 help: "Fix the id, add the missing batch, or describe the dependency in words if it lies outside the plan."),
        LintRule(code: "external-dependency", severity: .note,
                 summary: "A dependency names something outside the plan; Baton cannot check it.",
                 help: "Nothing to do if this is intended; the dependency is not scheduled."),
        LintRule(code: "dependency-cycle", severity: .error,
                 summary: "Batches depend on each other in a loop, so none of them can start.",
                 help: "Remove one dependency of the loop, or split a batch."),
        LintRule(code: "done-before-dependency", severity: .warning,
                 summary: "A batch is claimed done or in review while something it depends on is not.",
                 help: "Correct the status of one of the two batches, or the dependency."),
        LintRule(code: "status-conflict", severity: .warning,
                 summary: "Two places in the document give one batch different statuses.",
                 help: "Make the statuses agree; Baton uses the most specific one."),
        LintRule(code: "phase-order", severity: .warning,
                 summary: "A later phase has checked tasks while an earlier phase has unchecked tasks.",
                 help: "Finish the earlier phase first, or uncheck the later task."),
        LintRule(code: "ownership-overlap", severity: .warning,
                 summary: "Two batches that may run at the same time own paths that overlap.",
                 help: "Narrow the owned paths, add a dependency between the batches, or list them in each other's may-run-with when they coordinate."),
        LintRule(code: "misplaced-details", severity: .warning,
                 summary: "A batch's details sit under a different section from the one that lists it.",
                 help: "Move the details next to the batch's section."),
        LintRule(code: "inferred-dependency", severity: .note,
                 summary: "A dependency was found only in running text.",
                 help: "Write it as a `Depends on:` field so that every tool reads it; the fix-it does that."),
        LintRule(code: "unknown-status", severity: .warning,
                 summary: "A status word or glyph that Baton's vocabulary does not know.",
                 help: "Use a known status word, or add the word to the vocabulary in `baton.toml`."),
        LintRule(code: "malformed-table", severity: .warning,
                 summary: "A table row has a different number of cells from its header.",
                 help: "Add or remove cells so that the row matches the header."),
        LintRule(code: "encoding", severity: .warning,
                 summary: "Text that was decoded with the wrong encoding (mojibake such as `â€‘`).",
                 help: "Apply the fix-it to write the characters that were meant."),
        LintRule(code: "missing-gate", severity: .warning,
                 summary: "A batch that is not finished has no way to verify it: no command, test or check.",
                 help: "Add a gate (a command or test file) that proves the batch is done."),
        LintRule(code: "manual-gate", severity: .note,
                 summary: "A gate that no machine can run.",
                 help: "Nothing to do if a person checks it; consider adding a command that does."),
    ]
}
