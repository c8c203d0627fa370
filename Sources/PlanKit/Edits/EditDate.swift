/// A calendar date given to `baton mark --date`, and the ways documents write dates.
public struct EditDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else or an impossible month or day.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// How a document writes a date.
    public enum Format: Sendable, Hashable {
        /// `2026-04-10`
        case iso
        /// `April 10, 2026` (`german` for German month names).
        case monthDayYear(german: Bool)
        /// `10. April 2026`
        case dayMonthYear(german: Bool)
        /// `10.04.2026`
        case dotted
    }

    public func formatted(_ format: Format) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        switch format {
        case .iso: return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        case .monthDayYear(let german): return "\(Self.monthName(month, german: german)) \(day), \(year)"
        case .dayMonthYear(let german): return "\(day). \(Self.monthName(month, german: german)) \(year)"
        case .dotted: return "\(pad(day, 2)).\(pad(month, 2)).\(year)"
        }
    }

    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                "October", "November", "December"]
    static let germanMonths = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                               "Oktober", "November", "Dezember"]

    static func monthName(_ month: Int, german: Bool) -> String {
        (german ? germanMonths : englishMonths)[month - 1]
    }

    /// The first date written in `text`: its byte range (in `text.utf8`) and format.
    static func find(in text: String) -> (range: Range<Int>, format: Format)? {
        let bytes = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Bool {
            start >= 0 && start + count <= bytes.count && bytes[start..<start + count].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        func isDigit(_ index: Int) -> Bool { index >= 0 && index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 }
        var best: (range: Range<Int>, format: Format)?
        func consider(_ range: Range<Int>, _ format: Format) {
            if best == nil || range.lowerBound < best!.range.lowerBound { best = (range, format) }
        }
        for start in bytes.indices where !isDigit(start - 1) {
            if digits(start, 4), start + 10 <= bytes.count, bytes[start + 4] == 0x2D, digits(start + 5, 2), bytes[start + 7] == 0x2D,
               digits(start + 8, 2), !isDigit(start + 10) {
                consider(start..<start + 10, .iso)
            }
            if digits(start, 2), start + 10 <= bytes.count, bytes[start + 2] == 0x2E, digits(start + 3, 2), bytes[start + 5] == 0x2E,
               digits(start + 6, 4), !isDigit(start + 10) {
                consider(start..<start + 10, .dotted)
            }
        }
        // Month names: `April 10, 2026` and `10. April 2026`.
        for (index, name) in (englishMonths + germanMonths).enumerated() {
            let german = index >= 12 && !englishMonths.contains(name)
            var search = text[...]
            while let found = search.firstRange(of: name) {
                let lower = text.utf8.distance(from: text.startIndex, to: found.lowerBound)
                let upper = text.utf8.distance(from: text.startIndex, to: found.upperBound)
                search = text[found.upperBound...]
                // `April 10, 2026`
                var cursor = upper
                if cursor < bytes.count, bytes[cursor] == 0x20 {
                    cursor += 1
                    var end = cursor
                    while isDigit(end) { end += 1 }
                    if end > cursor, end - cursor <= 2, end + 6 <= bytes.count, bytes[end] == 0x2C, bytes[end + 1] == 0x20, digits(end + 2, 4), !isDigit(end + 6) {
                        consider(lower..<end + 6, .monthDayYear(german: german))
                        continue
                    }
                }
                // `10. April 2026`
                if lower >= 4, bytes[lower - 1] == 0x20, bytes[lower - 2] == 0x2E, isDigit(lower - 3), upper + 5 <= bytes.count,
                   bytes[upper] == 0x20, digits(upper + 1, 4), !isDigit(upper + 5) {
                    var start = lower - 3
                    if isDigit(start - 1) { start -= 1 }
                    consider(start..<upper + 5, .dayMonthYear(german: german))
                }
            }
        }
        return best
    }
}
