import PlanSyntax

extension ExtractionRun {
    /// `**Status**: Phases 1-10 Complete ✅ | Phases 11-12 Blocked ⏸️`: one status for a range of batches.
    mutating func readRangeStatuses() {
        for node in candidates(.pluralKeyword) {
            readRangeStatus(in: node.content)
        }
    }

    private static let pluralKeywords: Set<String> = ["phases", "batches", "milestones", "workstreams", "steps", "stages", "tracks", "sprints"]

    private static let pluralKeywordBytes: [[UInt8]] = pluralKeywords.sorted().map { Array($0.utf8) }

    /// The keywords reversed without their final `s` (every keyword ends in `s`), by the letter before it, so a
    /// match is read backwards from an `s`.
    private static let pluralKeywordsByLetter = PatternTable(pluralKeywords.sorted().map { Array($0.utf8.dropLast().reversed()) },
                                                             key: { $0[0] })

    /// Whether ASCII text without links could mention a plural keyword once `plain` removes emphasis and ticks
    /// (in any case); nil for other text. Only `false` is a firm answer.
    private static func asciiMentionsPlural(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool? {
        func ignorable(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "*") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "_")
        }
        // One pass: other text (non-ASCII, links) and a possible keyword both call for the full reading.
        return pluralKeywordsByLetter.withView { keywordsByLetter -> Bool? in
            let count = buffer.count
            var index = 0
            while index < count {
                let byte = buffer[index]
                if byte >= 0x80 || byte == UInt8(ascii: "[") { return nil }
                // Look back from each `s`, over the marks `plain` may remove, for the keywords whose letters end
                // there.
                if index >= 4, byte | 0x20 == UInt8(ascii: "s") {
                    var before = index - 1
                    while before >= 0, ignorable(buffer[before]) { before -= 1 }
                    if before >= 0 {
                        for keyword in keywordsByLetter.patterns(keyedBy: buffer[before] | 0x20) {
                            let pattern = keywordsByLetter.pattern(keyword)
                            var position = before
                            var offset = 0
                            while offset < pattern.count {
                                while position >= 0, ignorable(buffer[position]) { position -= 1 }
                                guard position >= 0, buffer[position] | 0x20 == pattern[offset] else { break }
                                position -= 1
                                offset += 1
                            }
                            if offset == pattern.count { return true }
                        }
                    }
                }
                index += 1
            }
            return false
        }
    }

    /// Whether text may name a plural keyword (`Phases`), which a range status needs: at least ten bytes, and
    /// for ASCII text without links, the keyword among its letters.
    static func mayMentionPlural(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 10 && asciiMentionsPlural(bytes) != false
    }

    private mutating func readRangeStatus(in range: Range<Int>) {
        let line = plain(range)
        let lowered = line.lowered()
        guard PlanText.containsAny(lowered, Self.pluralKeywordBytes) ?? Self.pluralKeywords.contains(where: { PlanText.contains(lowered, $0) }) else { return }
        for segment in line.split(whereSeparator: { $0 == "|" || $0 == ";" }) {
            let words = segment.split(separator: " ").map(String.init)
            for (index, word) in words.enumerated() where Self.pluralKeywords.contains(word.lowered()) && index + 1 < words.count {
                var bounds = words[index + 1].split(whereSeparator: { "-–—".contains($0) }).map(String.init)
                var restStart = index + 2
                if bounds.count == 1, index + 3 < words.count, ["bis", "to", "-", "–"].contains(words[index + 2].lowered()) {
                    bounds.append(words[index + 3])
                    restStart = index + 4
                }
                guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low < high, high - low < 1000 else { continue }
                let rest = words[min(restStart, words.count)...].concatenated(separator: " ")
                guard statusReader.isOnlyStatus(rest) || rest.split(separator: " ").count <= 2 && statusReader.read(rest, origin: .prose, span: nil) != nil else { continue }
                // A summary of many batches: no span, so `baton mark` never rewrites it for one of them.
                guard let status = statusReader.read(rest, origin: .prose, span: nil) else { continue }
                for number in low...high {
                    for draft in draftsByCanonical[String(number)] ?? [] {
                        batches[draft].statusClaims.append(status)
                    }
                }
            }
        }
    }
}
