@testable import PlanKit
import Testing

@Suite struct JSONWriterTests {
    private func document(_ elements: [String]) -> JSONWriter {
        var writer = JSONWriter()
        writer.beginArray()
        writer.elements(elements) { writer, element in writer.value(element) }
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

    /// The room reserved is guessed from the first element; one far larger than the rest must not make the
    /// writer ask for gigabytes (a 200 KB first element of 1,000 once asked for 250 MB).
    @Test func oneLargeFirstElementReservesBoundedRoom() {
        let elements = [String(repeating: "a", count: 200_000)] + (1..<1_000).map { "item \($0)" }
        let writer = document(elements)
        #expect(writer.bytes.count > 200_000)
        #expect(writer.bytes.capacity <= 80 << 20)
    }
}
