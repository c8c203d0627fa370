import ArgumentParser

@main
struct BatonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Check, schedule, run and verify the batch plans teams write for coding agents.",
        subcommands: [
            Show.self, Inspect.self, Lint.self, Next.self, Order.self, Graph.self, Explain.self,
            Run.self, Evidence.self, Log.self, Approve.self, Mark.self,
        ]
    )
}
