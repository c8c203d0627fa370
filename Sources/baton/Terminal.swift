import ArgumentParser
import Foundation

/// Output to stdout and stderr, and whether each is a terminal (colour only then).
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("baton: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("baton: \(message)\n".utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// JSON and other bytes built without a `String`, ended with a newline.
    static func writeLine(_ bytes: [UInt8]) {
        var bytes = bytes
        bytes.append(UInt8(ascii: "\n"))
        writeAll(bytes, to: STDOUT_FILENO)
    }

    /// Every byte, written straight to the descriptor (a large JSON document is not copied into `Data`).
    /// A closed pipe ends the writing; the process's exit status stays the command's.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Runs a command body, turning `CLIError` into one line on stderr and its exit code.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        Terminal.error(error.description)
        throw ExitCode(error.exitCode)
    }
}
