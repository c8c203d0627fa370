import Foundation
import GRDB

extension AttemptOutcome: DatabaseValueConvertible {}

extension Ledger {
    // MARK: Runs

    /// Records the start of a run.
    public func beginRun(_ run: RunRecord) async throws {
        try write { db in try run.insert(db) }
    }

    /// Takes a run over for `resume`: records the new owner pid and clears its end.
    public func reopenRun(id: String, pid: Int32) async throws {
        let changed = try write { db in
            try db.execute(sql: "UPDATE runs SET pid = ?, ended_at = NULL WHERE id = ?", arguments: [pid, id])
            return db.changesCount
        }
        if changed == 0 { throw BatonRunnerError.unknownRun(id: id) }
    }

    /// Records the end of a run.
    public func endRun(id: String, at date: Date = Date()) async throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET ended_at = ? WHERE id = ?", arguments: [date.timeIntervalSince1970, id])
        }
    }

    public func run(id: String) async throws -> RunRecord? {
        try await read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The newest run, of one plan when `planPath` is given.
    public func latestRun(planPath: String? = nil) async throws -> RunRecord? {
        try await read { db in
            if let planPath {
                return try RunRecord.fetchOne(
                    db, sql: "SELECT * FROM runs WHERE plan_path = ? ORDER BY started_at DESC, id DESC LIMIT 1",
                    arguments: [planPath])
            }
            return try RunRecord.fetchOne(db, sql: "SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT 1")
        }
    }

    // MARK: Attempts

    /// Inserts an attempt as it starts (no end, no outcome) and returns it with its id.
    ///
    /// `finishing`, when given, is the end of an earlier attempt (with its artifacts), written in
    /// the same transaction: a runner that goes straight from one gate to the next commits once
    /// per gate instead of twice, and the earlier end is still durable before the next gate starts.
    public func recordStart(_ attempt: AttemptRecord, finishing: (attempt: AttemptRecord, artifacts: [ArtifactRecord])? = nil)
        async throws -> AttemptRecord
    {
        if let finishing, finishing.attempt.id == nil {
            throw BatonRunnerError.ledgerFailed(path: path, reason: "attempt has no id")
        }
        return try write { db in
            if let finishing { try Self.writeEnd(finishing.attempt, artifacts: finishing.artifacts, in: db) }
            // Hand-written and cached: this runs for every gate, and Codable record encoding
            // showed up in profiles of thousands of short gates.
            let statement = try db.cachedStatement(sql: """
                INSERT INTO attempts (run_id, plan_path, batch_key, gate_index, gate_text, gate_kind, command, cwd,
                    git_commit, git_tree, git_dirty, started_at, log_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try statement.execute(arguments: [
                attempt.runID, attempt.planPath, attempt.batchKey, attempt.gateIndex, attempt.gateText,
                attempt.gateKind, attempt.command, attempt.cwd, attempt.gitCommit, attempt.gitTree, attempt.gitDirty,
                attempt.startedAt.timeIntervalSince1970, attempt.logPath,
            ])
            var attempt = attempt
            attempt.id = db.lastInsertedRowID
            return attempt
        }
    }

    /// Writes an attempt's end, and the artifacts it produced, in one transaction.
    /// `attempt.id` must come from ``recordStart(_:finishing:)``.
    public func recordEnd(_ attempt: AttemptRecord, artifacts: [ArtifactRecord] = []) async throws {
        guard attempt.id != nil else { throw BatonRunnerError.ledgerFailed(path: path, reason: "attempt has no id") }
        try write { db in try Self.writeEnd(attempt, artifacts: artifacts, in: db) }
    }

    private static func writeEnd(_ attempt: AttemptRecord, artifacts: [ArtifactRecord], in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE attempts SET ended_at = ?, pid = ?, exit_code = ?, signal = ?, outcome = ?, message = ?,
                log_path = ?, log_size = ?, log_sha256 = ?, tail = ?
            WHERE id = ?
            """)
        try statement.execute(arguments: [
            attempt.endedAt?.timeIntervalSince1970, attempt.pid, attempt.exitCode, attempt.signal, attempt.outcome, attempt.message,
            attempt.logPath, attempt.logSize, attempt.logSHA256, attempt.tail, attempt.id,
        ])
        for var artifact in artifacts {
            artifact.attemptID = attempt.id ?? artifact.attemptID
            try artifact.insert(db)
        }
    }

    /// Inserts attempts that never ran (`skipped`, `not-runnable`), already ended, in one transaction,
    /// and returns them with their ids.
    @discardableResult
    public func recordFinished(_ attempts: [AttemptRecord]) async throws -> [AttemptRecord] {
        guard !attempts.isEmpty else { return [] }
        return try write { db in
            try attempts.map { attempt in
                var attempt = attempt
                try attempt.insert(db)
                return attempt
            }
        }
    }

    /// Marks every attempt of `runID` that started and never ended as `interrupted`.
    /// Returns how many it marked.
    @discardableResult
    public func markInterrupted(runID: String, at date: Date = Date()) async throws -> Int {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE attempts SET ended_at = ?, outcome = 'interrupted',
                        message = COALESCE(message, 'baton stopped before the gate ended')
                    WHERE run_id = ? AND ended_at IS NULL
                    """,
                arguments: [date.timeIntervalSince1970, runID])
            return db.changesCount
        }
    }

    /// Every attempt of a run, oldest first.
    public func attempts(runID: String) async throws -> [AttemptRecord] {
        try await read { db in
            try AttemptRecord.fetchAll(db, sql: "SELECT * FROM attempts WHERE run_id = ? ORDER BY id", arguments: [runID])
        }
    }

    /// Gates that have a passed attempt in `runID`.
    public func passedGates(runID: String) async throws -> Set<GateID> {
        try await read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT DISTINCT batch_key, gate_index FROM attempts WHERE run_id = ? AND outcome = 'passed'",
                arguments: [runID])
            return Set(rows.map { GateID(batchKey: $0["batch_key"], gateIndex: $0["gate_index"]) })
        }
    }

    public func artifacts(attemptID: Int64) async throws -> [ArtifactRecord] {
        try await read { db in
            try ArtifactRecord.fetchAll(db, sql: "SELECT * FROM artifacts WHERE attempt_id = ? ORDER BY path",
                                        arguments: [attemptID])
        }
    }

    // MARK: Approvals

    /// Records a person's sign-off on a gate (meant for `manual` gates).
    @discardableResult
    public func approve(planPath: String, batchKey: String, gateIndex: Int, gateText: String, by person: String,
                        note: String? = nil, git: GitFacts? = nil, at date: Date = Date()) async throws -> ApprovalRecord {
        let approval = ApprovalRecord(planPath: planPath, batchKey: batchKey, gateIndex: gateIndex, gateText: gateText,
                                      approvedBy: person, note: note, approvedAt: date, git: git)
        return try write { db in
            var approval = approval
            try approval.insert(db)
            return approval
        }
    }

    /// Approvals of one plan, newest first.
    public func approvals(planPath: String) async throws -> [ApprovalRecord] {
        try await read { db in
            try ApprovalRecord.fetchAll(
                db, sql: "SELECT * FROM approvals WHERE plan_path = ? ORDER BY approved_at DESC, id DESC",
                arguments: [planPath])
        }
    }
}
