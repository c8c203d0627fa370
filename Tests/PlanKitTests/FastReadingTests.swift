import Testing
@testable import PlanKit

/// The byte-level fast paths must read exactly what the general readings read.
@Suite struct FastReadingTests {
    /// The byte and scalar readings of ids must find what the character reading finds, on text built from
    /// the pieces ids, keywords and separators are made of (ASCII, non-ASCII letters and digits included).
    @Test(arguments: 0..<20)
    func fastReadingsAgreeWithTheCharacterReading(seed: Int) {
        let pieces = ["Batch", "batch", "Workstream", "Phase", "Wave", "queue", "B", "B1", "b04", "-a", "-", "_", "1", "12",
                      "–", "—", " ", "  ", ":", ".", ")", "|", "bis", " to ", "**", "`", "F0a", "TASK", "Ä", "é", "٣", "x", "Title", "\u{00A0}"]
        var random = SplitMix64(seed: UInt64(seed))
        for _ in 0..<500 {
            let text = random.text(from: pieces, fewerThan: 7)
            for allowBareRange in [true, false] {
                let fast = BatchIdentifier.leading(text, vocabulary: .standard, allowBareRange: allowBareRange)
                let slow = BatchIdentifier.leadingByCharacters(text, vocabulary: .standard, allowBareRange: allowBareRange)
                #expect(fast?.id == slow?.id && fast?.keyword == slow?.keyword && fast?.rest == slow?.rest
                        && fast?.hadSeparator == slow?.hadSeparator, "\(text.debugDescription)")
            }
        }
    }

    /// `lowered()` is `lowercased()`, on ASCII, on letters with special mappings (`İ`, `ẞ`, `Σ`, `ǅ`) and on
    /// emoji, arrows and combining marks mixed into ASCII.
    @Test func loweredIsLowercased() {
        let pieces = ["Batch B1", "DONE", "İ", "ẞ", "Σ", "ΣΑΣ", "ǅ", "Ä", "é", "e\u{301}", "✅", "⏸️", "→", "🟢", " ", "ﬀ",
                      "Ⅻ", "Ａ", "\u{10400}", "Straße", "ǈ", "ΐ", "x"]
        var random = SplitMix64(seed: 5)
        for _ in 0..<3_000 {
            let text = random.text(from: pieces, fewerThan: 6)
            #expect(text.lowered() == text.lowercased(), "\(text.debugDescription)")
            #expect(text.dropFirst().lowered() == text.dropFirst().lowercased(), "\(text.debugDescription)")
        }
    }

    @Test func canonicalFormsAgreeWithTheCharacterReading() {
        let pieces = ["B", "b", "Phase", "phase", "batch", "Task", "-", "_", " ", " bis ", " to ", "*", "`", "12", "0", "a", "–", "É"]
        var random = SplitMix64(seed: 11)
        for _ in 0..<3_000 {
            let id = random.text(from: pieces, fewerThan: 5)
            #expect(BatchIdentifier.canonical(id) == BatchIdentifier.canonicalByCharacters(id), "\(id.debugDescription)")
        }
    }

    @Test func titleSimilarityAgreesWithTheWordReading() {
        let pieces = ["Export", "export", "EXPORT", "pipeline", "Pipe", "line", " ", "  ", "-", "_", "'", "v2", "B01", ":", "é", "Ärger", "—"]
        var random = SplitMix64(seed: 5)
        for _ in 0..<3_000 {
            let a = random.text(from: pieces, fewerThan: 12)
            let b = random.text(from: pieces, fewerThan: 40)
            #expect(PlanText.similarity(a, b) == PlanText.similarityByWords(a, b), "\(a.debugDescription) ~ \(b.debugDescription)")
        }
    }

    /// The threshold question stops reading a long text early; its answer must be the full score's.
    @Test func similarityThresholdAgreesWithTheScore() {
        // Many distinct words, so that long texts often rule a match out before their end.
        let pieces = ["Export", "export", "pipeline", "Pipe", "line", " ", "-", "v2", "B01", "é"] + (1...40).map { " w\($0) " }
        var random = SplitMix64(seed: 23)
        for _ in 0..<3_000 {
            let a = random.text(from: pieces, fewerThan: 6)
            let b = random.text(from: pieces, fewerThan: 80)
            for threshold in [0.05, 0.1, 0.3] {
                #expect(PlanText.isSimilar(a, b, atLeast: threshold) == (PlanText.similarityByWords(a, b) >= threshold),
                        "\(a.debugDescription) ~ \(b.debugDescription) at \(threshold)")
            }
        }
    }

    /// The text hints come from a table lookup per byte; they must be what a plain reading of the bytes finds
    /// (an arrow's three bytes at the end of a text, digits beside the other bytes from 0x30 to 0x3F).
    @Test func textHintsAgreeWithAByteByByteReading() {
        let pieces = ["=", ">", "-", "→", "â†’", "â", "—", "✅", "7", "a", "Phases", " ", "only after", "\u{E2}", ":", "?", "0", "9", "/", "Batches"]
        var random = SplitMix64(seed: 31)
        for _ in 0..<3_000 {
            let text = random.text(from: pieces, fewerThan: 30)
            let bytes = Array(text.utf8)
            let node = ExtractionRun.TextNode(content: 0..<bytes.count, ownLines: 0..<1)
            let hints = bytes.withUnsafeBufferPointer { ExtractionRun.hints(node, isTopLevelParagraph: false, $0) }
            let arrow = text.contains(">") || bytes.indices.contains { index in
                (bytes[index] == 0xC3 && index + 1 < bytes.count && bytes[index + 1] == 0xA2)
                    || (bytes[index] == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x86 && bytes[index + 2] == 0x92)
            }
            #expect(hints.contains(.arrow) == arrow, "\(text.debugDescription)")
            #expect(hints.contains(.legend) == (bytes.count { $0 == UInt8(ascii: "=") } >= 2), "\(text.debugDescription)")
            let plural = bytes.contains { $0 &- 0x30 < 10 } && bytes.withUnsafeBufferPointer(ExtractionRun.mayMentionPlural)
            #expect(hints.contains(.pluralKeyword) == plural, "\(text.debugDescription)")
        }
    }

    @Test func arrowPartsAgreeWithTheCharacterReading() {
        let pieces = ["B1", " ", "->", "→", "-", ">", "-->", "Planning", "  ", "é", "\r", "a\u{301}", "**"]
        var random = SplitMix64(seed: 41)
        for _ in 0..<3_000 {
            let line = random.text(from: pieces, fewerThan: 12)
            #expect(ExtractionRun.arrowParts(line) == ExtractionRun.arrowPartsByCharacters(line), "\(line.debugDescription)")
        }
    }

    /// Eight bytes at a time must find the marks a byte-by-byte test finds, wherever they fall.
    /// A pattern table gives each key's patterns in the order given and each pattern's bytes as given.
    @Test func patternTablesGroupPatternsByKey() {
        let patterns = ["after ", "requires ", "ängig ", "x", "requires not ", "\u{7F}"].map { Array($0.utf8) }
        PatternTable(patterns, key: { $0[0] }).withView { view in
            for key in 0...255 {
                let expected = patterns.indices.filter { patterns[$0][0] == UInt8(key) }
                #expect(Array(view.patterns(keyedBy: UInt8(key))) == expected, "key \(key)")
            }
            for index in patterns.indices { #expect(Array(view.pattern(index)) == patterns[index]) }
        }
    }

    /// Trimming a set of ASCII characters by bytes gives what trimming by characters gives, for sets with
    /// bytes on both sides of 64 (the two words of the byte mask).
    @Test func trimmingBytesAgreesWithTheCharacterReading() {
        let texts = ["  :x: ", "**Owns**: ", "`src/**`", "(B1).", "~A~", "@@x@@", "ok", "", ":::", "[x] done ]", "é:é", "a\r\n"]
        let sets = [": ", "*_`: ", ".()", "~@", "[] ", "\"'", "-_", "x", "é:"]
        for text in texts {
            for set in sets {
                var start = text.startIndex
                var end = text.endIndex
                while start < end, set.contains(text[start]) { start = text.index(after: start) }
                while end > start, set.contains(text[text.index(before: end)]) { end = text.index(before: end) }
                #expect(text.trimmingCharacters(in: set) == String(text[start..<end]), "\(text.debugDescription) in \(set.debugDescription)")
            }
        }
    }

    /// Trimming whitespace gives what trimming its characters one by one gives, whatever the ends hold.
    @Test func trimmingWhitespaceAgreesWithTheCharacterReading() {
        let whitespace = " \t\r\n\u{00A0}"
        let ends = ["", " ", "\t", "\r\n", "\n", "\r", "\u{00A0}", "à", "x", "é\u{301}", " \u{301}", "🙂"]
        for first in ends {
            for last in ends {
                for middle in ["", "a b", "\u{00A0}"] {
                    let text = first + middle + last
                    var start = text.startIndex
                    var end = text.endIndex
                    while start < end, whitespace.contains(text[start]) { start = text.index(after: start) }
                    while end > start, whitespace.contains(text[text.index(before: end)]) { end = text.index(before: end) }
                    #expect(text.trimmingWhitespace() == String(text[start..<end]), "\(text.debugDescription)")
                }
            }
        }
    }

    /// Plain text read by bytes is plain text read by characters: marks, links, underscores inside words.
    @Test func plainTextByBytesAgreesWithTheCharacterReading() {
        let pieces = ["*", "**", "`", "_", "snake", "_case", "é", "_é", "3", "[", "]", "(", ")", "[x]", "[a](b)", "[B1](#b1)",
                      " ", "  ", "\t", "\u{00A0}", "B1", "done", "🙂", ":"]
        var random = SplitMix64(seed: 57)
        for _ in 0..<5_000 {
            let text = random.text(from: pieces, fewerThan: 10)
            #expect(PlanText.plain(text) == PlanText.plainByCharacters(text), "\(text.debugDescription)")
        }
    }

    @Test func plainTextMarksAreFoundEightBytesAtATime() {
        let alphabet: [UInt8] = Array("ab *`_[)!Z".utf8) + [0x29, 0x2B, 0x5A, 0x5C, 0x5E, 0x61, 0x7F, 0x80, 0xC3, 0xFF, 0x00, 0x01]
        var random = SplitMix64(seed: 43)
        for _ in 0..<5_000 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let start = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            let end = start + (bytes.count == start ? 0 : Int(random.next() % UInt64(bytes.count - start + 1)))
            let expected = (start..<end).contains { bytes[$0].mayChangePlainText }
            #expect(bytes.withUnsafeBufferPointer { PlanText.mayChangePlainText($0, start..<end) } == expected, "\(bytes) \(start)..<\(end)")
        }
    }

    @Test func ownedPathListsSplitAsTheCharacterReadingSplitsThem() {
        let pieces = ["src/a/**", "`", ",", ", ", " ", "tests/b.py", "docs", "where needed", "é", "*", "x y"]
        var random = SplitMix64(seed: 9)
        for _ in 0..<3_000 {
            let text = random.text(from: pieces, fewerThan: 8)
            #expect(ExtractionRun.splitPaths(text) == ExtractionRun.splitPathsByCharacters(text), "\(text.debugDescription)")
        }
    }

    /// The tails after dependency triggers read by bytes from the plain and lowered strings must be the tails
    /// the character reading takes, trigger by trigger.
    @Test func proseTailsAgreeWithTheCharacterReading() {
        let pieces = ["depends on ", "Depends On ", "after ", "AFTER", "requires ", "blocked by ", "wait for ", "waits for ",
                      "abhängig von ", "B1", "Batch 12", " ", "  ", "\t", "x", "**", "`", "_", "[a](b)", "é", "\r", "\u{00A0}",
                      "Workstream A outputs and a long tail of words past forty characters"]
        var random = SplitMix64(seed: 71)
        var readByBytes = 0
        for _ in 0..<4_000 {
            let text = random.text(from: pieces, fewerThan: 9)
            let line = PlanText.plain(text)
            let lowered = line.lowered()
            let expected = ExtractionRun.proseTailsByCharacter(line: line, lowered: lowered)
            if let byBytes = ExtractionRun.proseTails(line: line, lowered: lowered) {
                #expect(byBytes == expected, "\(text.debugDescription)")
                readByBytes += 1
            }
        }
        #expect(readByBytes > 1_000)
    }

    /// Prose read from the source bytes (ASCII text without marks, tails that name nothing left out) names
    /// the same batches as the character reading of its plain, lowercased text.
    @Test func proseReadFromBytesNamesWhatTheCharacterReadingNames() {
        let pieces = ["depends on ", "Depends On ", "after ", "AFTER ", "requires ", "blocked by ", "waits for ", "Wait for ",
                      "B1", "b12", "US1-7", "Batch 12", "batch 3", "phase-2", "tooling batches", "Foundational", "Workstream A",
                      "fallback", "the", "x", "3", " ", "  ", "\t", ",", "-", "(", ")", ".", "*", "`", "_", "é", "\r",
                      "a long tail of words that runs past forty characters"]
        var random = SplitMix64(seed: 29)
        var readFromBytes = 0
        var named = 0
        for _ in 0..<6_000 {
            let text = random.text(from: pieces, fewerThan: 9)
            let bytes = Array(text.utf8)
            guard let tails = bytes.withUnsafeBufferPointer({ ExtractionRun.asciiProseTails($0, 0..<$0.count, vocabulary: .standard) }) else { continue }
            readFromBytes += 1
            let line = PlanText.plain(text)
            let expected = ExtractionRun.proseReferences(ExtractionRun.proseTailsByCharacter(line: line, lowered: line.lowered()), vocabulary: .standard)
            #expect(ExtractionRun.proseReferences(tails, vocabulary: .standard) == expected, "\(text.debugDescription)")
            if !expected.isEmpty { named += 1 }
        }
        #expect(readFromBytes > 1_500)
        #expect(named > 300)
    }

    /// A phrase set says "cannot occur" only for text whose plain, lowercased form holds none of the phrases.
    @Test func phraseSetsNeverMissAPhrase() {
        let phrases = ["depends on ", "after ", "only after", "->", "Blocked By "]
        let set = PhraseSet(phrases)
        let pieces = ["Depends", " ", "on", "ON ", "after", "AFTER ", "only", "-", ">", "->", "blocked by ", "**", "`", "x", "é", "_"]
        var random = SplitMix64(seed: 13)
        var passedOver = 0
        for _ in 0..<5_000 {
            let text = random.text(from: pieces, fewerThan: 8)
            var bytes = text
            let mayOccur = bytes.withUTF8 { set.mayOccur(in: $0) }
            let lowered = PlanText.plain(text).lowercased()
            let occurs = phrases.contains { PlanText.contains(lowered, $0.lowercased()) }
            #expect(mayOccur || !occurs, "\(text.debugDescription)")
            if !mayOccur { passedOver += 1 }
        }
        #expect(passedOver > 500)
    }

    /// Dates are found whatever the text around them; text without a digit is passed over without a reading
    /// by characters, and that must not lose a date written in other digits.
    @Test func statusDatesAreFoundInEveryWriting() {
        let cases: [(String, String?)] = [
            ("done 2026-04-10", "2026-04-10"), ("✅ Complete (2026-04-10)", "2026-04-10"),
            ("abgeschlossen am April 10, 2026", "April 10, 2026"), ("erledigt am 10. April 2026", "10. April 2026"),
            ("✅ erledigt am 10. April 2026", "10. April 2026"), ("✅ done April ١٠, ٢٠٢٦", "April ١٠, ٢٠٢٦"),
            ("✅ Complete", nil), ("in Arbeit", nil), ("done in April", nil), ("🟢 Hydrated", nil), ("2026-4-10", nil),
            // The bytes spell a date, the characters do not: the last digit carries an accent.
            ("✅ done 2026-04-10\u{301}", nil), ("✅ done 2026-04-10\u{301} and 2026-05-01", "2026-05-01"),
        ]
        for (text, date) in cases {
            #expect(StatusReader.date(in: text) == date, "\(text.debugDescription)")
        }
    }

    /// The plain-text cache forgets ranges that share a slot but never answers one range with another's text.
    @Test func plainTextCacheNeverAnswersWithAnotherRangesText() {
        let cache = ExtractionRun.PlainCache()
        var random = SplitMix64(seed: 17)
        var stored: [Int: String] = [:]
        var kept = 0
        for step in 0..<20_000 {
            let lower = Int(random.next() % 4_000_000)
            let key = lower << 32 | (lower + Int(random.next() % 500))
            if step % 2 == 0 {
                cache.store("\(key)", for: key)
                stored[key] = "\(key)"
            } else if let known = cache.text(for: key) {
                #expect(known == stored[key])
            }
        }
        for (key, text) in stored {
            if let known = cache.text(for: key) {
                #expect(known == text)
                kept += 1
            }
        }
        #expect(kept > 0 && kept <= 1024)
    }

    /// Vocabulary look-ups by bytes answer as the dictionaries they were built from: every word of the
    /// standard vocabulary's labels, status words and keywords in three cases, and random dictionaries and
    /// queries with capitals, non-ASCII letters (composed and decomposed), and the three characters that
    /// `String` takes as equal to ASCII ones (U+037E `;`, U+1FEF `` ` ``, U+212A `K`).
    @Test func wordLookupsAnswerAsTheirDictionaries() {
        func check<Value: Equatable>(_ dictionary: [String: Value], _ lookup: WordLookup<Value>, _ word: String) {
            let lowered = word.lowered()
            #expect(lookup[lowered: lowered] == dictionary[lowered], "\(word.debugDescription)")
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(Array(word.utf8).withUnsafeBufferPointer { lookup.value(lowercasingASCII: $0) } == dictionary[lowered],
                        "\(word.debugDescription)")
            }
        }
        let vocabulary = Vocabulary.standard
        let keywords = Dictionary(vocabulary.batchKeywords.map { ($0, Vocabulary.KeywordKind.batch) }
                                  + vocabulary.groupKeywords.map { ($0, Vocabulary.KeywordKind.group) }, uniquingKeysWith: { _, later in later })
        for word in Array(vocabulary.fields.keys) + Array(vocabulary.statusWords.keys) + Array(keywords.keys) {
            for written in [word, word.uppercased(), word.prefix(1).uppercased() + word.dropFirst()] {
                check(vocabulary.fields, vocabulary.fieldLookup, written)
                check(vocabulary.statusWords, vocabulary.statusMatcher.statusWords, written)
                check(keywords, vocabulary.keywordKinds, written)
            }
        }
        var random = SplitMix64(seed: 23)
        let pieces = ["dep", "ends", " on", "Owns", "GATE", "ä", "a\u{308}", "É", "ab", "x", " ", "-", ";", "\u{37E}", "`", "\u{1FEF}", "k", "\u{212A}"]
        for _ in 0..<300 {
            var dictionary: [String: Int] = [:]
            for value in 0..<Int(random.next() % 40) { dictionary[random.text(from: pieces, fewerThan: 4).lowered()] = value }
            let lookup = WordLookup(dictionary)
            for word in dictionary.keys { check(dictionary, lookup, word) }
            for _ in 0..<40 { check(dictionary, lookup, random.text(from: pieces, fewerThan: 4)) }
        }
    }

    /// A word in both keyword sets introduces a group, as the sets were asked before (group first).
    @Test func aKeywordOfBothKindsIntroducesAGroup() {
        var vocabulary = Vocabulary.standard
        vocabulary.batchKeywords.insert("wave")
        #expect(vocabulary.keywordKinds[lowered: "wave"] == .group)
        #expect(BatchIdentifier.leading("Wave W1: first", vocabulary: vocabulary) == nil)
        #expect(Array("Wave W1".utf8).withUnsafeBufferPointer { BatchIdentifier.cannotLead($0, vocabulary: vocabulary) })
        #expect(BatchIdentifier.leading("Batch B1: first", vocabulary: vocabulary)?.id == "B1")
    }

    /// A status may stand with fillers and dates around it (`done since March 2024`), in English and German.
    @Test func statusesStandWithFillerAndMonths() {
        let reader = StatusReader(vocabulary: .standard, legend: [:])
        #expect(reader.isOnlyStatus("done since March 2024"))
        #expect(reader.isOnlyStatus("erledigt seit märz"))
        #expect(reader.isOnlyStatus("in progress as of june"))
        #expect(!reader.isOnlyStatus("done with the parser"))
    }

    /// The offset sets answer as `Set<Int>` through inserts of new and repeated offsets and their growth.
    @Test func offsetSetsAnswerAsSets() {
        var random = SplitMix64(seed: 29)
        var expected: Set<Int> = []
        var offsets = OffsetSet()
        for _ in 0..<20_000 {
            let offset = Int(random.next() % 50_000)
            if random.next() % 2 == 0 {
                expected.insert(offset)
                offsets.insert(offset)
            } else {
                #expect(offsets.contains(offset) == expected.contains(offset))
            }
        }
        #expect(offsets.count == expected.count)
        #expect((0..<50_000).allSatisfy { offsets.contains($0) == expected.contains($0) })
    }
}
