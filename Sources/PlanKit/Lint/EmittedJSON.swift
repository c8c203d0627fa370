/// A JSON value with ordered object keys, written without Foundation so that output is
/// byte-for-byte stable across platforms.
enum EmittedJSON: Sendable, Hashable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([EmittedJSON])
    case object([(String, EmittedJSON)])

    static func == (lhs: EmittedJSON, rhs: EmittedJSON) -> Bool { lhs.text() == rhs.text() }
    func hash(into hasher: inout Hasher) { hasher.combine(text()) }

    /// The value as text; `indent` spaces per level, or on one line when nil.
    func text(indent: Int? = 2) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, indent: Int?, level: Int) {
        switch self {
        case .string(let s): EmittedJSON.escape(s, into: &out)
        case .int(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                newline(&out, indent, level + 1)
                EmittedJSON.escape(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(to: &out, indent: indent, level: level + 1)
            }
            newline(&out, indent, level)
            out += "}"
        }
    }

    private func newline(_ out: inout String, _ indent: Int?, _ level: Int) {
        guard let indent else { return }
        out += "\n" + String(repeating: " ", count: indent * level)
    }

    static func escape(_ string: String, into out: inout String) {
        JSONWriter.escape(string, into: &out)
    }
}
