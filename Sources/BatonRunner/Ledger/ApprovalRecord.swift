import Foundation
import GRDB

/// A person's sign-off on a `manual` gate: a row of `approvals`.
public struct ApprovalRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "approvals"
    /// Times are stored as Unix timestamps (REAL): cheap to write, easy to subtract
    /// (`SELECT datetime(started_at, 'unixepoch')` shows them).
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.timeIntervalSince1970
    public var id: Int64?
    public var planPath: String
    public var batchKey: String
    public var gateIndex: Int
    public var gateText: String
    public var approvedBy: String
    public var note: String?
    public var approvedAt: Date
    public var gitCommit: String?
    public var gitTree: String?

    public init(id: Int64? = nil, planPath: String, batchKey: String, gateIndex: Int, gateText: String,
                approvedBy: String, note: String?, approvedAt: Date, git: GitFacts?) {
        self.id = id
        self.planPath = planPath
        self.batchKey = batchKey
        self.gateIndex = gateIndex
        self.gateText = gateText
        self.approvedBy = approvedBy
        self.note = note
        self.approvedAt = approvedAt
        self.gitCommit = git?.commit
        self.gitTree = git?.tree
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    enum CodingKeys: String, CodingKey {
        case id, planPath = "plan_path", batchKey = "batch_key", gateIndex = "gate_index", gateText = "gate_text"
        case approvedBy = "approved_by", note, approvedAt = "approved_at", gitCommit = "git_commit", gitTree = "git_tree"
    }
}
