import Foundation

/// The environment of a gate as `NAME=value\0` rows, built once per run.
///
/// swift-subprocess's `.inherit` re-reads and re-encodes this process's whole environment on every
/// spawn; with thousands of short gates that shows up in profiles, so the rows are prepared once
/// and each gate only appends its own two variables.
public struct GateEnvironment: Sendable, Hashable {
    /// Each row is `NAME=value` followed by a NUL byte.
    public private(set) var rows: [[UInt8]]

    /// This process's environment with `overrides` applied.
    public init(inheritingWith overrides: [String: String] = [:]) {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in overrides { variables[name] = value }
        rows = variables.sorted { $0.key < $1.key }.map { Self.row($0.key, $0.value) }
    }

    /// A copy with `name` set to `value` (replacing an inherited value).
    public func setting(_ name: String, to value: String) -> GateEnvironment {
        var copy = removing(name)
        copy.rows.append(Self.row(name, value))
        return copy
    }

    /// A copy without `name`.
    public func removing(_ name: String) -> GateEnvironment {
        var copy = self
        let prefix = Array((name + "=").utf8)
        copy.rows.removeAll { $0.starts(with: prefix) }
        return copy
    }

    /// A copy with rows appended as they are: for names known to be absent (see ``removing(_:)``),
    /// without the search that ``setting(_:to:)`` does.
    public func appending(_ variables: KeyValuePairs<String, String>) -> GateEnvironment {
        var copy = self
        copy.rows += variables.map { Self.row($0.key, $0.value) }
        return copy
    }

    /// The value of `name`, if set.
    public subscript(name: String) -> String? {
        let prefix = Array((name + "=").utf8)
        guard let row = rows.first(where: { $0.starts(with: prefix) }) else { return nil }
        return String(decoding: row.dropFirst(prefix.count).dropLast(), as: UTF8.self)
    }

    private static func row(_ name: String, _ value: String) -> [UInt8] {
        Array("\(name)=\(value)".utf8) + [0]
    }
}
