import Foundation
import Testing
@testable import BatonRunner

@Suite struct LocalFilesTests {
    /// Files, folders and links to them exist; missing paths and links to nothing do not, as Foundation says.
    @Test func existsAgreesWithFileManager() throws {
        let directory = try TemporaryDirectory()
        try directory.write("plan.md", "# Plan\n")
        try FileManager.default.createDirectory(atPath: directory.file("docs"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: directory.file("link"), withDestinationPath: directory.file("plan.md"))
        try FileManager.default.createSymbolicLink(atPath: directory.file("dangling"), withDestinationPath: directory.file("gone"))
        let cases = ["plan.md": true, "docs": true, "link": true, "dangling": false, "missing.md": false, "plan.md/inside": false]
        for (name, expected) in cases {
            #expect(LocalFiles.exists(directory.file(name)) == expected, "\(name)")
            #expect(FileManager.default.fileExists(atPath: directory.file(name)) == expected, "\(name)")
        }
    }

    @Test func currentDirectoryIsFoundationsAnswer() {
        #expect(LocalFiles.currentDirectory == FileManager.default.currentDirectoryPath)
        #expect(LocalFiles.currentDirectory.hasPrefix("/"))
    }
}
