/// Diagnostics as a SARIF 2.1.0 log that GitHub code scanning accepts.
public enum SarifRenderer {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The project page SARIF viewers link to; the CLI may pass its own.
    public static let defaultInformationURI = "https://github.com/baton-plans/baton"

    /// One run of the `baton` tool: every rule of `LintRule.all` (and any other code that
    /// occurs) with its help, and one result per diagnostic with its physical location.
    ///
    /// Columns are written as Baton counts them, in UTF-8 bytes; for ASCII lines that equals
    /// SARIF's default UTF-16 count. Fix-its become SARIF `fixes` with byte offsets.
    public static func render(_ diagnostics: [Diagnostic], toolVersion: String? = nil,
                              informationURI: String = defaultInformationURI) -> String {
        var rules = LintRule.all
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { ruleIndex[rule.code] = i }
        for d in diagnostics where ruleIndex[d.code] == nil {
            ruleIndex[d.code] = rules.count
            rules.append(LintRule(code: d.code, severity: d.severity, summary: d.code, help: d.code))
        }
        var driver: [(String, EmittedJSON)] = [
            ("name", .string("baton")),
            ("informationUri", .string(informationURI)),
        ]
        if let toolVersion { driver.append(("version", .string(toolVersion))) }
        driver.append(("rules", .array(rules.map(ruleObject))))
        let results = diagnostics.map { d in result(d, ruleIndex: ruleIndex[d.code] ?? 0) }
        let log: EmittedJSON = .object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object(driver))])),
                ("results", .array(results)),
            ])])),
        ])
        return log.text() + "\n"
    }

    private static func ruleObject(_ rule: LintRule) -> EmittedJSON {
        .object([
            ("id", .string(rule.code)),
            ("name", .string(ruleName(rule.code))),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.summary + " " + rule.help))])),
            ("help", .object([("text", .string(rule.help))])),
            ("defaultConfiguration", .object([("level", .string(rule.severity.rawValue))])),
        ])
    }

    private static func result(_ d: Diagnostic, ruleIndex: Int) -> EmittedJSON {
        let artifact: EmittedJSON = .object([("uri", .string(uri(d.file)))])
        var members: [(String, EmittedJSON)] = [
            ("ruleId", .string(d.code)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(d.severity.rawValue)),
            ("message", .object([("text", .string(d.message))])),
            ("locations", .array([.object([
                ("physicalLocation", .object([
                    ("artifactLocation", artifact),
                    ("region", .object([("startLine", .int(max(1, d.line))), ("startColumn", .int(max(1, d.column)))])),
                ])),
            ])])),
        ]
        if let fix = d.fixIt {
            members.append(("fixes", .array([.object([
                ("description", .object([("text", .string(fix.replacement.isEmpty ? "Delete the text" : "Write \(fix.replacement.debugDescription)"))])),
                ("artifactChanges", .array([.object([
                    ("artifactLocation", artifact),
                    ("replacements", .array([.object([
                        ("deletedRegion", .object([("byteOffset", .int(fix.start)), ("byteLength", .int(max(0, fix.end - fix.start)))])),
                        ("insertedContent", .object([("text", .string(fix.replacement))])),
                    ])])),
                ])])),
            ])])))
        }
        return .object(members)
    }

    /// `dangling-dependency` → `DanglingDependency`.
    private static func ruleName(_ code: String) -> String {
        code.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.concatenated(separator: "")
    }

    /// A relative URI reference for a file path: percent-encodes everything but unreserved
    /// characters and `/`.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~/".contains(c) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
