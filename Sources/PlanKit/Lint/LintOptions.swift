/// How `Linter` judges a plan; `baton.toml` and command-line flags fill it in.
public struct LintOptions: Sendable, Hashable, Codable {
    /// When phase order is enforced.
    public enum PhasePolicy: String, Sendable, Hashable, Codable {
        /// Only when the document says a later phase must wait (`Plan.phaseOrderIsStrict`).
        case document
        /// Always, whenever a phase order is known.
        case strict
        /// Never.
        case off
    }

    /// Turn every warning into an error (`--strict`).
    public var strict: Bool
    /// Which statuses count as finished (for `done-before-dependency`, `ownership-overlap`, `missing-gate`).
    public var policy: SchedulePolicy
    public var phasePolicy: PhasePolicy
    /// A phase order from `baton.toml`; overrides the document's.
    public var phaseOrder: [String]?
    /// The field name the `inferred-dependency` fix-it writes.
    public var dependencyField: String
    /// Skip overlaps where either batch is finished, not only where both are.
    public var overlapIgnoresFinished: Bool
    /// Rule codes not to report.
    public var disabledRules: Set<String>

    public init(strict: Bool = false, policy: SchedulePolicy = SchedulePolicy(), phasePolicy: PhasePolicy = .document,
                phaseOrder: [String]? = nil, dependencyField: String = "Depends on",
                overlapIgnoresFinished: Bool = false, disabledRules: Set<String> = []) {
        self.strict = strict
        self.policy = policy
        self.phasePolicy = phasePolicy
        self.phaseOrder = phaseOrder
        self.dependencyField = dependencyField
        self.overlapIgnoresFinished = overlapIgnoresFinished
        self.disabledRules = disabledRules
    }
}
