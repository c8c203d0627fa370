#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a plan file with a line index; every position in Baton is an offset into these bytes.
public struct SourceText: Sendable {
    /// One line: `start..<contentEnd` is its text, `contentEnd..<end` its terminator (`\n`, `\r\n` or none).
    /// Offsets are stored in 32 bits (plans are read up to 64 MiB): a plan has a line for every 40 bytes.
    public struct Line: Sendable, Hashable {
        private let startOffset: Int32
        private let contentEndOffset: Int32
        private let endOffset: Int32

        public var start: Int { Int(startOffset) }
        public var contentEnd: Int { Int(contentEndOffset) }
        public var end: Int { Int(endOffset) }

        init(start: Int, contentEnd: Int, end: Int) {
            startOffset = Int32(start)
            contentEndOffset = Int32(contentEnd)
            endOffset = Int32(end)
        }
    }

    public let bytes: [UInt8]
    public let lines: [Line]
    /// The line holding the first byte of each block of `1 << blockShift` bytes: a position is found from
    /// there in a step or two. Extraction asks for the line of every fact it reads.
    private let lineOfBlock: [Int32]
    private static let blockShift = 7

    public init(bytes: [UInt8]) {
        // Positions are kept in 32 bits (see `Line`); Baton reads plans of up to 64 MiB.
        precondition(bytes.count < Int(Int32.max), "SourceText holds documents under 2 GiB")
        self.bytes = bytes
        // A long document's lines are found by two threads, split after the newline nearest its middle.
        let split = bytes.count < Self.parallelBytes ? nil : bytes.withUnsafeBufferPointer { buffer -> Int? in
            let middle = buffer.count / 2
            guard let found = memchr(buffer.baseAddress! + middle, Int32(UInt8(ascii: "\n")), buffer.count - middle) else { return nil }
            return buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        var lines: [Line]
        if let split {
            var tail: [Line] = []
            lines = []
            // The first part keeps room for all: the second is appended without growing it.
            SideBySide.run({ lines = Self.lines(of: bytes, in: 0..<split, room: bytes.count / 40 + 1) },
                           { tail = Self.lines(of: bytes, in: split..<bytes.count, room: (bytes.count - split) / 40 + 1) })
            lines.append(contentsOf: tail)
        } else {
            lines = Self.lines(of: bytes, in: 0..<bytes.count, room: bytes.count / 40 + 1)
        }
        self.lines = lines
        var lineOfBlock = [Int32](repeating: 0, count: (bytes.count >> Self.blockShift) + 1)
        var line = 0
        for block in lineOfBlock.indices {
            let start = block << Self.blockShift
            while line + 1 < lines.count, lines[line + 1].start <= start { line += 1 }
            lineOfBlock[block] = Int32(line)
        }
        self.lineOfBlock = lineOfBlock
    }

    public init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// From this many bytes up, lines are found on two threads (2 MB: 0.5 ms on one).
    static let parallelBytes = 512 << 10

    /// The lines that start in `range`, which starts at a line's start; only a range that ends the document
    /// may end inside a line. `room`: lines to reserve (a plan has a line for every 40 bytes or more).
    private static func lines(of bytes: [UInt8], in range: Range<Int>, room: Int) -> [Line] {
        var lines: [Line] = []
        lines.reserveCapacity(room)
        bytes.withUnsafeBufferPointer { buffer in
            var start = range.lowerBound
            let end = range.upperBound
            guard let base = buffer.baseAddress else { return }
            // memchr finds each newline a word or more at a time.
            while start < end, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let contentEnd = index > start && buffer[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
                lines.append(Line(start: start, contentEnd: contentEnd, end: index + 1))
                start = index + 1
            }
            if start < end {
                let contentEnd = buffer[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
                lines.append(Line(start: start, contentEnd: contentEnd, end: end))
            }
        }
        return lines
    }

    /// The 0-based index of the line holding `offset` (the last line for offsets at the end).
    public func lineIndex(containing offset: Int) -> Int {
        guard !lines.isEmpty else { return 0 }
        guard offset > 0 else { return 0 }
        var line = Int(lineOfBlock[min(offset >> Self.blockShift, lineOfBlock.count - 1)])
        while line + 1 < lines.count, lines[line + 1].start <= offset { line += 1 }
        return line
    }

    /// 1-based line and column (in UTF-8 bytes) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        guard !lines.isEmpty else { return (1, 1) }
        let index = lineIndex(containing: offset)
        return (index + 1, offset - lines[index].start + 1)
    }

    /// The bytes of a range decoded as UTF-8; invalid sequences become U+FFFD.
    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The text of a range with mis-encoded runs repaired (see `MojibakeRepair`).
    public func repairedString(_ range: Range<Int>) -> String {
        MojibakeRepair.repair(bytes[range])
    }

    /// `range` without leading and trailing spaces and tabs.
    public func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower].isSpaceOrTab { lower += 1 }
        while upper > lower, bytes[upper - 1].isSpaceOrTab || bytes[upper - 1] == UInt8(ascii: "\r") { upper -= 1 }
        return lower..<upper
    }
}

extension UInt8 {
    @inlinable var isSpaceOrTab: Bool { self == 0x20 || self == 0x09 }
    @inlinable var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
}
