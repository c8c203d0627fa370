import Foundation
import Testing
@testable import PlanKit

@Suite struct SarifTests {
    static let schemaPath = "/work/shared/tools/schemas/sarif-schema-2.1.0.json"

    var sample: String {
        var diagnostics = Linter.lint(Fixture.seed001)
        diagnostics.append(Diagnostic(severity: .note, code: "inferred-dependency", message: "fix \"me\"", file: "docs/my plan.md",
                                      line: 3, column: 2, fixIt: FixIt(start: 5, end: 5, replacement: "Depends on: A\n")))
        diagnostics.append(Diagnostic(severity: .warning, code: "custom-rule", message: "x", file: "plan.md", line: 1, column: 1))
        return SarifRenderer.render(diagnostics, toolVersion: "0.1.0")
    }

    @Test func structure() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sample.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "2.1.0")
        #expect(object["$schema"] != nil)
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "baton")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == LintRule.all.count + 1)
        let results = try #require(run["results"] as? [[String: Any]])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
        }
        #expect(sample.contains("\"uri\": \"docs/my%20plan.md\""))
    }

    @Test func validatesAgainstTheSchema() throws {
        guard FileManager.default.fileExists(atPath: Self.schemaPath) else {
            print("skipped: SARIF schema not found at \(Self.schemaPath)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baton-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let logURL = directory.appendingPathComponent("log.sarif")
        try sample.write(to: logURL, atomically: true, encoding: .utf8)
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("skip: jsonschema missing"); sys.exit(3)
        schema = json.load(open(sys.argv[1]))
        log = json.load(open(sys.argv[2]))
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(log))
        for e in errors: print(list(e.path), e.message)
        sys.exit(1 if errors else 0)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, Self.schemaPath, logURL.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            print("skipped: python3 not available (\(error))")
            return
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 3 || process.terminationStatus == 127 {
            print("skipped: \(output)")
            return
        }
        #expect(process.terminationStatus == 0, "\(output)")
    }
}
