// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "PropLedger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "propledger", targets: ["propledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libpq, from Debian's libpq-dev; only PostgresClient imports it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        // libxlsxwriter, from Debian's libxlsxwriter-dev: the .xlsx of reports and notices (docs/reports.md says why);
        // only LedgerCore's XLSXWorkbook imports it.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // sql/migrations and sql/schema are compiled into LedgerCore (SPEC §9: one binary that migrates from anywhere).
        .target(name: "LedgerCore", dependencies: ["PostgresClient", "CXlsxWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation")], plugins: ["EmbedSQL"]),
        .executableTarget(name: "embed-sql"),
        .plugin(name: "EmbedSQL", capability: .buildTool(), dependencies: ["embed-sql"]),
        .executableTarget(
            name: "propledger",
            dependencies: [
                "LedgerCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The CSV reader's fuzz target: ops/fuzz builds it with libFuzzer (-DFUZZING); a plain build replays inputs.
        .executableTarget(name: "CSVFuzz", dependencies: ["LedgerCore"]),
        // Shared by the test targets: scratch databases and running the built binary.
        .target(name: "TestSupport", dependencies: ["PostgresClient", "LedgerCore"], path: "Tests/TestSupport"),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"]),
        .testTarget(
            name: "LedgerCoreTests",
            dependencies: [
                "LedgerCore", "PostgresClient", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Cases")]
        ),
        .testTarget(name: "PropLedgerCLITests", dependencies: ["LedgerCore", "PostgresClient", "TestSupport", "propledger"]),
    ]
)
