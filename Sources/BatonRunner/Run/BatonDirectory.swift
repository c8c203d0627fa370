import Foundation

/// The `.baton/` folder in a repository: ledger, lock and logs.
public enum BatonDirectory {
    /// The absolute path of `<root>/.baton`, made by joining strings: the read-only commands ask for it at
    /// every start, where Foundation's `URL` cost a fraction of a millisecond on first use.
    public static func path(root: String) -> String {
        let absolute = root.hasPrefix("/") ? root : LocalFiles.currentDirectory + "/" + root
        return (absolute.hasSuffix("/") ? absolute : absolute + "/") + ".baton"
    }

    /// Creates `<root>/.baton` (and `logs/`) when absent and checks it is a writable directory.
    /// Returns its absolute path.
    @discardableResult
    public static func prepare(root: String) throws -> String {
        let directory = path(root: root)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw BatonRunnerError.notWritable(path: directory, reason: "it exists but is not a directory")
            }
        } else {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw BatonRunnerError.notWritable(path: directory, reason: "cannot create it (\(error.localizedDescription))")
            }
        }
        guard manager.isWritableFile(atPath: directory) else {
            throw BatonRunnerError.notWritable(path: directory, reason: "permission denied")
        }
        return directory
    }
}
