// swift-tools-version:6.0
import PackageDescription

// The engine runs one command at a time under its own lock, and the protocol code is confined
// to one event loop; the runtime's dynamic exclusivity checks cost 5-9% of a SET in release
// builds, so the hot modules turn them off there (debug builds and tests keep them on).
// scripts/build-release.sh, which every script's release build goes through, turns them off in
// the dependencies too (SwiftNIO's read and write paths), which a package cannot do.
let releaseSpeed: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

// The module graph follows DESIGN.md: C shims and Basics → RESP → simulator/scripting → server/live → lessons → executable.
let package = Package(
    name: "redislings",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "redislings", targets: ["redislings"]),
        .executable(name: "redislings-server", targets: ["redislings-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // MARK: C shims
        .systemLibrary(name: "CHiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CEditline", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CPrefetch"),
        .systemLibrary(name: "CEpoll"),
        .systemLibrary(name: "CLua", pkgConfig: "lua5.1", providers: [.apt(["liblua5.1-0-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // MARK: What several layers need from the system, none of it about Redis
        .target(name: "Basics"),

        // MARK: Protocol and engines
        .target(name: "RESP", swiftSettings: releaseSpeed),
        .target(
            name: "RedisSimulator",
            dependencies: [
                "RESP", "CPrefetch", .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: releaseSpeed),
        // The Lua sandbox's C half: the budgeted allocator, the hook, `bit`, and the library
        // functions whose C loops the hook cannot reach.
        .target(name: "CLuaSandbox", dependencies: ["CLua"]),
        .target(name: "RedisScripting", dependencies: ["RedisSimulator", "RESP", "CLua", "CLuaSandbox"]),

        // MARK: Doors out
        .target(
            name: "RedisServer",
            dependencies: [
                "Basics", "RESP", "RedisSimulator", "CMalloc", "CEpoll",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: releaseSpeed),
        .target(name: "LiveRedis", dependencies: ["RESP", "CHiredis"]),
        // The two implementations of RESP's RedisBackend; only the executable (and test support) builds one.
        .target(name: "RedisBackends", dependencies: ["RESP", "RedisSimulator", "RedisScripting", "LiveRedis"]),

        // MARK: Course
        .target(name: "LessonKit", dependencies: ["Basics", "CCmarkGFM", "RESP", "Yams"]),
        .target(name: "Exercises", dependencies: ["RESP", "LessonKit", "Yams"]),

        // MARK: The learner's record and quizzes
        .target(name: "CourseProgress", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Quizzes", dependencies: ["Basics", "LessonKit", "RESP"]),

        // MARK: Instructors
        .target(name: "Grading", dependencies: ["Basics", "RESP", "Exercises", "LessonKit", "CourseProgress", "Yams"]),

        // MARK: The learner's terminal
        .target(
            name: "REPL",
            dependencies: ["CEditline", "RESP", "LessonKit", "Exercises"]),

        // MARK: The learner's browser (a second front end over the REPL's session logic)
        .target(
            name: "WebApp",
            dependencies: [
                "RESP", "LessonKit", "Exercises", "Quizzes", "CourseProgress", "REPL", "Grading",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]),

        // MARK: The program
        // What `redislings serve` runs: the served simulator alone, without Foundation.
        .executableTarget(name: "redislings-server", dependencies: ["Basics", "RedisSimulator", "RedisScripting", "RedisServer"]),
        .executableTarget(
            name: "redislings",
            dependencies: [
                "RESP", "RedisSimulator", "RedisBackends", "RedisServer", "LiveRedis", "LessonKit", "Exercises", "REPL",
                "CourseProgress", "Quizzes", "Grading", "WebApp", "Basics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // MARK: Tests
        .target(name: "RedislingsTestSupport", dependencies: ["Basics", "RESP", "RedisSimulator", "RedisBackends", "LiveRedis"]),
        .testTarget(name: "CShimTests", dependencies: ["CHiredis", "CEditline", "CLua", "CCmarkGFM"]),
        .testTarget(name: "BasicsTests", dependencies: ["Basics"]),
        .testTarget(name: "RESPTests", dependencies: ["RESP", "RedislingsTestSupport"]),
        .testTarget(
            name: "RedisSimulatorTests",
            dependencies: ["Basics", "RedisSimulator", "RESP", "RedislingsTestSupport"],
            exclude: ["Differential"]),
        .testTarget(
            name: "RedisScriptingTests",
            dependencies: ["RedisScripting", "RedisSimulator", "RESP", "RedislingsTestSupport"],
            exclude: ["Differential"]),
        .testTarget(
            name: "RedisServerTests",
            dependencies: [
                "Basics", "RedisServer", "RedisSimulator", "RedisScripting", "LiveRedis", "RESP", "RedislingsTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            exclude: ["Scripts"]),
        .testTarget(name: "RedisBackendsTests", dependencies: ["RedisBackends", "RedisSimulator", "RESP", "LiveRedis", "RedislingsTestSupport"]),
        .testTarget(name: "LiveRedisTests", dependencies: ["LiveRedis", "RESP", "RedislingsTestSupport"]),
        .testTarget(name: "LessonKitTests", dependencies: ["LessonKit"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ExercisesTests",
            dependencies: ["Exercises", "LessonKit", "RESP", "RedisBackends", "LiveRedis", "RedislingsTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "REPLTests", dependencies: ["REPL", "RESP", "RedisSimulator", "RedisBackends", "Exercises", "LessonKit", "RedislingsTestSupport"]),
        .testTarget(name: "CourseProgressTests", dependencies: ["CourseProgress", "RedislingsTestSupport"]),
        .testTarget(name: "QuizzesTests", dependencies: ["Quizzes", "LessonKit", "RESP", "RedisBackends"]),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "CourseProgress", "Exercises", "LessonKit", "RESP", "RedisBackends", "RedislingsTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp", "RESP", "RedisBackends", "LessonKit", "Exercises", "REPL", "RedislingsTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ]),
        .testTarget(name: "EndToEndTests", dependencies: ["RedislingsTestSupport"], exclude: ["Fixtures"]),

        // MARK: Benchmarks (swift run -c release <name>)
        .executableTarget(name: "SimulatorBenchmark", dependencies: ["RedisSimulator", "RESP"], path: "Benchmarks/SimulatorBenchmark",
            exclude: ["compare-memory.sh"]),
        .executableTarget(
            name: "ScriptingMemory", dependencies: ["RedisSimulator", "RedisScripting", "RESP"],
            path: "Benchmarks/ScriptingMemory"),
        .executableTarget(name: "MessagingBenchmark", dependencies: ["RedisSimulator", "RESP"], path: "Benchmarks/MessagingBenchmark"),
        .executableTarget(
            name: "GradingBenchmark", dependencies: ["Grading", "Exercises", "LessonKit", "RedisBackends"], path: "Benchmarks/GradingBenchmark"),
        .executableTarget(name: "CatalogBenchmark", dependencies: ["LessonKit"], path: "Benchmarks/CatalogBenchmark"),
        .executableTarget(name: "DifferentialFuzz", dependencies: ["RedislingsTestSupport"], path: "Benchmarks/DifferentialFuzz"),
        .executableTarget(name: "FrameFuzz", dependencies: ["RedislingsTestSupport"], path: "Benchmarks/FrameFuzz"),
        .executableTarget(name: "ReleaseCheck", dependencies: ["RedislingsTestSupport"], path: "Benchmarks/ReleaseCheck"),
    ],
    swiftLanguageModes: [.v6]
)
