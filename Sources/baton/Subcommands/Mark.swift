import ArgumentParser
import PlanKit

struct Mark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark",
        abstract: "Write a batch's status (or one task's checkbox) back into the plan, in the document's own words and glyphs.",
        discussion: """
        STATUS is a category (todo active review done blocked deferred dropped) or any status word Baton knows \
        (verified, abgeschlossen, in progress, ...). Only the bytes that carry the status change; the file is \
        written through a temporary file and refused if it changed since it was read. A phase-order override \
        (--force) is reported on stderr. What a mark overwrites is kept in .baton/marks.json, so marking a batch back to the status it had restores the document's own words.
        Exit codes: 0 written, 1 nothing written (read-only, changed since read, no place for the status), \
        64 unknown or ambiguous id, unknown status word or task.
        """
    )

    @Argument(help: "The plan file (optional), the batch id or key, and the status.") var arguments: [String]
    @Option(help: "The date to write (YYYY-MM-DD), in the document's date style.") var date: String?
    @Option(help: "A note written on a line under the status.") var note: String?
    @Flag(help: "Add a Status: line when the batch has no status anywhere.") var insert = false
    @Option(help: "Check (or with STATUS todo, uncheck) one task: its number or words of its text.") var task: String?
    @Flag(help: "Check a task even though the plan's phase order forbids it (the override is reported).") var force = false
    @Flag(help: "Print the new file instead of writing it.") var dryRun = false

    func validate() throws {
        if arguments.count < 2 || arguments.count > 3 { throw ValidationError("expected [PLAN] ID STATUS") }
        if let date, EditDate(iso: date) == nil { throw ValidationError("--date must be YYYY-MM-DD, not \(date)") }
    }

    func run() async throws {
        try await reportingErrors {
            let loaded = try LoadedPlan.load(arguments.count == 3 ? arguments[0] : nil)
            let writeBack = StatusWriteBack(loaded)
            let vocabulary = writeBack.vocabulary
            let id = arguments[arguments.count - 2]
            let word = arguments[arguments.count - 1]
            guard let category = StatusCategory(rawValue: word.lowercased()) ?? vocabulary.statusWords[word.lowercased()] else {
                let words = StatusCategory.allCases.map(\.rawValue) + vocabulary.statusWords.keys.sorted()
                throw CLIError("unknown status \(word); use one of: \(words.concatenated(separator: ", "))", exitCode: 64)
            }
            let result: StatusEditResult
            if let task {
                do {
                    guard category == .done || category == .todo else { throw EditError.taskStatus(category) }
                    let selector: ChecklistEdit.Selector = Int(task).map { .number($0) } ?? .text(task)
                    result = try ChecklistEdit.plan(for: id, task: selector, checked: category == .done, force: force,
                                                    in: loaded.plan, source: loaded.bytes, vocabulary: vocabulary)
                } catch let error as EditError {
                    throw writeBack.cliError(error)
                }
            } else {
                result = try writeBack.statusEdit(id, to: category, date: date.flatMap(EditDate.init(iso:)), note: note, insert: insert)
            }
            for message in result.notes { Terminal.note("\(loaded.plan.path): \(message)") }
            if result.edits.isEmpty {
                Terminal.note("\(loaded.plan.path): \(id) already says \(category.rawValue); nothing to change")
                return
            }
            let edited = TextEdit.apply(result.edits, to: loaded.bytes)
            if dryRun {
                Terminal.write(String(decoding: edited, as: UTF8.self))
                return
            }
            try writeBack.write(edited, results: [result])
            Terminal.note("\(loaded.plan.path): marked \(id) \(category.rawValue) (\(result.edits.count) edit\(result.edits.count == 1 ? "" : "s"))")
        }
    }
}
