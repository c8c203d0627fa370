import GRDB

extension Ledger {
    /// The newest finished attempt of each gate of a plan (any run), by batch key then gate index.
    public func latestAttempts(planPath: String) async throws -> [AttemptRecord] {
        try await read { db in
            try AttemptRecord.fetchAll(db, sql: """
                SELECT * FROM attempts WHERE id IN (
                    SELECT MAX(id) FROM attempts
                    WHERE plan_path = ? AND ended_at IS NOT NULL
                    GROUP BY batch_key, gate_index)
                ORDER BY batch_key, gate_index
                """, arguments: [planPath])
        }
    }

    /// Every attempt of one gate, newest first (for `baton log` and `baton evidence`).
    public func attempts(planPath: String, batchKey: String, gateIndex: Int? = nil) async throws -> [AttemptRecord] {
        try await read { db in
            if let gateIndex {
                return try AttemptRecord.fetchAll(db, sql: """
                    SELECT * FROM attempts WHERE plan_path = ? AND batch_key = ? AND gate_index = ?
                    ORDER BY id DESC
                    """, arguments: [planPath, batchKey, gateIndex])
            }
            return try AttemptRecord.fetchAll(db, sql: """
                SELECT * FROM attempts WHERE plan_path = ? AND batch_key = ? ORDER BY id DESC
                """, arguments: [planPath, batchKey])
        }
    }

    /// Evidence for each gate of a batch; `gates` are the batch's gates in plan order
    /// (text and whether manual). Attempts and approvals for other gate text are ignored.
    public func evidence(planPath: String, batchKey: String, gates: [(text: String, isManual: Bool)])
        async throws -> [GateEvidence]
    {
        let texts = gates.map(\.text)
        return try await read { db in
            try texts.enumerated().map { index, text in
                let attempt = try AttemptRecord.fetchOne(db, sql: """
                    SELECT * FROM attempts
                    WHERE plan_path = ? AND batch_key = ? AND gate_index = ? AND gate_text = ? AND ended_at IS NOT NULL
                    ORDER BY id DESC LIMIT 1
                    """, arguments: [planPath, batchKey, index, text])
                let approval = try ApprovalRecord.fetchOne(db, sql: """
                    SELECT * FROM approvals WHERE plan_path = ? AND batch_key = ? AND gate_index = ? AND gate_text = ?
                    ORDER BY id DESC LIMIT 1
                    """, arguments: [planPath, batchKey, index, text])
                return GateEvidence(gate: GateID(batchKey: batchKey, gateIndex: index), gateText: text,
                                    isManual: false, latestAttempt: attempt, approval: approval)
            }
        }.enumerated().map { index, evidence in
            var evidence = evidence
            evidence.isManual = gates[index].isManual
            return evidence
        }
    }

    /// `verified` when every gate is proven on `currentTree`; see ``GateEvidence/isProven(onTree:)``.
    public func verification(planPath: String, batchKey: String, gates: [(text: String, isManual: Bool)],
                             currentTree: String?) async throws -> BatchVerification {
        guard !gates.isEmpty else { return .noGates }
        let evidence = try await evidence(planPath: planPath, batchKey: batchKey, gates: gates)
        let missing = evidence.filter { !$0.isProven(onTree: currentTree) }.map(\.gate)
        return missing.isEmpty ? .verified : .unproven(missing: missing)
    }
}
