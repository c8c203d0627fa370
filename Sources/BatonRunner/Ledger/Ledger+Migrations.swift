import GRDB

extension Ledger {
    /// The schema, one named step at a time. Never edit a migration once it has shipped:
    /// users' ledgers have already run it. Add a new one instead.
    /// Times (`*_at` columns) hold Unix timestamps in seconds, as REAL.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-runs-attempts") { db in
            try db.create(table: "runs") { t in
                t.primaryKey("id", .text)
                t.column("plan_path", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("ended_at", .datetime)
                t.column("pid", .integer).notNull()
                t.column("argv", .text).notNull()
                t.column("git_commit", .text)
                t.column("git_tree", .text)
                t.column("git_dirty", .boolean)
            }
            try db.create(table: "attempts") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("run_id", .text).notNull().references("runs", onDelete: .cascade)
                t.column("plan_path", .text).notNull()
                t.column("batch_key", .text).notNull()
                t.column("gate_index", .integer).notNull()
                t.column("gate_text", .text).notNull()
                t.column("gate_kind", .text).notNull()
                t.column("command", .text)
                t.column("cwd", .text).notNull()
                t.column("git_commit", .text)
                t.column("git_tree", .text)
                t.column("git_dirty", .boolean)
                t.column("started_at", .datetime).notNull()
                t.column("ended_at", .datetime)
                t.column("pid", .integer)
                t.column("exit_code", .integer)
                t.column("signal", .integer)
                t.column("outcome", .text)
                    .check(sql: "outcome IN ('passed','failed','stalled','timed-out','interrupted','skipped','not-runnable')")
                t.column("message", .text)
                t.column("log_path", .text)
                t.column("log_size", .integer)
                t.column("log_sha256", .text)
                t.column("tail", .text)
            }
            try db.create(index: "attempts_by_run", on: "attempts", columns: ["run_id", "batch_key", "gate_index"])
            try db.create(index: "attempts_by_gate", on: "attempts", columns: ["plan_path", "batch_key", "gate_index"])
            try db.create(table: "artifacts") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("attempt_id", .integer).notNull().indexed().references("attempts", onDelete: .cascade)
                t.column("path", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("sha256", .text).notNull()
            }
        }
        migrator.registerMigration("v1-approvals") { db in
            try db.create(table: "approvals") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("plan_path", .text).notNull()
                t.column("batch_key", .text).notNull()
                t.column("gate_index", .integer).notNull()
                t.column("gate_text", .text).notNull()
                t.column("approved_by", .text).notNull()
                t.column("note", .text)
                t.column("approved_at", .datetime).notNull()
                t.column("git_commit", .text)
                t.column("git_tree", .text)
            }
            try db.create(index: "approvals_by_gate", on: "approvals", columns: ["plan_path", "batch_key", "gate_index"])
        }
        return migrator
    }
}
