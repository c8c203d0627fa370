/// Everything `BatonRunner` throws. A gate that fails is an ``AttemptOutcome``, never one of these;
/// these are the cases where Baton itself cannot do its job, and each names the path or value at fault.
public enum BatonRunnerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another `baton run` holds `.baton/run.lock`.
    case locked(lockPath: String, ownerPID: Int32)
    /// `.baton/` (or a file in it) cannot be created or written.
    case notWritable(path: String, reason: String)
    /// The ledger file exists but is not a readable SQLite database.
    case corruptLedger(path: String, reason: String)
    /// The ledger could not be opened or migrated for another reason.
    case ledgerFailed(path: String, reason: String)
    /// A run id that the ledger does not know.
    case unknownRun(id: String)
    /// A gate could not be started at all (spawn failed), as opposed to starting and failing.
    case spawnFailed(command: String, reason: String)

    public var description: String {
        switch self {
        case let .locked(lockPath, ownerPID):
            "another baton run (pid \(ownerPID)) is running in this repository; wait for it to finish "
                + "or stop it (lock: \(lockPath))"
        case let .notWritable(path, reason):
            "cannot write \(path): \(reason); make the directory writable or run from a repository you own"
        case let .corruptLedger(path, reason):
            "the ledger \(path) is not a readable SQLite database (\(reason)); Baton leaves it untouched: "
                + "move it aside (e.g. `mv \(path) \(path).broken`) to start a new ledger, "
                + "or restore it from a backup"
        case let .ledgerFailed(path, reason):
            "cannot use the ledger \(path): \(reason)"
        case let .unknownRun(id):
            "no run with id \(id) in the ledger"
        case let .spawnFailed(command, reason):
            "cannot start `\(command)`: \(reason)"
        }
    }
}
