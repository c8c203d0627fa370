import Foundation
import GRDB

/// One `baton run` (or its resumption): a row of `runs`.
public struct RunRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "runs"
    /// Times are stored as Unix timestamps (REAL): cheap to write, easy to subtract
    /// (`SELECT datetime(started_at, 'unixepoch')` shows them).
    public static let databaseDateEncodingStrategy = DatabaseDateEncodingStrategy.timeIntervalSince1970
    /// Sortable and filename-safe: `20261121T051659Z-3f9a`.
    public var id: String
    public var planPath: String
    public var startedAt: Date
    public var endedAt: Date?
    /// The process that owns (or last owned) the run.
    public var pid: Int32
    /// The command line, JSON-encoded.
    public var argv: String
    public var gitCommit: String?
    public var gitTree: String?
    public var gitDirty: Bool?

    public init(id: String, planPath: String, startedAt: Date, endedAt: Date? = nil, pid: Int32,
                argv: [String], git: GitFacts?) {
        self.id = id
        self.planPath = planPath
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.pid = pid
        self.argv = (try? String(decoding: JSONEncoder().encode(argv), as: UTF8.self)) ?? "[]"
        self.gitCommit = git?.commit
        self.gitTree = git?.tree
        self.gitDirty = git?.dirty
    }

    enum CodingKeys: String, CodingKey {
        case id, planPath = "plan_path", startedAt = "started_at", endedAt = "ended_at", pid, argv
        case gitCommit = "git_commit", gitTree = "git_tree", gitDirty = "git_dirty"
    }

    /// A new run id from the current time and 16 random bits.
    public static func newID(now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let suffix = String(UInt16.random(in: .min ... .max), radix: 16)
        return formatter.string(from: now) + "-" + String(repeating: "0", count: 4 - suffix.count) + suffix
    }
}
