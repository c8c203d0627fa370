/// The JSON contract of `baton show --format json` (documented in the README; other tools rely on these names).
extension Plan {
    /// `evidence[i]` is what a ledger says of batch `i` (`verified` or `claimed`); empty when none was read.
    public func writeJSON(into writer: inout JSONWriter, evidence: [String?] = []) {
        writer.beginObject()
        writer.field("path", path)
        writer.field("title", title)
        writer.key("batches")
        writer.beginArray()
        // Each batch is handed over by address: read through a subscript it was copied first, every string
        // and array in it retained and released, and the two writer threads did that on strings batches
        // share. Nothing is written through the address.
        batches.withUnsafeBufferPointer { buffer in
            let batches = UnsafeMutablePointer(mutating: buffer.baseAddress)
            writer.elements(count: buffer.count) { writer, index in
                batches![index].writeFields(into: &writer, evidence: index < evidence.count ? evidence[index] : nil)
            }
        }
        writer.endArray()
        writer.key("diagnostics")
        writer.beginArray()
        for diagnostic in diagnostics { diagnostic.writeJSON(into: &writer) }
        writer.endArray()
        writer.endObject()
    }

    /// `{"plans": [...]}` for a set of plans.
    public static func json(_ plans: [Plan], evidence: [[String?]] = []) -> String {
        String(decoding: jsonBytes(plans, evidence: evidence), as: UTF8.self)
    }

    /// `json(_:evidence:)` as UTF-8 bytes.
    /// `evidence[i]` goes with `plans[i]`, as in `writeJSON(into:evidence:)`.
    public static func jsonBytes(_ plans: [Plan], evidence: [[String?]] = []) -> [UInt8] {
        var writer = JSONWriter()
        writeJSON(plans, evidence: evidence, into: &writer)
        return writer.bytes
    }

    /// `json(_:evidence:)` written into `writer` (one with a drain streams it).
    public static func writeJSON(_ plans: [Plan], evidence: [[String?]] = [], into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("plans")
        writer.beginArray()
        for (index, plan) in plans.enumerated() { plan.writeJSON(into: &writer, evidence: index < evidence.count ? evidence[index] : []) }
        writer.endArray()
        writer.endObject()
        writer.finish()
    }
}

extension Batch {
    /// One batch object; `evidence` is `verified` or `claimed` when a ledger was consulted.
    public func writeJSON(into writer: inout JSONWriter, evidence: String? = nil) {
        var batch = self
        batch.writeFields(into: &writer, evidence: evidence)
    }

    /// Mutating only so that the batch is passed by address, not copied: it writes nothing to the batch.
    fileprivate mutating func writeFields(into writer: inout JSONWriter, evidence: String?) {
        writer.beginObject()
        writer.field("key", key)
        writer.field("id", id)
        writer.field("title", title)
        writer.field("group", group)
        writer.field("parent", parent)
        writer.key("status")
        writer.beginObject()
        writer.field("category", status.category.rawValue)
        writer.field("raw", status.raw)
        writer.field("date", status.date)
        writer.field("origin", status.origin.rawValue)
        if let span = status.span { writeSource(span, into: &writer) }
        writer.endObject()
        if let evidence { writer.field("evidence", evidence) }
        writer.field("dependsOn", dependsOn) { $0.value($1.key) }
        writer.field("mayRunWith", mayRunWith) { $0.value($1.key) }
        writer.field("mergeAfter", mergeAfter) { $0.value($1.key) }
        writer.field("externalDependencies", externalDependencies) { $0.value($1.text) }
        writer.field("owns", owns) { $0.value($1.text) }
        writer.field("gates", gates) { writer, gate in
            writer.beginObject()
            writer.field("kind", gate.kind.rawValue)
            writer.field("text", gate.text)
            writer.field("line", gate.span.line)
            writer.endObject()
        }
        writer.field("acceptance", acceptance) { $0.value($1.text) }
        writer.field("artifacts", artifacts) { $0.value($1.text) }
        writer.field("phases", phases) { writer, phase in
            writer.beginObject()
            writer.field("name", phase.name)
            Self.writeTasks("tasks", phase.tasks, into: &writer)
            writer.endObject()
        }
        Self.writeTasks("tasks", tasks, into: &writer)
        let progress = self.progress
        writer.key("progress")
        writer.beginObject()
        writer.field("done", progress.done)
        writer.field("total", progress.total)
        writer.endObject()
        writer.key("source")
        writer.beginObject()
        writer.field("line", source.line)
        writer.field("column", source.column)
        writer.endObject()
        writer.endObject()
    }

    private static func writeTasks(_ name: StaticString, _ tasks: [Task], into writer: inout JSONWriter) {
        writer.field(name, tasks) { writer, task in
            writer.beginObject()
            writer.field("text", task.text)
            writer.field("done", task.done)
            writer.field("line", task.span.line)
            writer.endObject()
        }
    }

    private func writeSource(_ span: SourceSpan, into writer: inout JSONWriter) {
        writer.field("line", span.line)
        writer.field("column", span.column)
    }
}

extension Diagnostic {
    public func writeJSON(into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("severity", severity.rawValue)
        writer.field("code", code)
        writer.field("message", message)
        writer.field("file", file)
        writer.field("line", line)
        writer.field("column", column)
        if let fixIt {
            writer.key("fixIt")
            writer.beginObject()
            writer.field("start", fixIt.start)
            writer.field("end", fixIt.end)
            writer.field("replacement", fixIt.replacement)
            writer.field("safe", fixIt.isSafe)
            writer.endObject()
        }
        writer.endObject()
    }
}
