/// The normalized meaning of a status, whatever words or glyphs the document uses.
public enum StatusCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case todo, active, review, done, blocked, deferred, dropped

    /// Work that dependents may build on (`baton next` treats `review` as finished by default).
    public var isFinished: Bool { self == .done || self == .review }
}

/// Where in the document a status was written; decides how `baton mark` rewrites it.
public enum StatusOrigin: String, Sendable, Hashable, Codable {
    case tableCell = "table-cell"
    case field
    case checkbox
    case prose
    case heading
    case frontMatter = "front-matter"
    /// Not written anywhere: derived from task progress or the absence of any claim.
    case derived
}

/// A status as the document writes it (`raw`), what it means (`category`), and where it is.
public struct Status: Sendable, Hashable, Codable {
    public var raw: String
    public var category: StatusCategory
    public var date: String?
    public var origin: StatusOrigin
    /// The bytes that carry the status word or glyph; nil when derived.
    public var span: SourceSpan?

    public init(raw: String, category: StatusCategory, date: String? = nil, origin: StatusOrigin, span: SourceSpan? = nil) {
        self.raw = raw
        self.category = category
        self.date = date
        self.origin = origin
        self.span = span
    }
}
