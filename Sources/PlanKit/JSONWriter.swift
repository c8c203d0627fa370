/// A small streaming JSON writer with a fixed key order, so output is stable and fast to produce.
public struct JSONWriter: Sendable {
    public private(set) var output: String = ""
    private var needsComma: [Bool] = [false]

    public init() {
        output.reserveCapacity(1 << 16)
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() {
        separate()
        output += "{"
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        output += "}"
    }

    public mutating func beginArray() {
        separate()
        output += "["
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        output += "]"
    }

    /// Writes `"name":` before the next value.
    public mutating func key(_ name: String) {
        separate()
        Self.escape(name, into: &output)
        output += ":"
        needsComma[needsComma.count - 1] = false
    }

    public mutating func value(_ string: String?) {
        separate()
        if let string { Self.escape(string, into: &output) } else { output += "null" }
    }

    public mutating func value(_ number: Int) {
        separate()
        output += String(number)
    }

    public mutating func value(_ flag: Bool) {
        separate()
        output += flag ? "true" : "false"
    }

    public mutating func field(_ name: String, _ string: String?) {
        key(name)
        value(string)
    }

    public mutating func field(_ name: String, _ number: Int) {
        key(name)
        value(number)
    }

    public mutating func field(_ name: String, _ flag: Bool) {
        key(name)
        value(flag)
    }

    public mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for string in strings { value(string) }
        endArray()
    }

    /// Inserts already-encoded JSON as the next value.
    public mutating func raw(_ json: String) {
        separate()
        output += json
    }

    static func escape(_ string: String, into output: inout String) {
        output += "\""
        var plainRun = true
        for byte in string.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            plainRun = false
            break
        }
        if plainRun {
            output += string
        } else {
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\n": output += "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
