import ArgumentParser
import Foundation
import PlanKit
import PlanSyntax

struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the block tree of a plan with line ranges and the recognizer that took each block.",
        discussion: "Exit codes: 0 success, 1 unreadable plan or (with --check-roundtrip) a tree that does not print back the file."
    )

    @Argument(help: "The plan file.") var file: String
    @Flag(help: "Only check that printing the tree gives back the file byte for byte.") var checkRoundtrip = false

    func run() async throws {
        try await reportingErrors {
            let bytes = try PlanInput.read(file)
            let document = PlanDocument(bytes: bytes)
            if checkRoundtrip {
                let printed = document.printed()
                guard printed == bytes else {
                    let offset = zip(printed, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(printed.count, bytes.count)
                    let (line, column) = document.source.location(of: offset)
                    throw CLIError("\(file):\(line):\(column): printing the tree differs from the file here")
                }
                Terminal.write("\(file): round-trip ok (\(bytes.count) bytes, \(document.blocks.count) top-level blocks)\n")
                return
            }
            let configuration = try BatonConfiguration.load()
            let (_, trace) = PlanExtractor(vocabulary: configuration?.vocabulary() ?? .standard).extractWithTrace(document, path: file)
            var output = "\(file): \(document.isPlainText ? "plain text (bare title lines)" : "markdown")\n"
            for block in document.blocks {
                block.walk { node, depth in
                    if case .blank = node.kind { return }
                    let lines = node.lines.count == 1 ? "\(node.lines.lowerBound + 1)" : "\(node.lines.lowerBound + 1)-\(node.lines.upperBound)"
                    let text = PlanTable.clip(document.source.repairedString(node.content).replacingOccurrences(of: "\n", with: " "), 60)
                    let recognizer = trace[node.range].map { "  <- \($0)" } ?? ""
                    output += String(repeating: "  ", count: depth) + "\(lines) \(node.kindName)" + (text.isEmpty ? "" : " \"\(text)\"") + recognizer + "\n"
                }
            }
            Terminal.write(output)
        }
    }
}
