import ArgumentParser
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point. The command runs on the task pool while the main thread waits: an `async` entry point
/// would end the main thread with `pthread_exit`, whose unwinding made a static executable sort every frame
/// description in the binary first (30 ms per start).
@main
enum BatonMain {
    static func main() {
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            let arguments = Array(CommandLine.arguments.dropFirst())
            // ArgumentParser's `main`, with the direct reading first and an exit code exited with at once:
            // `exit(withError:)` makes the help text before it looks at the error, two dozen run-time
            // conformance look-ups for a command that only says 1 (`lint` with findings, `order` with a cycle).
            do {
                if let direct = DirectInvocation(arguments) {
                    try await direct.run()
                } else {
                    var command = try await BatonCommand.asyncParseAsRoot(arguments)
                    if var asyncCommand = command as? any AsyncParsableCommand {
                        try await asyncCommand.run()
                    } else {
                        try command.run()
                    }
                }
            } catch let code as ExitCode {
                exit(code.rawValue)
            } catch {
                BatonCommand.exit(withError: error)
            }
            finished.signal()
        }
        finished.wait()
    }
}

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
}
