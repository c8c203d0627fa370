/// Small text helpers over the standard library (PlanKit does not import Foundation).
enum PlanText {
    /// Lowercase-insensitive words: runs of letters, digits, `_` and `'`.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" || character == "'" || character == "’" {
                current.append(character == "’" ? "'" : character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Text without markdown emphasis, code ticks and link targets, trimmed.
    static func plain(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var characters = Substring(text)
        while let character = characters.first {
            switch character {
            case "*", "`":
                characters.removeFirst()
            case "_" where result.last.map({ !$0.isLetter && !$0.isNumber }) ?? true:
                // `_emphasis_` at a word start; keep snake_case inside words.
                characters.removeFirst()
            case "[":
                // [text](target) → text
                if let close = characters.firstIndex(of: "]"), characters.index(after: close) < characters.endIndex,
                   characters[characters.index(after: close)] == "(",
                   let end = characters[close...].firstIndex(of: ")") {
                    result += characters[characters.index(after: characters.startIndex)..<close]
                    characters = characters[characters.index(after: end)...]
                } else {
                    result.append(character)
                    characters.removeFirst()
                }
            default:
                result.append(character)
                characters.removeFirst()
            }
        }
        return result.trimmingWhitespace()
    }

    /// A path or glob as written, without code ticks (`` `src/**` `` → `src/**`).
    static func unticked(_ text: String) -> String {
        text.split(separator: "`", omittingEmptySubsequences: false).joined().trimmingWhitespace()
    }

    /// Jaccard similarity of the lowercase word sets of two texts.
    static func similarity(_ a: String, _ b: String) -> Double {
        let left = Set(words(a.lowercased()))
        let right = Set(words(b.lowercased()))
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        return Double(left.intersection(right).count) / Double(left.union(right).count)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        trimmingCharacters(in: " \t\r\n\u{00A0}")
    }

    func trimmingCharacters(in set: String) -> String {
        var start = startIndex
        var end = endIndex
        while start < end, set.contains(self[start]) { start = index(after: start) }
        while end > start, set.contains(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }
}
