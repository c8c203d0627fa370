import PlanSyntax

/// A small streaming JSON writer with a fixed key order, so output is stable and fast to produce.
public struct JSONWriter: Sendable {
    /// Takes the bytes of a writer that hands its output on as it goes (to standard output, say).
    public typealias Drain = @Sendable (UnsafeBufferPointer<UInt8>) -> Void

    /// The JSON written and not yet drained, as UTF-8.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value needs a comma before it: after any value, until an object or array opens or a
    /// key is written (a closed object or array is itself a value, so no stack of these is needed).
    private var needsComma = false
    /// Where the bytes go once `drainSize` of them have piled up between two array elements; nil keeps
    /// them all in `bytes`. A document of megabytes built whole is written once into memory the process
    /// has to get fresh from the system, and that cost more than writing it.
    private let drain: Drain?
    private let drainSize: Int

    /// The JSON written and not yet drained.
    public var output: String { String(decoding: bytes, as: UTF8.self) }

    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
        drain = nil
        drainSize = 0
    }

    /// A writer that hands its bytes to `drain` in pieces of about `pieceSize`; `finish()` hands on the rest.
    public init(drain: @escaping Drain, pieceSize: Int = 1 << 18) {
        bytes.reserveCapacity(pieceSize + pieceSize / 4)
        self.drain = drain
        drainSize = pieceSize
    }

    /// Hands what is left to the drain (nothing to do without one).
    public mutating func finish() {
        guard let drain, !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer(drain)
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func drainIfFull() {
        if drain != nil, bytes.count >= drainSize { finish() }
    }

    @inline(__always)
    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        needsComma = true
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        needsComma = true
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `count` array elements in index order, splitting them between two writers on two cores when
    /// there are enough of them; the bytes are those one writer would write. Each call of `write` must
    /// write exactly one value (the second writer starts as if after a value). By index, so that writing a
    /// batch reads it where it is instead of copying it.
    /// A writer with a drain hands its half on as it goes, then the second half whole.
    public mutating func elements(count: Int, write: (inout JSONWriter, Int) -> Void) {
        guard count >= 512 else {
            for index in 0..<count {
                write(&self, index)
                drainIfFull()
            }
            return
        }
        let middle = count / 2
        // Room guessed from the first element: growing a buffer of megabytes by doubling touches fresh memory
        // at every step (both halves, then the whole), and fresh pages are slow to get.
        let start = bytes.count
        write(&self, 0)
        // At most 64 MiB: a first element far larger than the rest would otherwise ask for gigabytes.
        let guess = min((bytes.count - start) * 5 / 4, (64 << 20) / count)
        if drain == nil { bytes.reserveCapacity(bytes.count + guess * count) }
        // The second writer starts inside an array whose first half is already written.
        var second = JSONWriter(capacity: guess * (count - middle))
        second.needsComma = true
        SideBySide.run({
            for index in 1..<middle {
                write(&self, index)
                drainIfFull()
            }
        }, {
            for index in middle..<count { write(&second, index) }
        })
        if let drain {
            finish()
            second.bytes.withUnsafeBufferPointer(drain)
        } else {
            bytes.append(contentsOf: second.bytes)
        }
    }

    /// Writes `"name":` before the next value. Names are written in the code and need no escaping.
    public mutating func key(_ name: StaticString) {
        assert(name.withUTF8Buffer { $0.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C } }, "JSON key \(name) needs escaping")
        separate()
        bytes.append(UInt8(ascii: "\""))
        append(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func value(_ string: String?) {
        separate()
        if let string { Self.escape(string, into: &bytes) } else { append("null") }
    }

    public mutating func value(_ number: Int) {
        separate()
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        // Digits from the last, into a buffer long enough for UInt64.max.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
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

    /// An array of the text of each element, made one at a time (no array of the texts in between).
    public mutating func field<Element>(_ name: StaticString, _ elements: [Element], text: (Element) -> String) {
        key(name)
        beginArray()
        for element in elements { value(text(element)) }
        endArray()
    }

    /// Inserts already-encoded JSON as the next value.
    public mutating func raw(_ json: String) {
        separate()
        bytes.append(contentsOf: json.utf8)
    }

    static func escape(_ string: String, into output: inout String) {
        var bytes: [UInt8] = []
        escape(string, into: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }

    static func escape(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        let plain = string.withUTF8 { buffer -> Bool in
            for byte in buffer where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            output.append(contentsOf: buffer)
            return true
        }
        if !plain {
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
        }
        output.append(UInt8(ascii: "\""))
    }
}
