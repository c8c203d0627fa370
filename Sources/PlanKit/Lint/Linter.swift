import PlanSyntax

/// Checks a plan and returns every finding, those made while reading it included.
///
/// Each rule is linear in batches plus edges, except `ownership-overlap`, which compares only
/// owned paths that share their leading literal segments.
public struct Linter: Sendable {
    let graph: PlanGraph
    /// The owned paths of the batches that may run (all but dropped ones), for `ownership-overlap`.
    let ownedPaths: OwnershipIndex
    let options: LintOptions
    /// The plan's bytes, for fix-its that must find the end of a line.
    let source: [UInt8]?

    var plan: Plan { graph.plan }

    /// Indexes `plan` for checking: its dependency graph and its owned paths, side by side.
    ///
    /// - Parameter source: the plan file's bytes; without them fix-its that insert a new line
    ///   are left out.
    public init(_ plan: Plan, source: [UInt8]? = nil, options: LintOptions = LintOptions()) {
        var graph: PlanGraph?
        var ownedPaths: OwnershipIndex?
        SideBySide.run({ graph = PlanGraph(plan, policy: options.policy) },
                       { ownedPaths = OwnershipIndex(plan) { plan.batches[$0].status.category != .dropped } })
        self.init(graph: graph!, ownedPaths: ownedPaths!, options: options, source: source)
    }

    init(graph: PlanGraph, ownedPaths: OwnershipIndex, options: LintOptions, source: [UInt8]?) {
        self.graph = graph
        self.ownedPaths = ownedPaths
        self.options = options
        self.source = source
    }

    /// Findings for `plan`, extraction's included, sorted by position.
    public static func lint(_ plan: Plan, source: [UInt8]? = nil, options: LintOptions = LintOptions()) -> [Diagnostic] {
        Linter(plan, source: source, options: options).findings()
    }

    /// Every finding, extraction's included, sorted by position.
    public func findings() -> [Diagnostic] {
        // The rules only read the plan: the costliest, ownership overlap, runs beside all the others.
        var ownership: [Diagnostic] = []
        var before: [Diagnostic] = []
        var after: [Diagnostic] = []
        SideBySide.run({ ownership = ownershipFindings() }, {
            before = identityFindings() + dependencyFindings() + statusFindings() + phaseOrderFindings()
            after = detailFindings() + gateFindings()
        })
        return finished(plan.diagnostics + before + ownership + after)
    }

    /// The findings without disabled rules, with `--strict` applied, sorted.
    func finished(_ found: [Diagnostic]) -> [Diagnostic] {
        var found = found
        if !options.disabledRules.isEmpty { found.removeAll { options.disabledRules.contains($0.code) } }
        if options.strict {
            for i in found.indices where found[i].severity == .warning { found[i].severity = .error }
        }
        return Linter.sorted(found)
    }

    /// By file, line, column, then most severe first, then code, keeping equal findings in order.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        // Positions are sorted, not findings: a finding is several strings, and moving one retains each.
        let order = diagnostics.withUnsafeBufferPointer { d in
            d.indices.sorted { a, b in
                if d[a].line != d[b].line || d[a].file != d[b].file {
                    return d[a].file != d[b].file ? d[a].file < d[b].file : d[a].line < d[b].line
                }
                if d[a].column != d[b].column { return d[a].column < d[b].column }
                if d[a].severity != d[b].severity { return d[a].severity > d[b].severity }
                if d[a].code != d[b].code { return d[a].code < d[b].code }
                return a < b
            }
        }
        return order.map { diagnostics[$0] }
    }

    /// A finding of `code` at its rule's default severity.
    func diagnostic(_ code: String, _ message: String, at span: SourceSpan, fixIt: FixIt? = nil) -> Diagnostic {
        Diagnostic(severity: LintRule.named(code)?.severity ?? .warning, code: code, message: message,
                   file: graph.plan.path, at: span, fixIt: fixIt)
    }

    /// `O7 (Full OS image assembly…)`: the id, or the key when the id is shared, and the title.
    func label(_ index: Int) -> String {
        let name = graph.displayName(of: index)
        let title = Linter.shortened(graph[index].title)
        return title.isEmpty || title == name ? name : "\(name) (\(title))"
    }

    /// `Hydrated (review)`.
    func statusText(_ status: Status) -> String {
        status.raw.isEmpty || status.raw.lowered() == status.category.rawValue
            ? status.category.rawValue : "\(status.raw) (\(status.category.rawValue))"
    }

    static func shortened(_ text: String, limit: Int = 60) -> String {
        // No more bytes than the limit means no more characters either: nothing to count.
        text.utf8.count <= limit || text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// `“text”`.
    static func quoted(_ text: String) -> String { "“\(text)”" }
}
