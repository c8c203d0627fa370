import GRDB

/// A file a passing attempt produced, with its size and SHA-256: a row of `artifacts`.
public struct ArtifactRecord: Sendable, Hashable, Codable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "artifacts"
    public var id: Int64?
    public var attemptID: Int64
    /// As found: relative to the job's working directory when the pattern was relative.
    public var path: String
    public var size: Int64
    public var sha256: String

    public init(id: Int64? = nil, attemptID: Int64, path: String, size: Int64, sha256: String) {
        self.id = id
        self.attemptID = attemptID
        self.path = path
        self.size = size
        self.sha256 = sha256
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    enum CodingKeys: String, CodingKey {
        case id, attemptID = "attempt_id", path, size, sha256
    }
}
