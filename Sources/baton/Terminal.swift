import ArgumentParser
import Foundation
import PlanKit

/// Output to stdout and stderr, and whether each is a terminal (colour only then).
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    static func error(_ message: String) {
        writeError("baton: error: \(message)\n")
    }

    static func note(_ message: String) {
        writeError("baton: \(message)\n")
    }

    /// Written straight to the descriptor, as far as it takes it: a message that cannot be written cannot be
    /// reported either. (`FileHandle.write` stops the process on a failed write, and `Data(text.utf8)` is a
    /// generic initializer whose first use looks up conformances at run time, 0.28 ms of a start.)
    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// A JSON document written to stdout as `write` makes it (a long array in pieces), ended with a newline.
    static func writeJSONLine(_ write: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(drain: { writeAll($0, to: STDOUT_FILENO) })
        write(&writer)
        writer.finish()
        withUnsafeBytes(of: UInt8(ascii: "\n")) { writeAll($0.bindMemory(to: UInt8.self), to: STDOUT_FILENO) }
    }

    /// Every byte, written straight to the descriptor (a large JSON document is not copied into `Data`).
    /// Output that cannot be written (a full disk) is an error: one line on stderr and exit 1, never a
    /// silently truncated document with exit 0.
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        let failure: Int32? = {
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                // A non-blocking descriptor that is full: wait until it takes more.
                if written < 0, errno == EAGAIN {
                    var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                }
                if written < 0 { return errno }
                offset += written
            }
            return nil
        }()
        if let failure {
            error("cannot write the output: \(String(cString: strerror(failure)))")
            exit(1)
        }
    }

    static func write(_ text: String) {
        var text = text
        text.withUTF8 { writeAll($0, to: STDOUT_FILENO) }
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
