extension Linter {
    /// `duplicate-id` and `similar-id`, reported at every batch after the first of its kind.
    func identityFindings() -> [Diagnostic] {
        // A local array lets `batches[i].field` borrow instead of copying each batch.
        let batches = plan.batches
        var found: [Diagnostic] = []
        var firstWithID: [String: Int] = [:]
        var firstWithShape: [String: Int] = [:]
        for i in batches.indices {
            if let first = firstWithID[batches[i].id] {
                let earlier = graph[first]
                found.append(diagnostic("duplicate-id",
                    "\(batches[i].id) names two batches: \(describe(i)) and \(describe(first)) at line \(earlier.source.line)",
                    at: batches[i].source))
            } else {
                firstWithID[batches[i].id] = i
            }
            let shape = IDShape.similarityKey(batches[i].id)
            if let first = firstWithShape[shape] {
                let earlier = graph[first]
                if earlier.id != batches[i].id {
                    found.append(diagnostic("similar-id",
                        "\(label(i)) and \(label(first)) at line \(earlier.source.line) have ids that look alike but are different batches",
                        at: batches[i].source))
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
