/// A unit of work that a plan describes: a batch, workstream, phase or slice.
public struct Batch: Sendable, Hashable, Codable {
    /// Unique within the plan; equals `id` unless another batch shares the id (`D1@demo`).
    public var key: String
    /// The identifier as written (`B04-a`, `O7`, `1–4`, `A` for "Workstream A").
    public var id: String
    public var title: String
    /// The section the batch is listed under.
    public var group: String?
    /// Key of the batch this one is a slice of (`B04` for `B04-a`).
    public var parent: String?
    /// The status that counts: the most specific claim, or one derived from progress.
    public var status: Status
    /// Every place the document states a status for this batch, in document order.
    public var statusClaims: [Status]
    public var phases: [Phase]
    /// Tasks not grouped into a named phase.
    public var tasks: [Task]
    public var dependsOn: [Dependency]
    public var mayRunWith: [Dependency]
    public var mergeAfter: [Dependency]
    public var externalDependencies: [Mention]
    public var owns: [Mention]
    public var gates: [Gate]
    public var acceptance: [Mention]
    public var artifacts: [Mention]
    /// Where the batch is introduced (its heading, table row or list item).
    public var source: SourceSpan
    /// Other places that describe the batch (detail lists), with the section each sits in.
    public var detailSources: [DetailSource]

    public init(key: String, id: String, title: String, group: String? = nil, parent: String? = nil,
                status: Status, statusClaims: [Status] = [], phases: [Phase] = [], tasks: [Task] = [],
                dependsOn: [Dependency] = [], mayRunWith: [Dependency] = [], mergeAfter: [Dependency] = [],
                externalDependencies: [Mention] = [], owns: [Mention] = [], gates: [Gate] = [],
                acceptance: [Mention] = [], artifacts: [Mention] = [], source: SourceSpan,
                detailSources: [DetailSource] = []) {
        self.key = key
        self.id = id
        self.title = title
        self.group = group
        self.parent = parent
        self.status = status
        self.statusClaims = statusClaims
        self.phases = phases
        self.tasks = tasks
        self.dependsOn = dependsOn
        self.mayRunWith = mayRunWith
        self.mergeAfter = mergeAfter
        self.externalDependencies = externalDependencies
        self.owns = owns
        self.gates = gates
        self.acceptance = acceptance
        self.artifacts = artifacts
        self.source = source
        self.detailSources = detailSources
    }

    /// Checked tasks over all tasks, across phases and loose tasks.
    /// Counted where the tasks are: joining them into one array copied every task to count it.
    public var progress: Progress {
        var progress = Progress(done: tasks.count(where: \.done), total: tasks.count)
        for phase in phases {
            progress.done += phase.tasks.count(where: \.done)
            progress.total += phase.tasks.count
        }
        return progress
    }
}

public struct Progress: Sendable, Hashable, Codable {
    public var done: Int
    public var total: Int
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// A piece of text the document states about a batch (an owned path, a criterion, an external dependency).
public struct Mention: Sendable, Hashable, Codable {
    public var text: String
    public var span: SourceSpan
    public init(text: String, span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

/// An edge to another batch of the same plan, by key.
public struct Dependency: Sendable, Hashable, Codable {
    public enum Origin: String, Sendable, Hashable, Codable {
        /// A field such as `Dependencies:` or `Abhängigkeit:`, or a YAML `dependencies` list.
        case field
        /// A reference to a whole section (`tooling batches`).
        case group
        /// Found only in running text (`Confirm dependency on Workstream A outputs`).
        case prose
        /// An ordered list or arrow (`A -> B`, a merge order).
        case order
    }
    public var key: String
    /// The text that named the target, as written.
    public var text: String
    public var origin: Origin
    public var span: SourceSpan
    public init(key: String, text: String, origin: Origin, span: SourceSpan) {
        self.key = key
        self.text = text
        self.origin = origin
        self.span = span
    }
}

/// Something that decides whether a batch is really done.
public struct Gate: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case command
        case testFile = "test-file"
        case manual
    }
    public var kind: Kind
    public var text: String
    public var span: SourceSpan
    public init(kind: Kind, text: String, span: SourceSpan) {
        self.kind = kind
        self.text = text
        self.span = span
    }
}

/// A named group of tasks inside a batch (Planning, Scaffolding, Coding).
public struct Phase: Sendable, Hashable, Codable {
    public var name: String
    public var tasks: [Task]
    public var span: SourceSpan
    public init(name: String, tasks: [Task], span: SourceSpan) {
        self.name = name
        self.tasks = tasks
        self.span = span
    }
}

/// One checklist item.
public struct Task: Sendable, Hashable, Codable {
    public var text: String
    public var done: Bool
    public var span: SourceSpan
    /// The checkbox or glyph that carries `done` (`[ ]`, `✅`, `☐`).
    public var marker: SourceSpan?
    public init(text: String, done: Bool, span: SourceSpan, marker: SourceSpan? = nil) {
        self.text = text
        self.done = done
        self.span = span
        self.marker = marker
    }
}

/// A place outside the batch's own entry that describes it, and the section that place is in.
public struct DetailSource: Sendable, Hashable, Codable {
    public var span: SourceSpan
    public var group: String?
    public init(span: SourceSpan, group: String?) {
        self.span = span
        self.group = group
    }
}
