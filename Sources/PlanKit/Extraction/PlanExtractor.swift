import PlanSyntax

/// Builds a `Plan` from a block tree with small recognizers, one per shape of fact.
public struct PlanExtractor: Sendable {
    public var vocabulary: Vocabulary

    public init(vocabulary: Vocabulary = .standard) {
        self.vocabulary = vocabulary
    }

    public func extract(_ document: PlanDocument, path: String) -> Plan {
        var run = ExtractionRun(document: document, path: path, vocabulary: vocabulary)
        run.recordsTrace = false
        return run.extract()
    }

    /// The plan and, for `baton inspect`, which recognizer took each block (keyed by the block's byte range).
    public func extractWithTrace(_ document: PlanDocument, path: String) -> (plan: Plan, trace: [Range<Int>: String]) {
        var run = ExtractionRun(document: document, path: path, vocabulary: vocabulary)
        let plan = run.extract()
        return (plan, run.trace)
    }
}
