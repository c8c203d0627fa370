/// Why `baton mark` cannot make an edit; each message names the offending value.
public enum EditError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownBatch(String, valid: [String])
    case ambiguousBatch(String, keys: [String])
    /// The batch has no status anywhere: where `--insert` would put one, and the line it would write.
    case noStatus(key: String, line: Int, text: String)
    case cannotInsert(key: String, reason: String)
    /// The status lives only in a checklist, which can say done or todo only.
    case checklistCannotExpress(key: String, StatusCategory)
    case unknownTask(key: String, String, valid: [String])
    case ambiguousTask(key: String, String, matches: [String])
    case noTasks(key: String)
    case taskStatus(StatusCategory)
    /// Checking a task of a later phase while earlier phases have unchecked tasks.
    case phaseOrder(key: String, phase: String, unchecked: [(phase: String, task: String)])

    public var description: String {
        switch self {
        case .unknownBatch(let id, let valid):
            "no batch \(id); valid keys: \(valid.concatenated(separator: ", "))"
        case .ambiguousBatch(let id, let keys):
            "\(id) names \(keys.count) batches; use a key: \(keys.concatenated(separator: ", "))"
        case .noStatus(let key, let line, let text):
            "\(key) has no status in the document; with --insert baton would add `\(text)` at line \(line)"
        case .cannotInsert(let key, let reason):
            "cannot insert a status for \(key): \(reason)"
        case .checklistCannotExpress(let key, let category):
            "\(key) keeps its status in checkboxes, which say only done or todo, not \(category.rawValue); nothing changed (--insert adds a Status: line)"
        case .unknownTask(let key, let text, let valid):
            "\(key) has no task \(text); its tasks: \(valid.enumerated().map { "\($0.offset + 1). \($0.element)" }.concatenated(separator: "; "))"
        case .ambiguousTask(let key, let text, let matches):
            "\(text) matches \(matches.count) tasks of \(key): \(matches.concatenated(separator: "; ")); give more of the text or the number"
        case .noTasks(let key):
            "\(key) has no tasks"
        case .taskStatus(let category):
            "a task can only be marked done or todo, not \(category.rawValue)"
        case .phaseOrder(let key, let phase, let unchecked):
            "\(key): the plan requires earlier phases to be complete before \(phase); unchecked: "
                + unchecked.map { "\($0.phase): \($0.task)" }.concatenated(separator: "; ") + " (--force overrides)"
        }
    }

    public static func == (left: EditError, right: EditError) -> Bool { left.description == right.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
