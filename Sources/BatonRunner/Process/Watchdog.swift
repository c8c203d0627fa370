#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Why the watchdog ended a gate. The clocks themselves run in ``GateReactor``: stall and total
/// time as its poll timeout, then SIGTERM to the group, the grace period, SIGKILL; the start
/// clock is checked when `posix_spawn` returns (it returns once the child has exec'd).
enum WatchdogExpiry: Sendable, Hashable {
    case stalled(Duration)
    case timedOut(Duration)
    case notStarted(Duration)

    var outcome: AttemptOutcome {
        switch self {
        case .stalled: .stalled
        case .timedOut, .notStarted: .timedOut
        }
    }

    var message: String {
        switch self {
        case let .stalled(limit): "no output for \(limit.humanReadable); process group terminated"
        case let .timedOut(limit): "ran longer than \(limit.humanReadable); process group terminated"
        case let .notStarted(limit): "did not start within \(limit.humanReadable)"
        }
    }
}

extension Duration {
    /// `1.5s`, `15m`, `2h` — for messages.
    var humanReadable: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600))h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return "\(seconds)s"
    }
}
