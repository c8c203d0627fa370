/// Which code a gate ran on: the commit, the tree of the working copy including uncommitted
/// changes, and whether that differs from the commit. All nil outside a git repository.
public struct GitFacts: Sendable, Hashable, Codable {
    /// `git rev-parse HEAD`; nil in a repository with no commits yet.
    public var commit: String?
    /// Tree hash of the working tree as `git add -A` would stage it.
    public var tree: String?
    /// Whether `git status --porcelain` printed anything.
    public var dirty: Bool?

    public init(commit: String?, tree: String?, dirty: Bool?) {
        self.commit = commit
        self.tree = tree
        self.dirty = dirty
    }

    /// Outside a repository.
    public static let none = GitFacts(commit: nil, tree: nil, dirty: nil)
}
