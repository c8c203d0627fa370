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

    /// `(0..<count).map(transform)`, computed on two cores when there are at least `minimum` elements.
    /// `transform` must only read shared state.
    ///
    /// In chunks that each thread takes as it becomes free, written where they belong in the result: a
    /// thread that is done early takes what is left, and no two halves are joined by a copy.
    @inlinable
    public static func map<T>(_ count: Int, minimum: Int, _ transform: (Int) -> T) -> [T] {
        guard count >= minimum, count >= 2 else { return (0..<count).map(transform) }
        let chunks = min(count, mapChunks)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            withoutActuallyEscaping(transform) { transform in
                let work = MapWork(output: buffer.baseAddress!, transform: transform)
                // `concurrentPerform` hands out iterations one at a time to the calling thread and a worker.
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    for index in chunk * count / chunks..<(chunk + 1) * count / chunks {
                        (work.output + index).initialize(to: work.transform(index))
                    }
                }
            }
            initialized = count
        }
    }

    /// Chunks of a `map`: enough to even out the threads, few enough that handing them out costs nothing
    /// measurable.
    @usableFromInline static let mapChunks = 16

    /// Where a map writes and what it computes, for its threads: each element is written by one of them.
    @usableFromInline
    struct MapWork<T>: @unchecked Sendable {
        @usableFromInline let output: UnsafeMutablePointer<T>
        @usableFromInline let transform: (Int) -> T

        @usableFromInline
        init(output: UnsafeMutablePointer<T>, transform: @escaping (Int) -> T) {
            self.output = output
            self.transform = transform
        }
    }
}

/// Values made in index order on another core while the caller goes on: `value(at:)` waits until the maker
/// has come that far. For a serial pass that needs, at each step, something that can be made ahead of it.
/// One thread asks for values; `make` must only read shared state.
public final class ReadAhead<Value> {
    private let values: UnsafeMutablePointer<Value>
    public let count: Int
    /// Values are handed over in chunks, one signal each.
    private let chunk: Int
    private let chunkMade = DispatchSemaphore(value: 0)
    /// Chunks the asking thread has seen signalled.
    private var chunksSeen = 0

    public init(count: Int, chunk: Int = 32, make: @escaping (Int) -> Value) {
        self.count = count
        self.chunk = max(1, chunk)
        values = .allocate(capacity: count)
        // The maker holds this object until it is done, so the values outlive it whatever the caller does.
        // A queue of its own: such queues always get a thread, where one of the shared pool could wait behind
        // the caller, which blocks in `value(at:)`.
        let maker = Maker(ahead: self, make: make)
        DispatchQueue(label: "baton.read-ahead").async { maker.run() }
    }

    private struct Maker: @unchecked Sendable {
        let ahead: ReadAhead
        let make: (Int) -> Value

        func run() {
            for index in 0..<ahead.count {
                (ahead.values + index).initialize(to: make(index))
                if (index + 1) % ahead.chunk == 0 || index + 1 == ahead.count { ahead.chunkMade.signal() }
            }
        }
    }

    /// The value at `index`, once it is made.
    public func value(at index: Int) -> Value {
        precondition(index >= 0 && index < count, "ReadAhead: index \(index) of \(count)")
        waitForChunks(index / chunk + 1)
        return values[index]
    }

    /// Waits until every value is made.
    public func finish() {
        waitForChunks((count + chunk - 1) / chunk)
    }

    private func waitForChunks(_ needed: Int) {
        while chunksSeen < needed {
            chunkMade.wait()
            chunksSeen += 1
        }
    }

    deinit {
        // Only the maker's release can end this object early, and it releases it when every value is made.
        values.deinitialize(count: count)
        values.deallocate()
    }
}
