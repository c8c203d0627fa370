import PlanKit

/// One gate to run: everything the runner needs, with no reference to how the plan was read.
///
/// Build these with ``GateResolver`` from a plan's batches, or by hand in tests.
public struct GateJob: Sendable, Hashable, Codable {
    /// The batch this gate belongs to (`Batch.key`).
    public var batchKey: String
    /// Position of the gate in the batch's `gates`, 0-based.
    public var gateIndex: Int
    /// The gate as written in the plan.
    public var gateText: String
    public var kind: Gate.Kind
    /// Argument vector to spawn, e.g. `["/bin/sh", "-c", "swift test"]`; nil when the gate cannot be run.
    public var command: [String]?
    /// Absolute working directory for the process.
    public var workingDirectory: String
    /// Keys of batches that must pass before this batch's gates start.
    public var dependencies: [String]
    /// Paths or glob patterns (relative to `workingDirectory`) hashed after a passing attempt.
    public var artifacts: [String]

    public init(batchKey: String, gateIndex: Int, gateText: String, kind: Gate.Kind, command: [String]?,
                workingDirectory: String, dependencies: [String] = [], artifacts: [String] = []) {
        self.batchKey = batchKey
        self.gateIndex = gateIndex
        self.gateText = gateText
        self.kind = kind
        self.command = command
        self.workingDirectory = workingDirectory
        self.dependencies = dependencies
        self.artifacts = artifacts
    }

    /// The command as one line for the ledger and for people (`/bin/sh -c 'swift test'`).
    public var commandLine: String? {
        command.map { $0.map(ShellQuoting.quote).joined(separator: " ") }
    }
}

/// The identity of a gate within a plan: batch key and gate index.
public struct GateID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var batchKey: String
    public var gateIndex: Int
    public init(batchKey: String, gateIndex: Int) {
        self.batchKey = batchKey
        self.gateIndex = gateIndex
    }
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.batchKey, lhs.gateIndex) < (rhs.batchKey, rhs.gateIndex)
    }
    public var description: String { "\(batchKey) gate \(gateIndex)" }
}

extension GateJob {
    public var gateID: GateID { GateID(batchKey: batchKey, gateIndex: gateIndex) }
}
