/// Repairs UTF-8 text that was once decoded as cp1252 or cp1254 and saved again (`âœ…` for `✅`),
/// including runs where the decoder dropped a byte it had no character for (`â³` for `⏳`).
///
/// Only runs that decode to valid UTF-8 are repaired; correct text around them is left alone.
public enum MojibakeRepair {
    /// One mis-encoded run: its bytes in the input and the text they were meant to be.
    public struct Run: Sendable, Hashable {
        public var range: Range<Int>
        public var replacement: String
    }

    /// The text of `bytes` with every mis-encoded run replaced; invalid UTF-8 becomes U+FFFD.
    public static func repair(_ bytes: ArraySlice<UInt8>) -> String {
        let runs = self.runs(in: bytes)
        if runs.isEmpty { return String(decoding: bytes, as: UTF8.self) }
        var result = ""
        var cursor = bytes.startIndex
        for run in runs {
            result += String(decoding: bytes[cursor..<run.range.lowerBound], as: UTF8.self)
            result += run.replacement
            cursor = run.range.upperBound
        }
        result += String(decoding: bytes[cursor..<bytes.endIndex], as: UTF8.self)
        return result
    }

    public static func repair(_ string: String) -> String {
        repair(ArraySlice(string.utf8))
    }

    /// The first byte at or after `start` that can open a run (0xC3, 0xC4 or 0xC5), read 16 bytes at a time:
    /// a plan is mostly ASCII, and the search for runs reads every byte of it.
    public static func firstRunLead(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        precondition(start >= 0, "firstRunLead: negative start")
        var index = start
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            let lowest = SIMD16<UInt8>(repeating: 0xC3)
            let width = SIMD16<UInt8>(repeating: 2)
            while index + 16 <= buffer.count {
                if any((raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self) &- lowest) .<= width) { break }
                index += 16
            }
        }
        while index < buffer.count {
            if buffer[index] &- 0xC3 <= 2 { return index }
            index += 1
        }
        return nil
    }

    /// The mis-encoded runs of `bytes`, with ranges in the indices of the slice.
    public static func runs(in bytes: ArraySlice<UInt8>) -> [Run] {
        // A run starts with a scalar standing for a UTF-8 lead byte (0xC2 and up): U+00C2–U+00FF or a cp1254
        // letter (U+011E, U+011F, U+0130, U+0131, U+015E, U+015F), whose own UTF-8 is two bytes opening with
        // 0xC3, 0xC4 or 0xC5; a repair takes at least one more scalar standing for a continuation byte, which is
        // not ASCII. Correct text with accents (`Abhängigkeit`) has ASCII after each such scalar: no decoding.
        let mayHoldRun = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var from = 0
            while let lead = firstRunLead(in: buffer, from: from) {
                if lead + 2 < buffer.count, buffer[lead + 2] >= 0x80 { return true }
                from = lead + 1
            }
            return false
        }
        return mayHoldRun ? decodedRuns(in: bytes) : []
    }

    /// `runs` found by decoding every scalar; `runs` must agree with it.
    static func decodedRuns(in bytes: ArraySlice<UInt8>) -> [Run] {
        // Decode to scalars, keeping each scalar's byte range; map each to the byte it was decoded from.
        var runs: [Run] = []
        var candidate: [(range: Range<Int>, byte: UInt8)] = []
        func flush() {
            if candidate.count >= 2 { runs += repairs(in: candidate) }
            candidate.removeAll(keepingCapacity: true)
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let (scalar, length) = decodeScalar(bytes, at: index)
            if let scalar, let byte = legacyByte(for: scalar) {
                candidate.append((index..<index + length, byte))
            } else {
                flush()
            }
            index += length
        }
        flush()
        return runs
    }

    /// Decodes the bytes that the scalars of one candidate run stood for, UTF-8 sequence by sequence.
    private static func repairs(in candidate: [(range: Range<Int>, byte: UInt8)]) -> [Run] {
        var runs: [Run] = []
        var position = 0
        var pending: (start: Int, end: Int, text: String)?
        func close() {
            if let run = pending { runs.append(Run(range: run.start..<run.end, replacement: run.text)) }
            pending = nil
        }
        while position < candidate.count {
            let lead = candidate[position].byte
            let needed = sequenceLength(lead)
            guard needed > 1 else {
                close()
                position += 1
                continue
            }
            var continuation: [UInt8] = []
            var next = position + 1
            while next < candidate.count, continuation.count < needed - 1, (0x80...0xBF).contains(candidate[next].byte) {
                continuation.append(candidate[next].byte)
                next += 1
            }
            if let decoded = decodeSequence(lead: lead, continuation: continuation, needed: needed) {
                let start = candidate[position].range.lowerBound
                let end = candidate[next - 1].range.upperBound
                if var run = pending, run.end == start {
                    run.text += decoded
                    run.end = end
                    pending = run
                } else {
                    close()
                    pending = (start, end, decoded)
                }
                position = next
            } else {
                close()
                position += 1
            }
        }
        close()
        return runs
    }

    /// Bytes that cp1252 and cp1254 leave undefined; a decoder that met them dropped them.
    private static let droppedBytes: [UInt8] = [0x8F, 0x81, 0x8D, 0x90, 0x9D, 0x8E, 0x9E]

    private static func decodeSequence(lead: UInt8, continuation: [UInt8], needed: Int) -> String? {
        if continuation.count == needed - 1 {
            return validScalar([lead] + continuation).map { String(Character($0)) }
        }
        guard continuation.count == needed - 2 else { return nil }
        // One byte lost: accept only a restoration that gives an emoji or a variation selector.
        for position in 0...continuation.count {
            for dropped in droppedBytes {
                var restored = continuation
                restored.insert(dropped, at: position)
                if let scalar = validScalar([lead] + restored), scalar.value == 0xFE0F || (scalar.value >= 0x2000 && scalar.properties.isEmoji) {
                    return String(Character(scalar))
                }
            }
        }
        return nil
    }

    private static func validScalar(_ sequence: [UInt8]) -> Unicode.Scalar? {
        var iterator = sequence.makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil else { return nil }
        return scalar.value >= 0x80 ? scalar : nil
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    /// Decodes one scalar at `index`; an invalid byte yields nil and length 1.
    private static func decodeScalar(_ bytes: ArraySlice<UInt8>, at index: Int) -> (Unicode.Scalar?, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = sequenceLength(lead)
        guard length > 1, index + length <= bytes.endIndex else { return (nil, 1) }
        // Well-formed UTF-8 (Unicode table 3-7): the second byte's range depends on the lead.
        let second = bytes[index + 1]
        let secondRange: ClosedRange<UInt8> = switch lead {
        case 0xE0: 0xA0...0xBF
        case 0xED: 0x80...0x9F
        case 0xF0: 0x90...0xBF
        case 0xF4: 0x80...0x8F
        default: 0x80...0xBF
        }
        guard secondRange.contains(second) else { return (nil, 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        value = value << 6 | UInt32(second & 0x3F)
        var offset = 2
        while offset < length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
            offset += 1
        }
        guard let scalar = Unicode.Scalar(value), value >= 0x80 else { return (nil, 1) }
        return (scalar, length)
    }

    /// The byte that cp1252 or cp1254 decodes to `scalar`, for bytes 0x80 and above.
    static func legacyByte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 { return nil }  // every special is above U+0151
        if value <= 0xFF { return UInt8(value) }
        return specials[value]
    }

    private static let specials: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
        // cp1254 (Turkish) letters in place of Ð Ý Þ ð ý þ.
        0x011E: 0xD0, 0x0130: 0xDD, 0x015E: 0xDE, 0x011F: 0xF0, 0x0131: 0xFD, 0x015F: 0xFE,
    ]
}
