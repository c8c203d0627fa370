import Foundation
import GRDB

/// The durable record of runs, attempts, artifacts and approvals: `<root>/.baton/ledger.sqlite`.
///
/// One `DatabasePool` (WAL) per file. Every write is a short transaction; a runner writes a gate's
/// end in the same transaction as the next gate's start, and reports a gate finished only after
/// its end is committed. So a `kill -9` at any moment loses no attempt that was reported finished,
/// and a gate that runs always has its start row; `resume` marks rows without an end `interrupted`. The ledger never deletes,
/// truncates or recreates a file it cannot read; it throws ``BatonRunnerError`` instead.
public final class Ledger: Sendable {
    /// Absolute path of the SQLite file.
    public let path: String
    let writer: DatabasePool

    /// The absolute path of `<root>/.baton/ledger.sqlite`.
    static func path(root: String) -> String {
        BatonDirectory.path(root: root) + "/ledger.sqlite"
    }

    /// `<root>/.baton/ledger.sqlite`, creating `.baton/` when needed.
    public static func open(root: String) throws -> Ledger {
        try BatonDirectory.prepare(root: root)
        return try Ledger(path: path(root: root))
    }

    /// The ledger of `<root>/.baton` when one exists, for commands that only read
    /// (`evidence`, `log`, `show`): nil rather than creating `.baton/` in a repository never run.
    public static func openIfExists(root: String) throws -> Ledger? {
        let path = path(root: root)
        guard LocalFiles.exists(path) else { return nil }
        return try Ledger(path: path)
    }

    /// Opens (creating when absent) and migrates the ledger at `path`.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.label = "baton.ledger"
        // Several readers (a CLI `evidence` while a run writes) must wait, not fail.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a commit survives a crash of Baton; only a power loss may drop the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            let migrator = Self.migrator
            try writer.write { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw BatonRunnerError.ledgerFailed(
                        path: path, reason: "it was written by a newer version of baton; upgrade baton to use it")
                }
            }
            try migrator.migrate(writer)
        } catch let error as BatonRunnerError {
            throw error
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        } catch {
            throw BatonRunnerError.ledgerFailed(path: path, reason: "\(error)")
        }
    }

    static func translate(_ error: DatabaseError, path: String) -> BatonRunnerError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            .corruptLedger(path: path, reason: error.message ?? "\(error.resultCode)")
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR:
            .notWritable(path: path, reason: error.message ?? "\(error.resultCode)")
        default:
            .ledgerFailed(path: path, reason: "\(error)")
        }
    }

    /// Runs a write transaction, translating SQLite errors into ``BatonRunnerError``.
    ///
    /// Deliberately GRDB's synchronous `write`: these transactions take microseconds (WAL,
    /// `synchronous = NORMAL`), and the asynchronous variant's hop to GRDB's queue and back cost
    /// more than the write itself when thousands of short gates each record a start and an end.
    /// It also runs when the calling task is cancelled, so an interrupted attempt's end is recorded.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(updates)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// Runs a read, translating SQLite errors into ``BatonRunnerError``.
    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(value)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a healthy file.
    public func integrityCheck() async throws -> [String] {
        try await read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
