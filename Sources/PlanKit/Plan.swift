/// Everything Baton read from one plan file.
public struct Plan: Sendable, Hashable, Codable {
    public var path: String
    public var title: String?
    public var batches: [Batch]
    /// Findings made while reading (a document with no batches, unknown status words).
    public var diagnostics: [Diagnostic]
    /// Glyphs the document defines for itself (`✅ = Complete`).
    public var legend: [LegendEntry]
    /// Phase names in the order the document requires them (Planning → Scaffolding → Coding).
    public var phaseOrder: [String]
    /// Whether a later phase may only start once earlier phases are complete.
    public var phaseOrderIsStrict: Bool

    public init(path: String, title: String? = nil, batches: [Batch] = [], diagnostics: [Diagnostic] = [],
                legend: [LegendEntry] = [], phaseOrder: [String] = [], phaseOrderIsStrict: Bool = false) {
        self.path = path
        self.title = title
        self.batches = batches
        self.diagnostics = diagnostics
        self.legend = legend
        self.phaseOrder = phaseOrder
        self.phaseOrderIsStrict = phaseOrderIsStrict
    }

    /// Batches with the given id or key; more than one when an id is shared.
    public func batches(matching idOrKey: String) -> [Batch] {
        if let exact = batches.first(where: { $0.key == idOrKey }) { return [exact] }
        return batches.filter { $0.id == idOrKey }
    }
}

/// One entry of a document's own status legend.
public struct LegendEntry: Sendable, Hashable, Codable {
    /// The glyph as read (repaired), e.g. `✅`.
    public var glyph: String
    /// The word the legend gives it, e.g. `Complete`.
    public var word: String
    public var category: StatusCategory
    public var span: SourceSpan
    public init(glyph: String, word: String, category: StatusCategory, span: SourceSpan) {
        self.glyph = glyph
        self.word = word
        self.category = category
        self.span = span
    }
}
