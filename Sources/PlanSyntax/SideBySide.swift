import Dispatch

/// Two pieces of work run at once, each on its own core; returns when both are done.
/// The work must touch disjoint state: that is the caller's promise, which the type system cannot check here.
///
/// A deliberate exception to "no DispatchQueue in new code": this is CPU-bound fork-join inside synchronous,
/// pure parsing and extraction. `concurrentPerform` runs one half on the calling thread and one on a worker
/// and returns when both are done; a task group would make every pass `async` for no gain.
public enum SideBySide {
    // Inlinable so that callers in other modules get code specialized to their types: run generically,
    // a map over a hundred thousand elements spends most of its time looking up type metadata.
    @inlinable
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

    @usableFromInline
    struct Work: @unchecked Sendable {
        @usableFromInline let first: () -> Void
        @usableFromInline let second: () -> Void

        @usableFromInline
        init(first: @escaping () -> Void, second: @escaping () -> Void) {
            self.first = first
            self.second = second
        }
    }

    /// `(0..<count).map(transform)`, computed in two halves on two cores when there are at least `minimum`
    /// elements. `transform` must only read shared state.
    @inlinable
    public static func map<T>(_ count: Int, minimum: Int, _ transform: (Int) -> T) -> [T] {
        guard count >= minimum, count >= 2 else { return (0..<count).map(transform) }
        let middle = count / 2
        var first: [T] = []
        var second: [T] = []
        run({ first = (0..<middle).map(transform) }, { second = (middle..<count).map(transform) })
        first += second
        return first
    }
}
