import Foundation
import GRDB
import PlanKit

/// One attempt at one gate: a row of `attempts`. `endedAt` and `outcome` are nil while it runs,
/// and stay nil if Baton dies; `resume` then marks it `interrupted`.
public struct AttemptRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "attempts"
    /// Times are stored as Unix timestamps (REAL): cheap to write, easy to subtract
    /// (`SELECT datetime(started_at, 'unixepoch')` shows them).
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.timeIntervalSince1970
    public var id: Int64?
    public var runID: String
    public var planPath: String
    public var batchKey: String
    public var gateIndex: Int
    public var gateText: String
    public var gateKind: String
    /// The resolved command line, nil when the gate was not runnable.
    public var command: String?
    public var cwd: String
    public var gitCommit: String?
    public var gitTree: String?
    public var gitDirty: Bool?
    public var startedAt: Date
    public var endedAt: Date?
    public var pid: Int32?
    public var exitCode: Int32?
    public var signal: Int32?
    public var outcome: AttemptOutcome?
    /// Why the watchdog ended it, why it was skipped, or why it could not run.
    public var message: String?
    /// Relative to the repository root: `.baton/logs/<run>/<batch>-<gate>.log`.
    public var logPath: String?
    public var logSize: Int64?
    public var logSHA256: String?
    /// The last lines of output, newline-joined.
    public var tail: String?

    public init(id: Int64? = nil, runID: String, planPath: String, job: GateJob, git: GitFacts?,
                startedAt: Date, logPath: String?) {
        self.id = id
        self.runID = runID
        self.planPath = planPath
        self.batchKey = job.batchKey
        self.gateIndex = job.gateIndex
        self.gateText = job.gateText
        self.gateKind = job.kind.rawValue
        self.command = job.commandLine
        self.cwd = job.workingDirectory
        self.gitCommit = git?.commit
        self.gitTree = git?.tree
        self.gitDirty = git?.dirty
        self.startedAt = startedAt
        self.logPath = logPath
    }

    public var gateID: GateID { GateID(batchKey: batchKey, gateIndex: gateIndex) }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    enum CodingKeys: String, CodingKey {
        case id, runID = "run_id", planPath = "plan_path", batchKey = "batch_key", gateIndex = "gate_index"
        case gateText = "gate_text", gateKind = "gate_kind", command, cwd
        case gitCommit = "git_commit", gitTree = "git_tree", gitDirty = "git_dirty"
        case startedAt = "started_at", endedAt = "ended_at", pid, exitCode = "exit_code", signal, outcome, message
        case logPath = "log_path", logSize = "log_size", logSHA256 = "log_sha256", tail
    }
}
