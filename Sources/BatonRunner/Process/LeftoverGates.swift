#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Finds and ends gate processes that outlived a Baton that was killed (`kill -9` gives Baton no
/// chance to end its gates' process groups).
///
/// Every gate runs with `BATON_RUN_ID` in its environment, which its children inherit; on Linux
/// `/proc/<pid>/environ` tells which processes belong to a run, with no pid recorded anywhere.
public enum LeftoverGates {
    /// Process group ids of live processes whose environment says they belong to `runID`.
    public static func processGroups(runID: String) -> Set<Int32> {
        #if os(Linux)
        let marker = Array("BATON_RUN_ID=\(runID)".utf8)
        let ownGroup = getpgrp()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var groups = Set<Int32>()
        for entry in entries {
            guard let pid = Int32(entry), pid != getpid() else { continue }
            guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { continue }
            let variables = environment.split(separator: 0)
            guard variables.contains(where: { $0.elementsEqual(marker) }) else { continue }
            let group = getpgid(pid)
            if group > 1, group != ownGroup { groups.insert(group) }
        }
        return groups
        #else
        return []
        #endif
    }

    /// SIGTERM to each leftover group of `runID`, then SIGKILL after `gracePeriod`. Returns the groups.
    @discardableResult
    public static func terminate(runID: String, gracePeriod: Duration = .seconds(5)) async -> Set<Int32> {
        let groups = processGroups(runID: runID)
        guard !groups.isEmpty else { return [] }
        for group in groups { _ = kill(-group, SIGTERM) }
        // These are not our children, so there is nothing to wait on: look again every 20 ms, on
        // this rare path only, and stop as soon as they are gone (zombies carry no environment).
        let deadline = ContinuousClock.now + gracePeriod
        while ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
            if processGroups(runID: runID).isDisjoint(with: groups) { return groups }
        }
        for group in groups { _ = kill(-group, SIGKILL) }
        return groups
    }
}
