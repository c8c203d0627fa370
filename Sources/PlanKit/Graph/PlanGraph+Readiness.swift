extension PlanGraph {
    /// Batches that can start now, in document order: not started (`todo`) and every dependency
    /// finished under the policy. Linear in batches plus edges.
    public var readyIndices: [Int] {
        (0..<count).filter { isReady($0) }
    }

    /// Batches already under way (`active`), in document order.
    public var activeIndices: [Int] {
        (0..<count).filter { self[$0].status.category == .active }
    }

    /// Whether batch `index` is `todo` with every dependency finished.
    public func isReady(_ index: Int) -> Bool {
        self[index].status.category == .todo && prerequisites[index].allSatisfy { isFinished($0) }
    }

    /// Whether `index` can start now, and one sentence saying why or why not.
    public func readiness(of index: Int) -> Readiness {
        let batch = self[index]
        let name = displayName(ofKey: batch.key)
        let status = batch.status.raw.isEmpty ? batch.status.category.rawValue : batch.status.raw
        let waiting = prerequisites[index].filter { !isFinished($0) }
        let waitingNames = waiting.map { describe($0) }
        switch batch.status.category {
        case .done:
            return Readiness(key: batch.key, state: .finished, reason: "\(name) is not waiting to start: it is done (\(status)).")
        case .review where policy.reviewCountsAsFinished:
            return Readiness(key: batch.key, state: .finished, reason: "\(name) is not waiting to start: it is in review (\(status)), which counts as finished.")
        case .review:
            return Readiness(key: batch.key, state: .inReview, reason: "\(name) is in review (\(status)) and waits for verification before it counts as done.")
        case .active:
            return Readiness(key: batch.key, state: .active, reason: "\(name) is already under way (\(status)).")
        case .blocked, .deferred, .dropped:
            return Readiness(key: batch.key, state: .held, reason: "\(name) cannot start: its status is \(status) (\(batch.status.category.rawValue)).")
        case .todo:
            break
        }
        if let cycle = cycles.first(where: { $0.members.contains(batch.key) }), !waiting.isEmpty {
            return Readiness(key: batch.key, state: .inCycle, waitingOn: waiting.map { self[$0].key },
                             reason: "\(name) can never start as written: it is part of the dependency cycle \(cycle.description(in: self)).")
        }
        if !waiting.isEmpty {
            return Readiness(key: batch.key, state: .waiting, waitingOn: waiting.map { self[$0].key },
                             reason: "\(name) is not ready: it waits for \(Self.list(waitingNames)).")
        }
        if prerequisites[index].isEmpty {
            return Readiness(key: batch.key, state: .ready, reason: "\(name) is ready: it depends on nothing.")
        }
        let finished = prerequisites[index].map { describe($0) }
        return Readiness(key: batch.key, state: .ready, reason: "\(name) is ready: \(Self.list(finished)) \(finished.count == 1 ? "is" : "are") finished.")
    }

    /// `O7 (Queued)`.
    func describe(_ index: Int) -> String {
        let batch = self[index]
        let status = batch.status.raw.isEmpty ? batch.status.category.rawValue : batch.status.raw
        return "\(displayName(ofKey: batch.key)) (\(status))"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().concatenated(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
