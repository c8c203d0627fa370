/// POSIX shell quoting for paths substituted into runner templates and for display.
public enum ShellQuoting {
    /// `text` unchanged when it needs no quoting, otherwise in single quotes with `'` escaped.
    public static func quote(_ text: String) -> String {
        let safe = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: ":"),
                 UInt8(ascii: "@"), UInt8(ascii: "="), UInt8(ascii: ","):
                true
            default:
                false
            }
        }
        if safe && !text.isEmpty { return text }
        return "'" + text.replacing("'", with: "'\\''") + "'"
    }
}
