/// Batches of a job list with their dependency edges, for scheduling by index.
struct BatchGraph {
    struct Node {
        var key: String
        /// The batch's gates, in gate order.
        var jobs: [GateJob]
        var dependents: [Int] = []
        var waitingOn = 0
        var state = State.waiting
    }

    enum State { case waiting, ready, started, finished }

    private(set) var batches: [Node] = []
    /// Ready batches in plan order (a FIFO via a moving head index).
    private var ready: [Int] = []
    private var readyHead = 0

    init(jobs: [GateJob]) {
        var index: [String: Int] = [:]
        for job in jobs {
            if let existing = index[job.batchKey] {
                batches[existing].jobs.append(job)
            } else {
                index[job.batchKey] = batches.count
                batches.append(Node(key: job.batchKey, jobs: [job]))
            }
        }
        for position in batches.indices {
            batches[position].jobs.sort { $0.gateIndex < $1.gateIndex }
            var dependencies = Set<Int>()
            for job in batches[position].jobs {
                for key in job.dependencies {
                    if let target = index[key], target != position { dependencies.insert(target) }
                }
            }
            batches[position].waitingOn = dependencies.count
            for target in dependencies { batches[target].dependents.append(position) }
        }
        for position in batches.indices where batches[position].waitingOn == 0 {
            batches[position].state = .ready
            ready.append(position)
        }
    }

    mutating func popReady() -> Int? {
        guard readyHead < ready.count else { return nil }
        let next = ready[readyHead]
        readyHead += 1
        batches[next].state = .started
        return next
    }

    /// Marks a batch finished. When it passed, frees its dependents; otherwise returns every batch
    /// that can no longer run (its dependents, transitively), now finished as skipped.
    mutating func finish(_ batch: Int, passed: Bool) -> [Int] {
        batches[batch].state = .finished
        if passed {
            for dependent in batches[batch].dependents where batches[dependent].state == .waiting {
                batches[dependent].waitingOn -= 1
                if batches[dependent].waitingOn == 0 {
                    batches[dependent].state = .ready
                    ready.append(dependent)
                }
            }
            return []
        }
        var skipped: [Int] = []
        var stack = batches[batch].dependents
        while let next = stack.popLast() {
            guard batches[next].state == .waiting else { continue }
            batches[next].state = .finished
            skipped.append(next)
            stack += batches[next].dependents
        }
        return skipped.sorted()
    }

    /// Batches never started, in plan order.
    func unfinished() -> [Int] {
        batches.indices.filter { batches[$0].state == .waiting || batches[$0].state == .ready }
    }
}
