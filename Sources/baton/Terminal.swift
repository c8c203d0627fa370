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
        _ = text.withUTF8 { writeAll($0, to: STDERR_FILENO) }
    }

    /// A JSON document written to stdout as `write` makes it (a long array in pieces), ended with a newline.
    static func writeJSONLine(_ write: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(drain: { writeOutput($0) })
        write(&writer)
        writer.finish()
        withUnsafeBytes(of: UInt8(ascii: "\n")) { writeOutput($0.bindMemory(to: UInt8.self)) }
    }

    /// Output that cannot be written (a full disk) is an error: one line on stderr and exit 1, never a
    /// silently truncated document with exit 0.
    private static func writeOutput(_ buffer: UnsafeBufferPointer<UInt8>) {
        if let failure = writeAll(buffer, to: STDOUT_FILENO) {
            error("cannot write the output: \(String(cString: strerror(failure)))")
            exit(1)
        }
    }

    /// Every byte, written straight to the descriptor (a large JSON document is not copied into `Data`); the
    /// `errno` of a write that failed, else nil.
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
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
    }

    static func write(_ text: String) {
        var text = text
        text.withUTF8 { writeOutput($0) }
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
