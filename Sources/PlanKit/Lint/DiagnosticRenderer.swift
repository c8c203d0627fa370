import PlanSyntax

/// Diagnostics as text for people (`plan.md:12:3: warning: [code] message`) or as JSON.
public enum DiagnosticRenderer {
    /// One line per diagnostic in the Swift compiler's form; ANSI colour only when `colour`.
    public static func text(_ diagnostics: [Diagnostic], colour: Bool = false) -> String {
        // Appended in place, the two halves of a long list on two cores: a plan can have ten thousand findings.
        func lines(_ range: Range<Int>) -> String {
            var out = ""
            out.reserveCapacity(range.count * 160)
            for index in range {
                append(diagnostics[index], colour: colour, to: &out)
                out += "\n"
            }
            return out
        }
        guard diagnostics.count >= 2048 else { return lines(diagnostics.indices) }
        let middle = diagnostics.count / 2
        var (first, second) = ("", "")
        SideBySide.run({ first = lines(0..<middle) }, { second = lines(middle..<diagnostics.count) })
        return first + second
    }

    /// `plan.md:12:3: warning: [dangling-dependency] B09 depends on B99, which no batch has`.
    public static func line(_ d: Diagnostic, colour: Bool = false) -> String {
        var out = ""
        append(d, colour: colour, to: &out)
        return out
    }

    private static func append(_ d: Diagnostic, colour: Bool, to out: inout String) {
        guard colour else {
            out += d.file; out += ":"; out += String(d.line); out += ":"; out += String(d.column); out += ": "
            out += d.severity.rawValue; out += ": ["; out += d.code; out += "] "; out += d.message
            return
        }
        let tint = switch d.severity {
        case .error: "\u{1B}[1;31m"
        case .warning: "\u{1B}[1;35m"
        case .note: "\u{1B}[1;90m"
        }
        let (bold, reset) = ("\u{1B}[1m", "\u{1B}[0m")
        out += "\(bold)\(d.file):\(d.line):\(d.column):\(reset) \(tint)\(d.severity.rawValue):\(reset) \(bold)[\(d.code)] \(d.message)\(reset)"
    }

    /// A JSON array of diagnostic objects (`file`, `line`, `column`, `severity`, `code`,
    /// `message`, and `fixIt` with byte offsets when there is one).
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for diagnostic in diagnostics { diagnostic.writeJSON(into: &writer) }
        writer.endArray()
        return writer.output + "\n"
    }

    /// `2 errors, 1 warning, 3 notes`, or `no issues`.
    public static func summary(_ diagnostics: [Diagnostic]) -> String {
        let parts = [Diagnostic.Severity.error, .warning, .note].compactMap { severity -> String? in
            let n = diagnostics.count { $0.severity == severity }
            return n == 0 ? nil : "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
        }
        return parts.isEmpty ? "no issues" : parts.concatenated(separator: ", ")
    }
}
