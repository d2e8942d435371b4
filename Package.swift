// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Cutover",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "MigrationKit", targets: ["MigrationKit"]),
        .library(name: "CutoverServer", targets: ["CutoverServer"]),
        .executable(name: "cutover", targets: ["cutover"]),
        .executable(name: "cutover-bench", targets: ["cutover-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        // Leaf renders the web pages; it escapes every value, attributes included.
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        // Order CSV files: streams rows from a file (memory stays flat at 10,000 or 100,000
        // rows), where SwiftCSV reads the whole text first (README, "Order CSV files").
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    ],
    targets: [
        // The domain: Foundation only, no I/O.
        .target(name: "MigrationKit"),
        .target(
            name: "CutoverServer",
            dependencies: [
                "MigrationKit",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/Views"), .copy("Resources/Public")]
        ),
        .executableTarget(
            name: "cutover",
            dependencies: [
                "MigrationKit",
                "CutoverServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "cutover-bench", dependencies: ["MigrationKit"], path: "Sources/cutover-bench"),
        .testTarget(name: "MigrationKitTests", dependencies: ["MigrationKit"]),
        .testTarget(name: "CutoverCLITests", dependencies: ["cutover", "MigrationKit"]),
        .testTarget(
            name: "CutoverServerTests",
            dependencies: [
                "CutoverServer",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
