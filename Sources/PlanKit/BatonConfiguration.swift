/// Settings from `baton.toml`. Parsed from text here; the command line reads the file.
///
/// ```toml
/// plan = "docs/BATCH_PLAN.md"
/// cwd = "."
/// [status]            # extra status words
/// "in QA" = "review"
/// [fields]            # extra field labels
/// "Verantwortlich" = "owns"
/// [phases]
/// order = ["Planning", "Scaffolding", "Coding"]
/// strict = true
/// [runners]           # how test-file gates run
/// "*.py" = "pytest {path}"
/// [schedule]
/// finished = ["done", "review"]
/// ```
public struct BatonConfiguration: Sendable, Hashable {
    public var plan: String?
    public var workingDirectory: String?
    public var statusWords: [String: StatusCategory] = [:]
    public var fieldLabels: [String: Vocabulary.Field] = [:]
    public var phaseOrder: [String] = []
    public var phaseOrderIsStrict: Bool?
    /// Glob → command with `{path}`, in file order.
    public var runners: [(pattern: String, command: String)] = []
    /// Status categories that count as finished for `baton next`.
    public var finished: Set<StatusCategory> = [.done, .review]
    /// Batch id → artifact paths.
    public var artifacts: [String: [String]] = [:]

    public init() {}

    public static func == (lhs: BatonConfiguration, rhs: BatonConfiguration) -> Bool {
        lhs.plan == rhs.plan && lhs.workingDirectory == rhs.workingDirectory && lhs.statusWords == rhs.statusWords
            && lhs.fieldLabels == rhs.fieldLabels && lhs.phaseOrder == rhs.phaseOrder
            && lhs.phaseOrderIsStrict == rhs.phaseOrderIsStrict && lhs.runners.elementsEqual(rhs.runners, by: { $0 == $1 })
            && lhs.finished == rhs.finished && lhs.artifacts == rhs.artifacts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(plan)
        hasher.combine(workingDirectory)
    }

    /// The standard vocabulary with this file's words added.
    public func vocabulary(base: Vocabulary = .standard) -> Vocabulary {
        var vocabulary = base
        // Each word set on its own would rebuild the vocabulary's look-ups: the tables are changed once.
        var (words, fields) = (base.statusWords, base.fields)
        for (word, category) in statusWords { words[word.lowered()] = category }
        for (label, field) in fieldLabels { fields[label.lowered()] = field }
        if !statusWords.isEmpty { vocabulary.statusWords = words }
        if !fieldLabels.isEmpty { vocabulary.fields = fields }
        return vocabulary
    }

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func parse(_ text: String) throws(ParseError) -> BatonConfiguration {
        var configuration = BatonConfiguration()
        var table = ""
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(rawLine)).trimmingWhitespace()
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw ParseError(line: number + 1, reason: "unclosed table header") }
                table = line.trimmingCharacters(in: "[] ")
                continue
            }
            guard let equals = firstUnquoted("=", in: line) else { throw ParseError(line: number + 1, reason: "expected key = value") }
            let key = unquote(String(line[..<equals]).trimmingWhitespace())
            let value = try parseValue(String(line[line.index(after: equals)...]).trimmingWhitespace(), line: number + 1)
            try configuration.set(table: table, key: key, value: value, line: number + 1)
        }
        return configuration
    }

    private enum Value {
        case string(String), strings([String]), bool(Bool), int(Int)
    }

    private mutating func set(table: String, key: String, value: Value, line: Int) throws(ParseError) {
        func string() throws(ParseError) -> String {
            guard case .string(let text) = value else { throw ParseError(line: line, reason: "\(key) must be a string") }
            return text
        }
        func strings() throws(ParseError) -> [String] {
            switch value {
            case .strings(let list): return list
            case .string(let text): return [text]
            default: throw ParseError(line: line, reason: "\(key) must be a list of strings")
            }
        }
        switch (table, key) {
        case ("", "plan"): plan = try string()
        case ("", "cwd"): workingDirectory = try string()
        case ("status", _):
            guard let category = StatusCategory(rawValue: try string()) else {
                throw ParseError(line: line, reason: "unknown status category for \(key); use one of \(StatusCategory.allCases.map(\.rawValue).concatenated(separator: ", "))")
            }
            statusWords[key] = category
        case ("fields", _):
            guard let field = Vocabulary.Field(rawValue: try string()) else {
                throw ParseError(line: line, reason: "unknown field for \(key); use one of \(Vocabulary.Field.allCases.map(\.rawValue).concatenated(separator: ", "))")
            }
            fieldLabels[key] = field
        case ("phases", "order"): phaseOrder = try strings()
        case ("phases", "strict"):
            guard case .bool(let flag) = value else { throw ParseError(line: line, reason: "strict must be true or false") }
            phaseOrderIsStrict = flag
        case ("runners", _): runners.append((key, try string()))
        case ("schedule", "finished"):
            var set: Set<StatusCategory> = []
            for word in try strings() {
                guard let category = StatusCategory(rawValue: word) else { throw ParseError(line: line, reason: "unknown status category '\(word)'") }
                set.insert(category)
            }
            finished = set
        case ("artifacts", _): artifacts[key] = try strings()
        default:
            throw ParseError(line: line, reason: "unknown setting '\(table.isEmpty ? key : table + "." + key)'")
        }
    }

    private static func parseValue(_ text: String, line: Int) throws(ParseError) -> Value {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if let number = Int(text) { return .int(number) }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { throw ParseError(line: line, reason: "arrays must close on the same line") }
            let inner = text.dropFirst().dropLast()
            var items: [String] = []
            var current = ""
            var quote: Character?
            for character in inner {
                if let open = quote {
                    if character == open { quote = nil } else { current.append(character) }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "," {
                    items.append(current)
                    current = ""
                }
            }
            if !current.isEmpty { items.append(current) }
            return .strings(items)
        }
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else {
            throw ParseError(line: line, reason: "expected a quoted string, a number, true, false or a list")
        }
        return .string(unquote(text))
    }

    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast()).replacingAll("\\\"", with: "\"").replacingAll("\\\\", with: "\\")
    }

    private static func stripComment(_ line: String) -> String {
        guard let hash = firstUnquoted("#", in: line) else { return line }
        return String(line[..<hash])
    }

    private static func firstUnquoted(_ target: Character, in line: String) -> String.Index? {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == target {
                return index
            }
        }
        return nil
    }
}
