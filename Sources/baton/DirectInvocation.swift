import ArgumentParser

/// `show`, `lint` and `next` read straight from plain arguments: plan paths and these commands' own options,
/// each given once with a value the command takes. ArgumentParser reads a command by reflecting over its type,
/// which makes the runtime scan all its conformance records dozens of times and touch code no plan reading
/// needs: ~1.7 ms of every start, half of a small plan's whole run (BENCHMARKS.md). Everything else — help,
/// the other commands, `--`, short or unknown options, repeats, values a command rejects — is left to
/// ArgumentParser, so its messages and exit codes stay the only ones. The two readings must agree wherever
/// this one answers; a test holds it to ArgumentParser's.
enum DirectInvocation: Equatable {
    case show(Show.Settings)
    case lint(Lint.Settings)
    case next(Next.Settings)

    /// The invocation that `arguments` (without the program name) ask for, or nil for ArgumentParser to read.
    init?(_ arguments: [String]) {
        guard let command = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        switch command {
        case "show":
            guard let read = PlainArguments(rest, options: ["format"], flags: []),
                  let format = read.value("format", OutputFormat.init(rawValue:), default: .text)
            else { return nil }
            self = .show(Show.Settings(plans: read.positionals, format: format))
        case "lint":
            guard let read = PlainArguments(rest, options: ["format"], flags: ["strict", "fix"]),
                  let format = read.value("format", Lint.Format.init(rawValue:), default: .text)
            else { return nil }
            self = .lint(Lint.Settings(plans: read.positionals, format: format,
                                       strict: read.flags.contains("strict"), fix: read.flags.contains("fix")))
        case "next":
            guard let read = PlainArguments(rest, options: ["format", "parallel"], flags: []),
                  read.positionals.count <= 1,
                  let format = read.value("format", OutputFormat.init(rawValue:), default: .text)
            else { return nil }
            var parallel: Int?
            if let text = read.values["parallel"] {
                // Below 1 `Next.validate()` refuses it, in ArgumentParser's words.
                guard let number = Int(text), number >= 1 else { return nil }
                parallel = number
            }
            self = .next(Next.Settings(plan: read.positionals.first, parallel: parallel, format: format))
        default:
            return nil
        }
    }

    func run() async throws {
        switch self {
        case .show(let settings): try await Show.perform(settings)
        case .lint(let settings): try await Lint.perform(settings)
        case .next(let settings): try await Next.perform(settings)
        }
    }
}

/// Arguments that are positionals, `--option value`, `--option=value` or `--flag`, each option and flag at
/// most once; nil for anything else.
private struct PlainArguments {
    var positionals: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init?(_ arguments: ArraySlice<String>, options: Set<String>, flags allowedFlags: Set<String>) {
        var remaining = arguments.makeIterator()
        while let argument = remaining.next() {
            guard argument.hasPrefix("-") else {
                positionals.append(argument)
                continue
            }
            guard argument.hasPrefix("--") else { return nil }
            let named = argument.dropFirst(2)
            if let equals = named.firstIndex(of: "=") {
                let name = String(named[..<equals])
                guard options.contains(name), values[name] == nil else { return nil }
                values[name] = String(named[named.index(after: equals)...])
            } else if options.contains(String(named)) {
                guard values[String(named)] == nil, let value = remaining.next(), !value.hasPrefix("-") else { return nil }
                values[String(named)] = value
            } else {
                guard allowedFlags.contains(String(named)), flags.insert(String(named)).inserted else { return nil }
            }
        }
    }

    /// The option's value read by `read`, `fallback` when it was not given, nil when `read` rejects it.
    func value<Value>(_ name: String, _ read: (String) -> Value?, default fallback: Value) -> Value? {
        guard let text = values[name] else { return fallback }
        return read(text)
    }
}
