import ArgumentParser
import Testing
@testable import baton

@Suite struct DirectInvocationTests {
    /// Every argument list of up to three of these words after `show`, `lint` or `next`: wherever the direct
    /// reading answers, ArgumentParser reads the same command with the same settings.
    @Test func agreesWithArgumentParserWhereverItAnswers() {
        let words = ["--format", "json", "sarif", "JSON", "--format=text", "--format=", "--strict", "--fix", "--fix=1",
                     "--parallel", "2", "0", "plan.md", "", "-", "--", "--help"]
        var lists: [[String]] = [[]]
        for length in 1...3 {
            lists += lists.filter { $0.count == length - 1 }.flatMap { list in words.map { list + [$0] } }
        }
        var answered = 0
        var disagreements: [[String]] = []
        for command in ["show", "lint", "next"] {
            for list in lists {
                let arguments = [command] + list
                guard let direct = DirectInvocation(arguments) else { continue }
                answered += 1
                let parsed = try? BatonCommand.parseAsRoot(arguments)
                let agrees = switch direct {
                case .show(let settings): (parsed as? Show)?.settings == settings
                case .lint(let settings): (parsed as? Lint)?.settings == settings
                case .next(let settings): (parsed as? Next)?.settings == settings
                }
                if !agrees { disagreements.append(arguments) }
            }
        }
        #expect(disagreements.count == 0, "first disagreements: \(disagreements.prefix(5))")
        // Most lists hold something only ArgumentParser may answer (help, `--`, repeats, bad values); enough remain.
        #expect(answered > 1_000, "only \(answered) lists read directly")
    }

    /// The plain forms are the ones read directly; help and other commands are not.
    @Test func readsPlainFormsDirectly() {
        #expect(DirectInvocation(["show", "--format", "json", "plan.md"]) == .show(Show.Settings(plans: ["plan.md"], format: .json)))
        #expect(DirectInvocation(["show"]) == .show(Show.Settings()))
        #expect(DirectInvocation(["lint", "a.md", "--strict", "b.md", "--format=sarif"])
            == .lint(Lint.Settings(plans: ["a.md", "b.md"], format: .sarif, strict: true)))
        #expect(DirectInvocation(["next", "--parallel", "3", "plan.md"]) == .next(Next.Settings(plan: "plan.md", parallel: 3)))
        for leftToArgumentParser in [["show", "--help"], ["next", "a.md", "b.md"], ["next", "--parallel", "0"],
                                     ["lint", "--strict", "--strict"], ["order", "plan.md"], ["--version"], []] {
            #expect(DirectInvocation(leftToArgumentParser) == nil, "\(leftToArgumentParser)")
        }
    }
}
