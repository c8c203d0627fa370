/// Reads a status text (`🟢 Hydrated`, `abgeschlossen am April 10, 2026`, `[x]`) into a `Status`.
struct StatusReader {
    let vocabulary: Vocabulary
    /// Glyph → category from the document's own legend.
    let legend: [String: StatusCategory]
    var matcher: StatusMatcher { vocabulary.statusMatcher }

    init(vocabulary: Vocabulary, legend: [String: StatusCategory]) {
        self.vocabulary = vocabulary
        self.legend = legend
    }

    func read(_ raw: String, origin: StatusOrigin, span: SourceSpan?) -> Status? {
        guard let reading = reading(raw) else { return nil }
        return Status(raw: raw.trimmingWhitespace(), category: reading.category, date: reading.date, origin: origin, span: span)
    }

    /// What a status text says, or nil when it names no status.
    func reading(_ raw: String) -> Reading? {
        let text = PlanText.plain(raw)
        guard let category = matcher.category(of: text, legend: legend) else { return nil }
        return Reading(category: category, date: Self.date(in: text))
    }

    struct Reading {
        var category: StatusCategory
        var date: String?
    }

    static let filler: Set<String> = ["am", "on", "since", "seit", "as", "of", "at"]

    /// Whether `text` says nothing but a status (and maybe a date): `verified`, `in progress`, `✅ Done`.
    func isOnlyStatus(_ text: String) -> Bool {
        let plain = PlanText.plain(text)
        let words = PlanText.words(plain.lowered())
        guard words.count <= 6 else { return false }
        // Every word a status word, filler, number or month: cheaper than finding the category, so first.
        guard words.allSatisfy({ matcher.statusOrFillerWords[lowered: $0] != nil || $0.allSatisfy(\.isNumber) }) else {
            return false
        }
        return matcher.category(of: plain, legend: legend) != nil
    }

    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "januar", "februar", "märz", "maerz", "mai", "juni", "juli", "oktober", "dezember",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec", "dez",
    ]

    /// The first ten bytes of `text` that spell an ISO date (`2026-04-10`).
    private static func firstISODateBytes(in text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var index = 0
            while index + 10 <= bytes.count {
                var matches = true
                for offset in 0..<10 {
                    let byte = bytes[index + offset]
                    if offset == 4 || offset == 7 ? byte != UInt8(ascii: "-") : !(byte >= 0x30 && byte <= 0x39) {
                        matches = false
                        break
                    }
                }
                if matches { return String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + 10]), as: UTF8.self) }
                index += 1
            }
            return nil
        }
    }

    /// A date written in the text: `2026-04-10`, `April 10, 2026`, `10. April 2026`, `10.04.2026`.
    static func date(in text: String) -> String? {
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        // Every form has a number for a day or a year: most statuses (`✅ Complete`, `offen`) have none.
        if !text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }),
           isASCII || !text.unicodeScalars.contains(where: { !$0.isASCII && $0.properties.numericType != nil }) {
            return nil
        }
        // An ISO date is ten ASCII characters, so ten such bytes: text without them has none, and in ASCII
        // text (a character a byte, CR LF aside, which is no digit) the first such bytes are the date.
        if let found = firstISODateBytes(in: text) {
            if isASCII { return found }
            let characters = Array(text)
            var index = 0
            while index + 10 <= characters.count {
                let slice = characters[index..<index + 10]
                let pattern = slice.enumerated().allSatisfy { offset, character in
                    offset == 4 || offset == 7 ? character == "-" : character.isASCII && character.isNumber
                }
                if pattern { return String(slice) }
                index += 1
            }
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        for (position, word) in words.enumerated() {
            let bare = word.trimmingCharacters(in: ".").lowered()
            guard months.contains(bare) else { continue }
            // `April 10, 2026` or `10. April 2026`.
            if position + 2 < words.count + 0, position + 2 <= words.count - 1,
               words[position + 1].allSatisfy(\.isNumber), words[position + 2].prefix(4).allSatisfy(\.isNumber) {
                return "\(word) \(words[position + 1]), \(words[position + 2].prefix(4))"
            }
            if position > 0, position + 1 < words.count, words[position - 1].trimmingCharacters(in: ".").allSatisfy(\.isNumber),
               words[position + 1].prefix(4).allSatisfy(\.isNumber) {
                return "\(words[position - 1]) \(word) \(words[position + 1].prefix(4))"
            }
        }
        return nil
    }
}
