import PlanSyntax

/// Builds a `Plan` from a block tree with small recognizers, one per shape of fact.
public struct PlanExtractor: Sendable {
    public var vocabulary: Vocabulary

    public init(vocabulary: Vocabulary = .standard) {
        self.vocabulary = vocabulary
    }

    public func extract(_ document: PlanDocument, path: String) -> Plan {
        extractKeepingWork(document, path: path).plan
    }

    /// `extract`, also handing back the reading's working state (indexes over every block, reference and
    /// draft), for a caller about to exit that would rather not spend milliseconds freeing it object by object.
    public func extractKeepingWork(_ document: PlanDocument, path: String) -> (plan: Plan, work: ExtractionWork) {
        var run = ExtractionRun(document: document, path: path, vocabulary: vocabulary)
        run.recordsTrace = false
        let plan = run.extract()
        return (plan, ExtractionWork(run: run))
    }

    /// The plan and, for `baton inspect`, which recognizer took each block (keyed by the block's byte range).
    public func extractWithTrace(_ document: PlanDocument, path: String) -> (plan: Plan, trace: [Range<Int>: String]) {
        var run = ExtractionRun(document: document, path: path, vocabulary: vocabulary)
        let plan = run.extract()
        return (plan, run.trace)
    }
}

/// What a reading computed on the way to its plan; of no use but to be kept alive (see `extractKeepingWork`).
public struct ExtractionWork {
    let run: ExtractionRun
}
