#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Why the watchdog ended a gate.
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

/// Watches one gate's process group: three clocks, then SIGTERM, a grace period, SIGKILL.
///
/// It sleeps until the nearest deadline rather than polling, and looks at ``GateActivity`` only
/// when one comes due. Cancelling it means the gate ended on its own.
struct Watchdog: Sendable {
    let limits: WatchdogLimits
    let activity: GateActivity

    private enum StartEvent: Sendable {
        case spawned(Int32)
        case failedToSpawn
        case deadlinePassed
    }

    /// Returns nil when cancelled (the process ended on its own, or never spawned), or why it
    /// ended the group.
    /// - Parameter spawns: yields the leader's pid once spawned; finishes without one on failure.
    func watch(spawns: AsyncStream<Int32>) async -> WatchdogExpiry? {
        let deadline = limits.startDeadline
        let startEvent: StartEvent = await withTaskGroup(of: StartEvent.self) { group in
            group.addTask {
                var iterator = spawns.makeAsyncIterator()
                return await iterator.next().map(StartEvent.spawned) ?? .failedToSpawn
            }
            group.addTask {
                do {
                    try await Task.sleep(for: deadline)
                    return .deadlinePassed
                } catch {
                    return .failedToSpawn
                }
            }
            let first = await group.next() ?? .failedToSpawn
            group.cancelAll()
            return first
        }
        let pid: Int32
        switch startEvent {
        case let .spawned(leader): pid = leader
        // The spawn failed or the gate is over: that is the process's result to report, not ours.
        case .failedToSpawn: return nil
        case .deadlinePassed: return .notStarted(deadline)
        }
        let clock = ContinuousClock()
        let spawned = activity.spawnInstant
        while true {
            let stall = activity.lastOutput + limits.stallTimeout
            let next = limits.timeout.map { min(spawned + $0, stall) } ?? stall
            do {
                try await Task.sleep(until: next, clock: clock)
            } catch {
                return nil
            }
            let now = clock.now
            if let timeout = limits.timeout, now >= spawned + timeout {
                await terminateGroup(pid)
                return .timedOut(timeout)
            }
            if now >= activity.lastOutput + limits.stallTimeout {
                await terminateGroup(pid)
                return .stalled(limits.stallTimeout)
            }
        }
    }

    private func terminateGroup(_ pgid: Int32) async {
        _ = kill(-pgid, SIGTERM)
        // Cancellation here means the leader already exited; the caller then SIGKILLs the group.
        try? await Task.sleep(for: limits.gracePeriod)
        _ = kill(-pgid, SIGKILL)
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
