// swift-tools-version: 6.2
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "baton", targets: ["baton"]),
        .library(name: "PlanSyntax", targets: ["PlanSyntax"]),
        .library(name: "PlanKit", targets: ["PlanKit"]),
        .library(name: "BatonRunner", targets: ["BatonRunner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Lossless block parser over UTF-8 bytes and mojibake repair; standard library only.
        .target(name: "PlanSyntax", swiftSettings: strictSettings),
        // Plan model, vocabulary, extraction, diagnostics, scheduling graph and edits; no I/O.
        .target(name: "PlanKit", dependencies: ["PlanSyntax"], swiftSettings: strictSettings),
        // Linux and GNU calls the Glibc module does not import (pipe2, pidfd_open, spawn file actions, auxv).
        .target(name: "CSystemCalls"),
        // Gate processes under a watchdog, the SQLite ledger, git facts and artifact hashes.
        .target(
            name: "BatonRunner",
            dependencies: [
                "PlanKit", "CSystemCalls",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        // The command line: argument parsing and printing only.
        .executableTarget(
            name: "baton",
            dependencies: [
                "PlanSyntax", "PlanKit", "BatonRunner", "CSystemCalls",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "PlanSyntaxTests", dependencies: ["PlanSyntax"], swiftSettings: strictSettings),
        .testTarget(name: "PlanKitTests", dependencies: ["PlanKit", "PlanSyntax"], swiftSettings: strictSettings),
        .testTarget(name: "BatonRunnerTests", dependencies: ["BatonRunner", "PlanKit"], swiftSettings: strictSettings),
        // End-to-end: runs the built `baton` binary.
        .testTarget(
            name: "BatonCLITests",
            dependencies: ["baton", "BatonRunner", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
    ]
)
