import Foundation
import RedisBackends

/// The entry point of differential tests: loads case files and checks each case against the
/// shared real redis-server.
public enum DifferentialHarness {
    /// The outcome of checking one case.
    public enum Verdict: Sendable {
        case passed
        /// redis-server is not installed: nothing was compared.
        case skipped(String)
        /// One message per differing step (file:line, command, Redis's reply and ours).
        case failed([String])
    }

    /// The cases of every `*.cases` file in `directory`. A file that cannot be read or parsed
    /// yields one case that fails with the file, line and problem.
    public static func loadCases(directory: String) -> [DifferentialCase] {
        do {
            return try DifferentialCaseFile.load(directory: directory)
        } catch {
            return [DifferentialCase(name: "unreadable case file", file: directory, line: 0, steps: [], problem: "\(error)")]
        }
    }

    /// The `Differential` folder beside the test file at `filePath` (pass `#filePath`).
    public static func directory(besideTestFile filePath: String) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Differential").path
    }

    /// Runs `testCase` on a fresh simulator and on the shared redis-server and compares them.
    public static func check(_ testCase: DifferentialCase) async -> Verdict {
        if let problem = testCase.problem { return .failed([problem]) }
        return await gate.withExclusiveAccess { () async -> Verdict in
            let backend: DifferentialRedisBackend
            switch await shared.backend() {
            case .success(let started): backend = started
            case .failure(let reason):
                // Only a missing redis-server excuses a case; one that is installed must work.
                guard RedisServerProcess.isInstalled else { return .skipped(reason.description) }
                return .failed(["redis-server is installed but could not be used: \(reason)"])
            }
            do {
                try await backend.reset()
            } catch {
                return .failed(["\(testCase.file):\(testCase.line): could not reset redis-server: \(error)"])
            }
            let mismatches = await DifferentialRunner.compare(testCase, reference: backend, candidate: SimulatorBackend())
            return mismatches.isEmpty ? .passed : .failed(mismatches)
        }
    }

    private static let gate = AsyncGate()
    private static let shared = SharedServer()
}

/// Starts the real server on first use, once per process.
actor SharedServer {
    private var started: Result<DifferentialRedisBackend, SkipReason>?

    func backend() async -> Result<DifferentialRedisBackend, SkipReason> {
        if let started { return started }
        let result = await DifferentialRedisBackend.start()
        started = result
        return result
    }
}

/// Lets one task at a time through, in arrival order (cases share one real server).
actor AsyncGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func withExclusiveAccess<T: Sendable>(_ body: @Sendable () async -> T) async -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        let result = await body()
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        return result
    }
}
