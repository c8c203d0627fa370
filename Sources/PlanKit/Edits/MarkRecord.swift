/// What one status claim said before `baton mark` rewrote it.
///
/// A document may use a word only once (`⏳ Backlog` among many `⏳ Pending`), which no rule can guess back; with
/// these records, marking a batch back to the status it had restores the document's own words byte for byte.
public struct MarkRecord: Sendable, Hashable, Codable {
    public var key: String
    /// The category the claim had before the rewrite.
    public var category: StatusCategory
    /// The bytes before and after (the claim's text and any cell padding the edit covered).
    public var before: [UInt8]
    public var after: [UInt8]

    public init(key: String, category: StatusCategory, before: [UInt8], after: [UInt8]) {
        self.key = key
        self.category = category
        self.before = before
        self.after = after
    }
}
