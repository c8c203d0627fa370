import Dispatch
import Synchronization

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

/// Values made in index order on another core while the caller goes on. For a serial pass that needs, at each
/// step, something that can be made ahead of it. One thread asks for values, in any order. A value nobody has
/// started when it is asked for, the caller makes itself with its own `make`; while the asked one is being
/// made, it makes later ones: a maker whose core is taken (by the host, by another process) leaves the caller
/// working, not waiting. One thread asks (the caller's side keeps unsynchronized state); both `make`s must
/// give the same value and only read shared state.
public final class ReadAhead<Value> {
    private let values: UnsafeMutablePointer<Value>
    /// Per index: `unclaimed`, `beingMade` or `made`.
    private let states: UnsafeMutablePointer<Atomic<UInt8>>
    private static var unclaimed: UInt8 { 0 }
    private static var beingMade: UInt8 { 1 }
    private static var made: UInt8 { 2 }
    public let count: Int
    /// Set by `finish`: the maker takes no further value.
    private let stopped = Atomic<Bool>(false)
    /// The index the caller is blocked on (-1: none); whoever makes it signals `madeAwaited`.
    private let awaited = Atomic<Int>(-1)
    private let madeAwaited = DispatchSemaphore(value: 0)
    /// Where the caller looks for a value to make while it waits (owned by the caller).
    private var helpFrom = 0

    public init(count: Int, make: @escaping (Int) -> Value) {
        self.count = count
        values = .allocate(capacity: count)
        states = .allocate(capacity: count)
        for index in 0..<count { (states + index).initialize(to: Atomic(Self.unclaimed)) }
        // The maker holds this object until it is done, so the values outlive it whatever the caller does.
        // A queue of its own: such queues get a thread at once, where the shared pool's may come late (and
        // leave the caller making every value itself).
        let maker = Maker(ahead: self, make: make)
        DispatchQueue(label: "baton.read-ahead").async { maker.run() }
    }

    private struct Maker: @unchecked Sendable {
        let ahead: ReadAhead
        let make: (Int) -> Value

        func run() {
            for index in 0..<ahead.count {
                if ahead.stopped.load(ordering: .relaxed) { return }
                _ = ahead.makeIfUnclaimed(index, with: make)
            }
        }
    }

    /// Makes the value at `index` unless someone has started it; whether this call made it.
    private func makeIfUnclaimed(_ index: Int, with make: (Int) -> Value) -> Bool {
        guard states[index].compareExchange(expected: Self.unclaimed, desired: Self.beingMade, ordering: .acquiring).exchanged else {
            return false
        }
        (values + index).initialize(to: make(index))
        states[index].store(Self.made, ordering: .sequentiallyConsistent)
        if awaited.compareExchange(expected: index, desired: -1, ordering: .sequentiallyConsistent).exchanged {
            madeAwaited.signal()
        }
        return true
    }

    /// The value at `index`: made ahead, or made here with `make`.
    public func value(at index: Int, orMake make: (Int) -> Value) -> Value {
        precondition(index >= 0 && index < count, "ReadAhead: index \(index) of \(count)")
        withoutActuallyEscaping(make) { waitUntilMade(index, making: $0) }
        return values[index]
    }

    /// Ends the making ahead: values nobody has started are left unmade (`value(at:orMake:)` makes one that is
    /// asked for after all); returns when those started are made. (The maker may still take one more value,
    /// having looked before this call; one asked for later is waited for as any other.)
    public func finish() {
        stopped.store(true, ordering: .relaxed)
        for index in 0..<count where states[index].load(ordering: .relaxed) == Self.beingMade {
            waitUntilMade(index, making: nil)
        }
    }

    private func waitUntilMade(_ index: Int, making make: ((Int) -> Value)?) {
        while states[index].load(ordering: .sequentiallyConsistent) != Self.made {
            if let make {
                if makeIfUnclaimed(index, with: make) { return }
                if states[index].load(ordering: .sequentiallyConsistent) == Self.made { return }
                // Being made on the other thread: make a later value meanwhile.
                if makeLater(than: index, with: make) { continue }
            }
            // Nothing left to make here: wait for the maker. The request and the maker's mark are both
            // sequentially consistent, so one of them sees the other.
            awaited.store(index, ordering: .sequentiallyConsistent)
            if states[index].load(ordering: .sequentiallyConsistent) == Self.made {
                // Made meanwhile: withdraw the request, or take the signal the maker has sent for it.
                if !awaited.compareExchange(expected: index, desired: -1, ordering: .sequentiallyConsistent).exchanged {
                    madeAwaited.wait()
                }
                return
            }
            madeAwaited.wait()
        }
    }

    /// Makes the first unstarted value after `index`; false when there is none.
    private func makeLater(than index: Int, with make: (Int) -> Value) -> Bool {
        var next = max(index + 1, helpFrom)
        while next < count {
            if makeIfUnclaimed(next, with: make) {
                helpFrom = next + 1
                return true
            }
            next += 1
        }
        helpFrom = count
        return false
    }

    deinit {
        // Only the maker's release can end this object early, and it releases it when it has no value left.
        for index in 0..<count where states[index].load(ordering: .acquiring) == Self.made {
            (values + index).deinitialize(count: 1)
        }
        values.deallocate()
        states.deinitialize(count: count)
        states.deallocate()
    }
}
