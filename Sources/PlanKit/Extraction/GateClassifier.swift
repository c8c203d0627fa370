/// Decides whether a gate text is a shell command, a test file to run, or a check only a person can make.
enum GateClassifier {
    static let commandWords: Set<String> = [
        "cargo", "npm", "npx", "pnpm", "yarn", "bun", "deno", "node", "make", "cmake", "ninja", "go", "swift",
        "xcodebuild", "pytest", "python", "python3", "uv", "poetry", "tox", "ruff", "mypy", "bash", "sh", "zsh",
        "mvn", "gradle", "./gradlew", "dotnet", "docker", "kubectl", "helm", "terraform", "just", "bazel",
        "php", "composer", "artisan", "rake", "bundle", "rspec", "mix", "flutter", "dart", "git", "ctest",
        "vitest", "jest", "playwright", "eslint", "tsc", "true", "false", "test", "pip", "rustc", "clang", "gcc",
    ]

    static let testFileSuffixes = [".py", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".swift", ".rs", ".go", ".rb", ".java", ".kt", ".php", ".sh"]

    /// One gate text, already split from its neighbours.
    static func classify(_ raw: String) -> (Gate.Kind, String) {
        let trimmed = raw.trimmingWhitespace().trimmingCharacters(in: ".;")
        // A value that is one code span: the span is the command (or test file).
        if let inner = codeSpan(trimmed) {
            return isTestFile(inner) ? (.testFile, inner) : (.command, inner)
        }
        let plain = PlanText.plain(trimmed)
        if isTestFile(plain) { return (.testFile, plain) }
        let first = firstWord(plain)
        if commandWords.contains(first) || first.hasPrefix("./") || (first.hasPrefix("scripts/") && !PlanText.contains(first, " ")) {
            return (.command, plain)
        }
        return (.manual, plain)
    }

    /// The inside of a text that is exactly one code span, trimmed; nil for other text.
    private static func codeSpan(_ text: String) -> String? {
        // Simple text (one scalar per character, no CR) has the same characters as bytes: no grapheme breaking.
        var copy = text
        let fast = copy.withUTF8 { bytes -> String?? in
            guard PlanText.isSimpleLine(bytes) else { return .none }
            let tick = UInt8(ascii: "`")
            guard bytes.count > 2, bytes.first == tick, bytes.last == tick, !bytes[1..<bytes.count - 1].contains(tick) else { return .some(nil) }
            return .some(String(decoding: UnsafeBufferPointer(rebasing: bytes[1..<bytes.count - 1]), as: UTF8.self).trimmingWhitespace())
        }
        if let fast { return fast }
        guard text.hasPrefix("`"), text.hasSuffix("`"), text.count > 2, text.dropFirst().dropLast().allSatisfy({ $0 != "`" }) else { return nil }
        return String(text.dropFirst().dropLast()).trimmingWhitespace()
    }

    /// The first space-separated word.
    private static func firstWord(_ text: String) -> String {
        // In simple text (no combining marks, no CR) a space is a character of its own: bytes find the same word.
        let word = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard PlanText.isSimpleLine(bytes) else { return nil }
            var start = 0
            while start < bytes.count, bytes[start] == 0x20 { start += 1 }
            var end = start
            while end < bytes.count, bytes[end] != 0x20 { end += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return (word ?? nil) ?? String(text.drop(while: { $0 == " " }).prefix(while: { $0 != " " }))
    }

    /// A path to a test file (`backend/tests/test_x.py`, `src/__tests__/a.test.ts`), with no spaces.
    static func isTestFile(_ text: String) -> Bool {
        guard !PlanText.contains(text, " "), PlanText.contains(text, "/") || PlanText.contains(text, "test") else { return false }
        let lowered = text.lowered()
        guard testFileSuffixes.contains(where: { lowered.hasSuffix($0) }) else { return false }
        return PlanText.contains(lowered, "test") || PlanText.contains(lowered, "spec")
    }

    /// Splits `a.py, b.py, c.ts` into its parts when every part is a path or code span; otherwise one gate.
    static func split(_ value: String) -> [String] {
        guard PlanText.contains(value, ",") else { return [value.trimmingWhitespace()] }
        let pieces = PlanText.split(value, separator: UInt8(ascii: ",")) ?? value.split(separator: ",").map(String.init)
        let parts = pieces.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return [value.trimmingWhitespace()] }
        let separable = parts.allSatisfy { part in
            let plain = PlanText.plain(part)
            return (part.hasPrefix("`") && part.hasSuffix("`")) || (!PlanText.contains(plain, " ") && PlanText.contains(plain, "/"))
        }
        return separable ? parts : [value.trimmingWhitespace()]
    }
}
