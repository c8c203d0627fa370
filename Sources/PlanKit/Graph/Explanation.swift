/// Everything known about one batch, each fact with the `file:line` it came from, and one
/// sentence on whether it can start. What `baton explain` prints.
public struct Explanation: Sendable, Hashable, Codable {
    /// One stated fact and where the document states it.
    public struct Fact: Sendable, Hashable, Codable {
        /// `status`, `depends on`, `owns`, ….
        public var label: String
        public var text: String
        /// `plan.md:86:1`, or nil for derived facts.
        public var location: String?

        public init(label: String, text: String, location: String?) {
            self.label = label
            self.text = text
            self.location = location
        }
    }

    public var key: String
    public var facts: [Fact]
    public var readiness: Readiness

    public init(key: String, facts: [Fact], readiness: Readiness) {
        self.key = key
        self.facts = facts
        self.readiness = readiness
    }

    /// `status: Hydrated (review)  — plan.md:86:16`, one line per fact, then the readiness sentence.
    public var lines: [String] {
        facts.map { fact in
            let place = fact.location.map { "  (\($0))" } ?? ""
            return "\(fact.label): \(fact.text)\(place)"
        } + [readiness.reason]
    }

    /// Explains the batch with this id or key; throws when the id is unknown or shared.
    public static func explain(_ plan: Plan, _ idOrKey: String, policy: SchedulePolicy = SchedulePolicy()) throws(BatchLookupError) -> Explanation {
        let graph = PlanGraph(plan, policy: policy)
        return graph.explanation(of: try graph.lookup(idOrKey))
    }
}

extension PlanGraph {
    /// Every fact about batch `index` with its source, and its readiness.
    public func explanation(of index: Int) -> Explanation {
        let batch = self[index]
        func at(_ span: SourceSpan?) -> String? {
            span.map { "\(plan.path):\($0.line):\($0.column)" }
        }
        func status(_ s: Status) -> String {
            let text = s.raw.isEmpty ? s.category.rawValue : "\(s.raw) (\(s.category.rawValue))"
            return s.date.map { "\(text), \($0)" } ?? text
        }
        var facts: [Explanation.Fact] = [
            .init(label: "batch", text: batch.title.isEmpty ? batch.id : "\(batch.id) — \(batch.title)", location: at(batch.source)),
        ]
        if batch.key != batch.id { facts.append(.init(label: "key", text: batch.key, location: nil)) }
        if let group = batch.group { facts.append(.init(label: "section", text: group, location: nil)) }
        if let parent = batch.parent { facts.append(.init(label: "slice of", text: displayName(ofKey: parent), location: nil)) }
        facts.append(.init(label: "status", text: status(batch.status) + (batch.status.origin == .derived ? ", derived" : ""), location: at(batch.status.span)))
        for claim in batch.statusClaims where claim != batch.status {
            facts.append(.init(label: "status also", text: status(claim), location: at(claim.span)))
        }
        let progress = batch.progress
        if progress.total > 0 { facts.append(.init(label: "progress", text: "\(progress.done)/\(progress.total) tasks checked", location: nil)) }
        for phase in batch.phases {
            let done = phase.tasks.count(where: \.done)
            facts.append(.init(label: "phase", text: "\(phase.name): \(done)/\(phase.tasks.count) checked", location: at(phase.span)))
        }
        for dependency in batch.dependsOn {
            let target = indexByKey[dependency.key].map { describe($0) } ?? dependency.key
            let how = dependency.origin == .field ? "" : " (\(dependency.origin.rawValue): \(Linter.quoted(Linter.shortened(dependency.text))))"
            facts.append(.init(label: "depends on", text: target + how, location: at(dependency.span)))
        }
        for mention in batch.externalDependencies {
            facts.append(.init(label: "depends outside the plan on", text: mention.text, location: at(mention.span)))
        }
        for dependent in dependents[index] {
            let edge = self[dependent].dependsOn.first { $0.key == batch.key }
            facts.append(.init(label: "needed by", text: describe(dependent), location: at(edge?.span)))
        }
        for companion in batch.mayRunWith {
            facts.append(.init(label: "may run with", text: displayName(ofKey: companion.key), location: at(companion.span)))
        }
        for predecessor in batch.mergeAfter {
            facts.append(.init(label: "merges after", text: displayName(ofKey: predecessor.key), location: at(predecessor.span)))
        }
        for mention in batch.owns { facts.append(.init(label: "owns", text: mention.text, location: at(mention.span))) }
        for gate in batch.gates {
            facts.append(.init(label: "gate", text: "\(gate.text) (\(gate.kind.rawValue))", location: at(gate.span)))
        }
        for mention in batch.acceptance { facts.append(.init(label: "acceptance", text: mention.text, location: at(mention.span))) }
        for mention in batch.artifacts { facts.append(.init(label: "artifact", text: mention.text, location: at(mention.span))) }
        for detail in batch.detailSources {
            facts.append(.init(label: "details", text: detail.group.map { "under \(Linter.quoted($0))" } ?? "described", location: at(detail.span)))
        }
        return Explanation(key: batch.key, facts: facts, readiness: readiness(of: index))
    }
}
