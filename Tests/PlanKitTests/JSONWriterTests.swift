@testable import PlanKit
import Testing

@Suite struct JSONWriterTests {
    private func document(_ elements: [String]) -> JSONWriter {
        var writer = JSONWriter()
        writer.beginArray()
        writer.elements(count: elements.count) { writer, index in writer.value(elements[index]) }
        writer.endArray()
        return writer
    }

    /// Long arrays are written in two halves on two cores: the bytes are those one writer writes.
    @Test func longArraysAreWrittenAsOneWriterWould() {
        let elements = (0..<2_000).map { "item \($0) \"quoted\" \\ \(String(repeating: "x", count: $0 % 37))" }
        var single = JSONWriter()
        single.beginArray()
        for element in elements { single.value(element) }
        single.endArray()
        #expect(document(elements).output == single.output)
    }

    /// A writer with a drain hands on the same bytes, in pieces, and keeps only the piece in progress.
    @Test func drainedWriterHandsOnTheSameBytesInPieces() {
        final class Pieces: @unchecked Sendable { var sizes: [Int] = []; var bytes: [UInt8] = [] }
        let pieces = Pieces()
        for count in [3, 2_000] {
            pieces.sizes = []
            pieces.bytes = []
            let elements = (0..<count).map { "item \($0) \(String(repeating: "y", count: $0 % 91))" }
            var drained = JSONWriter(drain: { pieces.sizes.append($0.count); pieces.bytes += $0 }, pieceSize: 4_096)
            drained.beginArray()
            drained.elements(count: elements.count) { writer, index in writer.value(elements[index]) }
            drained.endArray()
            drained.finish()
            #expect(drained.bytes.isEmpty)
            #expect(String(decoding: pieces.bytes, as: UTF8.self) == document(elements).output)
            if count > 1_000 {
                #expect(pieces.sizes.count > 10)
                // Pieces of both halves stay near their size: neither half is held whole.
                #expect(pieces.sizes.allSatisfy { $0 < 4_096 + 200 })
            }
        }
    }

    @Test func everyByteThatNeedsEscapingIsFoundWhereverItStands() {
        // Each byte value at each position of strings around the eight-byte steps, among ASCII and UTF-8 bytes.
        for length in [1, 7, 8, 9, 16, 17] {
            for position in 0..<length {
                for byte in UInt8.min...UInt8.max {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if length > 2 { bytes[(position + 1) % length] = 0xC3 }
                    bytes[position] = byte
                    let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
                    #expect(bytes.withUnsafeBufferPointer(JSONWriter.needsEscaping) == expected, "byte \(byte) at \(position) of \(length)")
                }
            }
        }
        var writer = JSONWriter()
        writer.value("tab\there, \"quoted\" and back\\slash \u{1} é")
        #expect(writer.output == #""tab\there, \"quoted\" and back\\slash \u0001 é""#)
    }

    /// The room reserved is guessed from the first element; one far larger than the rest must not make the
    /// writer ask for gigabytes (a 200 KB first element of 1,000 once asked for 250 MB).
    @Test func oneLargeFirstElementReservesBoundedRoom() {
        let elements = [String(repeating: "a", count: 200_000)] + (1..<1_000).map { "item \($0)" }
        let writer = document(elements)
        #expect(writer.bytes.count > 200_000)
        #expect(writer.reservedCapacity <= 80 << 20)
    }

    /// Commas, nesting and numbers, written without a stack of states or a string per number.
    @Test func nestedValuesAndNumbers() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("numbers", 0)
        writer.key("list")
        writer.beginArray()
        for number in [0, 7, 10, -1, -10, 1_234_567_890, Int.max, Int.min] { writer.value(number) }
        writer.beginArray()
        writer.endArray()
        writer.beginObject()
        writer.field("empty", [Int]()) { $0.value($1) }
        writer.field("squares", [1, 2, 3]) { $0.value($1 * $1) }
        writer.key("flag")
        writer.value(true)
        writer.endObject()
        writer.value(nil as String?)
        writer.endArray()
        writer.field("after", "x")
        writer.endObject()
        #expect(writer.output == #"{"numbers":0,"list":[0,7,10,-1,-10,1234567890,9223372036854775807,-9223372036854775808,[],{"empty":[],"squares":[1,4,9],"flag":true},null],"after":"x"}"#)
    }
}
