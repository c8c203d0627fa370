import ArgumentParser

@main
struct BatonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Check, schedule, run and verify the batch plans teams write for coding agents.",
        discussion: """
        With no PLAN, commands read the plan named in baton.toml, else BATCH_PLAN.md, PLAN.md, ROADMAP.md, \
        TASKS.md or docs/**/BATCH_PLAN.md. Exit codes: 0 success, 1 findings, failed gates or unreadable \
        input (one line naming the file and the reason), 64 usage errors (unknown or ambiguous ids included).
        """,
        subcommands: [
            Show.self, Inspect.self, Lint.self, Next.self, Order.self, Graph.self, Explain.self,
            Run.self, Evidence.self, Log.self, Approve.self, Mark.self,
        ]
    )

    static func main() async {
        AllocatorTuning.apply()
        await main(nil)
    }
}
