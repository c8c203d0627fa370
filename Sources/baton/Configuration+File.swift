import Foundation
import PlanKit
import BatonRunner

extension BatonConfiguration {
    /// `baton.toml` in the current directory, if there is one.
    static func load(from path: String = "baton.toml") throws -> BatonConfiguration? {
        guard LocalFiles.exists(path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot be read") }
        do {
            return try BatonConfiguration.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw CLIError("\(path): \(error.description)")
        }
    }
}
