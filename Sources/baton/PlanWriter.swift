import Foundation

/// Writes an edited plan safely: only if the file still holds the bytes the edits were made on, through a temporary
/// file in the same directory renamed over the original, with the original's permissions.
enum PlanWriter {
    static func write(_ edited: [UInt8], to path: String, readBytes original: [UInt8]) throws {
        let manager = FileManager.default
        // What the system lets this user write (root may write a 0444 file, as `cp` leaves copies of one).
        guard manager.isWritableFile(atPath: path) else { throw CLIError("\(path): is read-only; nothing written") }
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        guard manager.isWritableFile(atPath: directory) else {
            throw CLIError("\(path): its directory is not writable, so it cannot be replaced safely; nothing written")
        }
        // Re-read just before writing: someone else may have saved the plan since we read it.
        guard let current = manager.contents(atPath: path), [UInt8](current) == original else {
            throw CLIError("\(path): changed since it was read; nothing written (run the command again)")
        }
        let attributes = try? manager.attributesOfItem(atPath: path)
        let name = (path as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(".\(name).baton-\(getpid()).tmp")
        guard manager.createFile(atPath: temporary, contents: Data(edited), attributes: nil) else {
            throw CLIError("\(path): cannot write a temporary file next to it; nothing written")
        }
        if let permissions = attributes?[.posixPermissions] as? NSNumber {
            chmod(temporary, mode_t(permissions.uint16Value))
        }
        if let handle = FileHandle(forUpdatingAtPath: temporary) {
            try? handle.synchronize()
            try? handle.close()
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CLIError("\(path): cannot replace it (\(reason)); nothing written")
        }
    }
}
