/// Which statuses count as finished when deciding what may start.
///
/// Teams differ: some start dependents as soon as work is produced (`review`), others only
/// once a gate has verified it (`done`). `baton.toml` chooses; the default is both.
public struct SchedulePolicy: Sendable, Hashable, Codable {
    /// Whether a batch in review lets its dependents start.
    public var reviewCountsAsFinished: Bool

    public init(reviewCountsAsFinished: Bool = true) {
        self.reviewCountsAsFinished = reviewCountsAsFinished
    }

    /// Whether dependents of a batch in this category may start.
    public func isFinished(_ category: StatusCategory) -> Bool {
        switch category {
        case .done: true
        case .review: reviewCountsAsFinished
        case .todo, .active, .blocked, .deferred, .dropped: false
        }
    }
}
