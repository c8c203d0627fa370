import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

extension GitFacts {
    /// Reads the facts once per run (a handful of `git` processes), never per gate.
    ///
    /// The tree hash comes from a throw-away copy of the index (`GIT_INDEX_FILE`), so the
    /// user's staging area is untouched. Any failure (no git, not a repository) gives nil fields.
    public static func capture(in directory: String) async -> GitFacts {
        // No `.git` above the directory (and no GIT_DIR): not a repository, and no process to spawn.
        guard ProcessInfo.processInfo.environment["GIT_DIR"] != nil || hasGitDirectory(above: directory) else { return .none }
        guard let inside = await git(["rev-parse", "--is-inside-work-tree"], in: directory), inside == "true" else {
            return .none
        }
        // Baton's own folder is never part of the code: without this, every run would change
        // the tree it records (a new ledger, new logs) in repositories that do not ignore .baton/.
        let prefix = await git(["rev-parse", "--show-prefix"], in: directory) ?? ""
        let pathspec = [":/", ":(top,exclude)\(prefix).baton"]
        let commit = await git(["rev-parse", "--verify", "-q", "HEAD"], in: directory)
        let status = await git(["status", "--porcelain", "--untracked-files=normal", "--"] + pathspec, in: directory)
        let tree = await workingTreeHash(in: directory, pathspec: pathspec)
        return GitFacts(commit: commit?.isEmpty == false ? commit : nil, tree: tree,
                        dirty: status.map { !$0.isEmpty })
    }

    /// Whether `directory` or a folder above it holds `.git` (a folder, or a file for worktrees).
    static func hasGitDirectory(above directory: String) -> Bool {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return true }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return false }
            url = parent
        }
    }

    private static func workingTreeHash(in directory: String, pathspec: [String]) async -> String? {
        guard let topLevel = await git(["rev-parse", "--show-toplevel"], in: directory),
              let indexPath = await git(["rev-parse", "--path-format=absolute", "--git-path", "index"], in: directory)
        else { return nil }
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("baton-index-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        // Starting from a copy of the real index lets git reuse its stat cache instead of rehashing.
        if FileManager.default.fileExists(atPath: indexPath) {
            try? FileManager.default.copyItem(atPath: indexPath, toPath: temporary)
        }
        let environment = ["GIT_INDEX_FILE": temporary]
        guard await git(["add", "-A", "--"] + pathspec, in: topLevel, environment: environment) != nil else { return nil }
        return await git(["write-tree"], in: topLevel, environment: environment)
    }

    /// Standard output, trimmed, of a successful `git` invocation; nil otherwise.
    static func git(_ arguments: [String], in directory: String, environment: [String: String] = [:]) async -> String? {
        var updates: [Environment.Key: String?] = [:]
        for (key, value) in environment { updates[Environment.Key(stringLiteral: key)] = value }
        do {
            let result = try await Subprocess.run(
                .name("git"), arguments: Arguments(arguments),
                environment: .inherit.updating(updates),
                workingDirectory: FilePath(directory),
                output: .string(limit: 1 << 20), error: .discarded)
            guard result.terminationStatus.isSuccess else { return nil }
            return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            return nil
        }
    }
}
