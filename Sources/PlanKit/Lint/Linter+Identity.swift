extension Linter {
    /// `duplicate-id` and `similar-id`, reported at every batch after the first of its kind.
    func identityFindings() -> [Diagnostic] {
        var found: [Diagnostic] = []
        var firstWithID: [String: Int] = [:]
        var firstWithShape: [String: Int] = [:]
        for (i, batch) in plan.batches.enumerated() {
            if let first = firstWithID[batch.id] {
                let earlier = graph[first]
                found.append(diagnostic("duplicate-id",
                    "\(batch.id) names two batches: \(describe(i)) and \(describe(first)) at line \(earlier.source.line)",
                    at: batch.source))
            } else {
                firstWithID[batch.id] = i
            }
            let shape = IDShape.similarityKey(batch.id)
            if let first = firstWithShape[shape] {
                let earlier = graph[first]
                if earlier.id != batch.id {
                    found.append(diagnostic("similar-id",
                        "\(label(i)) and \(label(first)) at line \(earlier.source.line) have ids that look alike but are different batches",
                        at: batch.source))
                }
            } else {
                firstWithShape[shape] = i
            }
        }
        return found
    }

    /// `D1@demo “Webcam capture…” in “7 · Demo Integration Batches”`.
    private func describe(_ index: Int) -> String {
        let batch = graph[index]
        var text = batch.key
        if !batch.title.isEmpty { text += " " + Linter.quoted(Linter.shortened(batch.title)) }
        if let group = batch.group { text += " in " + Linter.quoted(Linter.shortened(group)) }
        return text
    }
}
