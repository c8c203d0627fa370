import PlanKit

/// What `baton mark` and `baton run --mark` share: a status edit in the document's own words (marking back uses
/// what earlier marks overwrote, from `.baton/marks.json`), and writing the edited plan then remembering what the
/// edits overwrote.
struct StatusWriteBack {
    let loaded: LoadedPlan
    let vocabulary: Vocabulary
    private let memory: [MarkRecord]

    init(_ loaded: LoadedPlan) {
        self.loaded = loaded
        vocabulary = loaded.configuration.vocabulary()
        memory = MarkMemory.records(for: loaded.plan.path)
    }

    var path: String { loaded.plan.path }

    /// The edits that set batch `id` to `category`, exactly as `baton mark` writes them.
    func statusEdit(_ id: String, to category: StatusCategory, date: EditDate? = nil, note: String? = nil,
                    insert: Bool) throws -> StatusEditResult {
        do {
            return try StatusEdit.plan(for: id, to: category, date: date, note: note, insert: insert, in: loaded.plan,
                                       source: loaded.bytes, vocabulary: vocabulary, memory: memory)
        } catch {
            throw cliError(error)
        }
    }

    /// An edit error as a one-line CLI error naming the plan; a bad id, task or status word is a usage error (64).
    func cliError(_ error: EditError) -> CLIError {
        switch error {
        case .unknownBatch, .ambiguousBatch, .unknownTask, .ambiguousTask, .taskStatus, .noTasks:
            CLIError("\(path): \(error.description)", exitCode: 64)
        default:
            CLIError("\(path): \(error.description)")
        }
    }

    /// Writes `edited` over the plan (refused if the file changed since it was read), then keeps what `results`
    /// overwrote so that marking back restores the document's words.
    func write(_ edited: [UInt8], results: [StatusEditResult]) throws {
        try PlanWriter.write(edited, to: path, readBytes: loaded.bytes)
        MarkMemory.update(for: path, adding: results.flatMap(\.records), removing: results.flatMap(\.restored))
    }
}
