/// What the ledger knows about one gate of a batch: its newest finished attempt and approval.
public struct GateEvidence: Sendable, Hashable {
    /// What the plan says the gate is; evidence for different text does not count.
    public var gate: GateID
    public var gateText: String
    public var isManual: Bool
    /// Newest finished attempt for this gate and text, nil when never run.
    public var latestAttempt: AttemptRecord?
    /// Newest approval for this gate and text.
    public var approval: ApprovalRecord?
    /// Whether this gate counts as proven on `tree` (nil: tree unknown, outside git).
    public func isProven(onTree tree: String?) -> Bool {
        if isManual { return approval != nil }
        guard let attempt = latestAttempt, attempt.outcome == .passed else { return false }
        guard let tree else { return true }
        return attempt.gitTree == tree
    }
}

/// A batch's standing: every gate proven on the current tree, or not.
public enum BatchVerification: Sendable, Hashable {
    /// All gates passed (manual ones approved) on the current tree.
    case verified
    /// Some gates have no proof on the current tree; `missing` lists them.
    case unproven(missing: [GateID])
    /// The batch has no gates, so nothing can prove it.
    case noGates

    /// `claimed` vs `verified` for a batch whose status says done.
    public var isVerified: Bool { self == .verified }
}
