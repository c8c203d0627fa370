/// A finding about a plan, printed as `plan.md:12:3: warning: [code] message`.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable rule code such as `dangling-dependency`.
    public var code: String
    public var message: String
    public var file: String
    public var line: Int
    public var column: Int
    public var fixIt: FixIt?

    public init(severity: Severity, code: String, message: String, file: String, line: Int, column: Int, fixIt: FixIt? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.fixIt = fixIt
    }

    public init(severity: Severity, code: String, message: String, file: String, at span: SourceSpan, fixIt: FixIt? = nil) {
        self.init(severity: severity, code: code, message: message, file: file, line: span.line, column: span.column, fixIt: fixIt)
    }
}

/// A replacement of one byte range of the plan file.
public struct FixIt: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var replacement: String
    /// Whether `baton lint --fix` may apply it unasked: it restores what the author wrote
    /// (an encoding repair), rather than guessing what they meant (a dependency read from prose).
    public var isSafe: Bool
    public init(start: Int, end: Int, replacement: String, isSafe: Bool = true) {
        self.start = start
        self.end = end
        self.replacement = replacement
        self.isSafe = isSafe
    }
}
