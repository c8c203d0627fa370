import PlanSyntax

/// A small streaming JSON writer with a fixed key order, so output is stable and fast to produce.
///
/// It writes into memory it owns, through a pointer: as an array of bytes, every one of the dozen appends
/// of a field called into the runtime to check that the array was not shared (1.4% of `show`'s CPU time).
/// Not copyable, so that two writers never share that memory.
public struct JSONWriter: ~Copyable, @unchecked Sendable {
    /// Takes the bytes of a writer that hands its output on as it goes (to standard output, say).
    public typealias Drain = @Sendable (UnsafeBufferPointer<UInt8>) -> Void

    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Whether the next value needs a comma before it: after any value, until an object or array opens or a
    /// key is written (a closed object or array is itself a value, so no stack of these is needed).
    private var needsComma = false
    /// Where the bytes go once `drainSize` of them have piled up between two array elements; nil keeps
    /// them all. A document of megabytes built whole is written once into memory the process has to get
    /// fresh from the system, and that cost more than writing it.
    private let drain: Drain?
    private let drainSize: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
        drain = nil
        drainSize = 0
    }

    /// A writer that hands its bytes to `drain` in pieces of about `pieceSize`; `finish()` hands on the rest.
    public init(drain: @escaping Drain, pieceSize: Int = 1 << 18) {
        capacity = max(pieceSize + pieceSize / 4, 64)
        base = .allocate(capacity: capacity)
        self.drain = drain
        drainSize = pieceSize
    }

    deinit {
        base.deallocate()
    }

    /// The JSON written and not yet drained, as UTF-8.
    public var bytes: [UInt8] { Array(written) }

    /// The JSON written and not yet drained.
    public var output: String { String(decoding: written, as: UTF8.self) }

    /// Room held for bytes, written or not.
    var reservedCapacity: Int { capacity }

    private var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Hands what is left to the drain (nothing to do without one).
    public mutating func finish() {
        guard let drain, count > 0 else { return }
        drain(written)
        count = 0
    }

    @inline(__always)
    private mutating func drainIfFull() {
        if drain != nil, count >= drainSize { finish() }
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toHold: count + extra) }
    }

    private mutating func grow(toHold needed: Int) {
        let grown = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress else { return }
        reserve(buffer.count)
        (base + count).initialize(from: source, count: buffer.count)
        count += buffer.count
    }

    @inline(__always)
    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// Writes `count` array elements in index order, splitting them between two writers on two cores when
    /// there are enough of them; the bytes are those one writer would write. Each call of `write` must
    /// write exactly one value (the second writer starts as if after a value). By index, so that writing a
    /// batch reads it where it is instead of copying it.
    /// A writer with a drain hands its half on as it goes, then the second half, kept in pieces meanwhile.
    public mutating func elements(count: Int, write: (inout JSONWriter, Int) -> Void) {
        guard count >= 512 else {
            for index in 0..<count {
                write(&self, index)
                drainIfFull()
            }
            return
        }
        let middle = count / 2
        if let drain {
            // Pieces of the drain's size: a second half grown whole was copied into fresh memory at every
            // doubling (1.9 MB of it for a 1 MB half), and fresh pages are slow to get.
            let held = HeldPieces()
            var second = JSONWriter(drain: { held.keep($0) }, pieceSize: drainSize)
            // The second writer starts inside an array whose first half is already written.
            second.needsComma = true
            SideBySide.run({
                for index in 0..<middle {
                    write(&self, index)
                    drainIfFull()
                }
            }, {
                for index in middle..<count {
                    write(&second, index)
                    second.drainIfFull()
                }
            })
            finish()
            second.finish()
            held.handOn(to: drain)
            return
        }
        // Room guessed from the first element of each half: growing a buffer of megabytes by doubling touches
        // fresh memory at every step (both halves, then the whole). One element alone guessed short when a
        // plan opens with a small batch (front matter before the rest).
        let start = self.count
        write(&self, 0)
        var second = JSONWriter(capacity: 0)
        second.needsComma = true
        write(&second, middle)
        // At most 64 MiB: an element far larger than the rest would otherwise ask for gigabytes.
        let guess = min(max(self.count - start, second.count) * 5 / 4, (64 << 20) / count)
        reserve(guess * count)
        second.reserve(guess * (count - middle))
        SideBySide.run({
            for index in 1..<middle { write(&self, index) }
        }, {
            for index in middle + 1..<count { write(&second, index) }
        })
        append(second.written)
    }

    /// The pieces a second writer drained, kept until the first has handed on its own.
    private final class HeldPieces: @unchecked Sendable {
        private var pieces: [[UInt8]] = []

        func keep(_ piece: UnsafeBufferPointer<UInt8>) {
            pieces.append(Array(piece))
        }

        func handOn(to drain: Drain) {
            for piece in pieces { piece.withUnsafeBufferPointer(drain) }
        }
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// An object or array opens where a value may stand; its first member needs no comma.
    private mutating func open(_ bracket: UInt8) {
        separate()
        append(bracket)
        needsComma = false
    }

    /// A closed object or array is itself a value.
    private mutating func close(_ bracket: UInt8) {
        needsComma = true
        append(bracket)
    }

    /// Writes `"name":` before the next value. Names are written in the code and need no escaping.
    public mutating func key(_ name: StaticString) {
        assert(name.withUTF8Buffer { $0.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C } }, "JSON key \(name) needs escaping")
        // One capacity check (so the comma is written here, not by `separate`), and a key of 4 to 16 bytes
        // copied as two words that may overlap: one key is written for every field of every batch, and a
        // `memmove` call or a byte loop cost more than the rest.
        name.withUTF8Buffer { name in
            reserve(name.count + 4)
            var at = count
            if needsComma {
                base[at] = UInt8(ascii: ",")
                at += 1
            }
            base[at] = UInt8(ascii: "\"")
            let target = UnsafeMutableRawPointer(base + at + 1)
            let length = name.count
            if let source = UnsafeRawPointer(name.baseAddress), length >= 4 {
                if length > 16 {
                    target.copyMemory(from: source, byteCount: length)
                } else if length >= 8 {
                    target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
                    target.storeBytes(of: source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self), toByteOffset: length - 8, as: UInt64.self)
                } else {
                    target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
                    target.storeBytes(of: source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self), toByteOffset: length - 4, as: UInt32.self)
                }
            } else {
                for offset in 0..<length { target.storeBytes(of: name[offset], toByteOffset: offset, as: UInt8.self) }
            }
            at += length + 1
            base[at] = UInt8(ascii: "\"")
            base[at + 1] = UInt8(ascii: ":")
            count = at + 2
        }
        needsComma = false
    }

    public mutating func value(_ string: String?) {
        separate()
        if let string { escape(string) } else { append("null") }
    }

    public mutating func value(_ number: Int) {
        separate()
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        // Digits from the last, into a buffer long enough for UInt64.max.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    public mutating func value(_ flag: Bool) {
        separate()
        if flag { append("true") } else { append("false") }
    }

    public mutating func field(_ name: StaticString, _ string: String?) {
        key(name)
        value(string)
    }

    public mutating func field(_ name: StaticString, _ number: Int) {
        key(name)
        value(number)
    }

    public mutating func field(_ name: StaticString, _ flag: Bool) {
        key(name)
        value(flag)
    }

    /// An array whose elements `write` writes one value each, reading every element where it lies: neither
    /// the element nor a string taken from it is copied (each copy retained and released its strings).
    public mutating func field<Element>(_ name: StaticString, _ elements: [Element], _ write: (inout JSONWriter, borrowing Element) -> Void) {
        key(name)
        beginArray()
        elements.withUnsafeBufferPointer { elements in
            for index in elements.indices { write(&self, elements[index]) }
        }
        endArray()
    }

    static func escape(_ string: String, into output: inout String) {
        var bytes: [UInt8] = []
        escape(string, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    static func escape(_ string: String, into output: inout [UInt8]) {
        escape(string) { output.append(contentsOf: $0) }
    }

    private mutating func escape(_ string: String) {
        Self.escape(string) { append($0) }
    }

    /// Whether some byte of `buffer` is a control character, `"` or `\\`, eight bytes at a time (tested byte
    /// by byte, it was a third of the JSON writer's time).
    static func needsEscaping(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= buffer.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if ByteWord.containsByte(below: 0x20, word) || ByteWord.contains(0x22, word) || ByteWord.contains(0x5C, word) {
                    return true
                }
                index += 8
            }
        }
        while index < buffer.count {
            let byte = buffer[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            index += 1
        }
        return false
    }

    /// `string` as a JSON string, quotes included, handed to `emit` in pieces.
    @inline(__always)
    private static func escape(_ string: String, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        let quote: StaticString = "\""
        // Most strings need no escaping and are handed on as they lie.
        let plain = string.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard !needsEscaping(buffer) else { return false }
            quote.withUTF8Buffer(emit)
            emit(buffer)
            quote.withUTF8Buffer(emit)
            return true
        } ?? false
        guard !plain else { return }
        var output: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output.append(UInt8(ascii: "\\")); output.append(UInt8(ascii: "\""))
            case "\\": output.append(UInt8(ascii: "\\")); output.append(UInt8(ascii: "\\"))
            case "\n": output.append(UInt8(ascii: "\\")); output.append(UInt8(ascii: "n"))
            case "\r": output.append(UInt8(ascii: "\\")); output.append(UInt8(ascii: "r"))
            case "\t": output.append(UInt8(ascii: "\\")); output.append(UInt8(ascii: "t"))
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: UTF8.encode(scalar) { output.append($0) }
            }
        }
        output.append(UInt8(ascii: "\""))
        output.withUnsafeBufferPointer(emit)
    }
}
