import Foundation
import Subprocess
import Testing
@testable import BatonRunner

@Suite struct GitFactsTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    func git(_ arguments: String) async throws -> String {
        let result = try await Subprocess.run(
            .name("sh"), arguments: ["-c", "cd \"$0\" && git " + arguments, directory.path],
            environment: .inherit.updating([
                "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
            ]),
            output: .string(limit: 1 << 16), error: .string(limit: 1 << 16))
        #expect(result.terminationStatus.isSuccess, "git \(arguments): \(result.standardError)")
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func outsideARepositoryEverythingIsNil() async throws {
        // The temp folder is not inside a repository.
        #expect(await GitFacts.capture(in: directory.path) == .none)
    }

    @Test func treeFollowsUncommittedChangesWithoutTouchingTheIndex() async throws {
        _ = try await git("init -q")
        try directory.write("a.txt", "one\n")
        _ = try await git("add a.txt && git commit -q -m one")
        let head = try await git("rev-parse HEAD")
        let committedTree = try await git("rev-parse HEAD^{tree}")

        let clean = await GitFacts.capture(in: directory.path)
        #expect(clean == GitFacts(commit: head, tree: committedTree, dirty: false))

        try directory.write("a.txt", "two\n")
        try directory.write("new.txt", "untracked\n")
        let indexBefore = try await git("ls-files --stage")
        let dirty = await GitFacts.capture(in: directory.path)
        #expect(dirty.commit == head)
        #expect(dirty.dirty == true)
        #expect(dirty.tree != nil && dirty.tree != committedTree)
        // The user's staging area is exactly as it was.
        #expect(try await git("ls-files --stage") == indexBefore)
        #expect(try await git("status --porcelain") == "M a.txt\n?? new.txt")

        // Same content, same tree: the hash names the code, not the moment.
        #expect(await GitFacts.capture(in: directory.path).tree == dirty.tree)
    }

    @Test func batonsOwnFolderIsNeverPartOfTheTree() async throws {
        _ = try await git("init -q")
        try directory.write("a.txt", "one\n")
        _ = try await git("add a.txt && git commit -q -m one")
        let committedTree = try await git("rev-parse HEAD^{tree}")
        // A real run's leftovers, in a repository that does not ignore .baton/.
        let ledger = try Ledger.open(root: directory.path)
        _ = try await GateRunner(root: directory.path, ledger: ledger)
            .run(jobs: [directory.job("A", "echo hi")], planPath: "plan.md", git: GitFacts.none)
        let facts = await GitFacts.capture(in: directory.path)
        #expect(facts.tree == committedTree)
        #expect(facts.dirty == false)
    }

    @Test func repositoryWithoutCommitsHasATreeButNoCommit() async throws {
        _ = try await git("init -q")
        try directory.write("a.txt", "one\n")
        let facts = await GitFacts.capture(in: directory.path)
        #expect(facts.commit == nil)
        #expect(facts.tree?.count == 40)
        #expect(facts.dirty == true)
    }
}
