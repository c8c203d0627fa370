import PlanSyntax

/// Checks and unchecks tasks in the document's own checkbox form (`[ ]` → `[x]`, `☐` → `✅`).
public enum ChecklistEdit {
    /// Which task `--task` names: its 1-based number among the batch's tasks, or words of its text.
    public enum Selector: Sendable, Hashable {
        case number(Int)
        case text(String)
    }

    /// Checks (or unchecks) one task; refuses a task of a later phase while an earlier one has unchecked tasks
    /// when the plan says phases run in order, unless `force` (then a note records the override).
    public static func plan(for key: String, task selector: Selector, checked: Bool, force: Bool = false,
                            in plan: Plan, source: [UInt8], vocabulary: Vocabulary = .standard) throws(EditError) -> StatusEditResult {
        let batch = try StatusEdit.batch(key, in: plan)
        let all: [(phase: String?, task: Task)] = batch.phases.flatMap { phase in phase.tasks.map { (phase.name, $0) } }
            + batch.tasks.map { (nil, $0) }
        guard !all.isEmpty else { throw .noTasks(key: batch.key) }
        let chosen: (phase: String?, task: Task)
        switch selector {
        case .number(let number):
            guard (1...all.count).contains(number) else { throw .unknownTask(key: batch.key, "#\(number)", valid: all.map(\.task.text)) }
            chosen = all[number - 1]
        case .text(let text):
            let matches = all.filter { $0.task.text.lowered().contains(text.lowered()) }
            if matches.isEmpty { throw .unknownTask(key: batch.key, text, valid: all.map(\.task.text)) }
            if matches.count > 1 {
                if let exact = matches.first(where: { $0.task.text.lowered() == text.lowered() }) { chosen = exact } else {
                    throw .ambiguousTask(key: batch.key, text, matches: matches.map(\.task.text))
                }
            } else {
                chosen = matches[0]
            }
        }
        var result = StatusEditResult()
        if checked, plan.phaseOrderIsStrict, let phase = chosen.phase {
            let order = plan.phaseOrder.map { $0.lowered() }
            if let position = order.firstIndex(of: phase.lowered()) {
                let earlier = batch.phases.filter { order.firstIndex(of: $0.name.lowered()).map { $0 < position } ?? false }
                let unchecked = earlier.flatMap { phase in phase.tasks.filter { !$0.done }.map { (phase: phase.name, task: $0.text) } }
                if !unchecked.isEmpty {
                    guard force else { throw .phaseOrder(key: batch.key, phase: phase, unchecked: unchecked) }
                    result.notes.append("override (--force): checked a \(phase) task of \(batch.key) while earlier phases have \(unchecked.count) unchecked task(s): "
                                        + unchecked.map { "\($0.phase): \($0.task)" }.concatenated(separator: "; "))
                }
            }
        }
        let style = DocumentStyle(plan: plan, source: source, excluding: "", vocabulary: vocabulary)
        if let edit = edit(chosen.task, checked: checked, plan: plan, source: source, style: style) { result.edits.append(edit) }
        return result
    }

    /// Every task of the batch checked (or unchecked).
    static func setAll(_ batch: Batch, checked: Bool, plan: Plan, source: [UInt8], style: DocumentStyle) -> [TextEdit] {
        (batch.phases.flatMap(\.tasks) + batch.tasks).compactMap { edit($0, checked: checked, plan: plan, source: source, style: style) }
    }

    private static func edit(_ task: Task, checked: Bool, plan: Plan, source: [UInt8], style: DocumentStyle) -> TextEdit? {
        guard task.done != checked, let marker = task.marker, marker.end <= source.count else { return nil }
        let bytes = source[marker.start..<marker.end]
        let misencoded = !MojibakeRepair.runs(in: bytes).isEmpty
        let current = MojibakeRepair.repair(bytes)
        let replacement: String
        if current.contains("[") {
            let capital = markers(plan, source).contains { $0.text.contains("[X]") }
            replacement = checked ? (capital ? "[X]" : "[x]") : "[ ]"
        } else {
            let glyphs = markers(plan, source).filter { $0.done == checked && !$0.text.contains("[") }.map(\.text)
            let glyph = mostUsed(glyphs) ?? (checked ? "✅" : "☐")
            replacement = misencoded ? style.encoding.misencode(glyph) : glyph
        }
        return TextEdit(range: marker.start..<marker.end, replacement: replacement)
    }

    private static func markers(_ plan: Plan, _ source: [UInt8]) -> [(text: String, done: Bool)] {
        plan.batches.flatMap { $0.phases.flatMap(\.tasks) + $0.tasks }.compactMap { task in
            task.marker.flatMap { $0.end <= source.count ? (MojibakeRepair.repair(source[$0.start..<$0.end]), task.done) : nil }
        }
    }

    private static func mostUsed(_ items: [String]) -> String? {
        var counts: [String: Int] = [:]
        for item in items { counts[item, default: 0] += 1 }
        return items.max { counts[$0]! < counts[$1]! }.flatMap { best in items.first { counts[$0] == counts[best] } }
    }
}
