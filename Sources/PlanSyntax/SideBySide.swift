import Dispatch

/// Two pieces of work run at once, each on its own core; returns when both are done.
/// The work must touch disjoint state: that is the caller's promise, which the type system cannot check here.
public enum SideBySide {
    public static func run(_ first: () -> Void, _ second: () -> Void) {
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let work = Work(first: first, second: second)
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    if part == 0 { work.first() } else { work.second() }
                }
            }
        }
    }

    private struct Work: @unchecked Sendable {
        let first: () -> Void
        let second: () -> Void
    }
}
