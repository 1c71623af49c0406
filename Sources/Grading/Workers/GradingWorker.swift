import Exercises
import Foundation
import RESP

/// The loop a grading worker process runs: a request per line on standard input, the runner's
/// result (`ExerciseResult` JSON) per line on standard output. Each submission runs on a fresh
/// backend; the worker caps its own address space, so a submission that allocates without end
/// ends the worker (which the parent reports and replaces), never the grader.
public enum GradingWorker {
    /// The line a worker prints once it has loaded and is reading requests.
    static let readyLine = Data("ready".utf8)

    /// Serves requests until standard input closes.
    public static func serve(exercises: [Exercise], limits: ExerciseLimits, backend: any RedisBackend, addressSpaceBytes: Int?) async {
        if let addressSpaceBytes { limitAddressSpace(to: addressSpaceBytes) }
        let byID = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // On a live Redis the grader checked each database before starting, so what matches an
        // exercise's keys there was left by an earlier run (a worker that was stopped).
        let runner = ExerciseRunner(backend: backend, takenKeys: backend.makesFreshInstances ? .refuse : .clear)
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        FileHandle.standardOutput.write(readyLine + Data([0x0A]))
        while let line = readLine(strippingNewline: true) {
            let result: ExerciseResult
            if let request = try? decoder.decode(WorkerRequest.self, from: Data(line.utf8)), let exercise = byID[request.exercise] {
                let submission: ExerciseSubmission = request.kind == .lua ? .lua(request.text) : .redis(request.text)
                result = await run(exercise, submission: submission, limits: limits, runner: runner)
            } else {
                result = ExerciseResult(exercise: "?", status: .error, score: 0, maxScore: 0, error: "the worker could not read the request", checks: [])
            }
            var data = (try? encoder.encode(result)) ?? Data("{}".utf8)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
    }

    /// How many times a run that another submission got in the way of is repeated.
    static let attempts = 3

    /// Runs a submission; on a live Redis a run that another submission's script got in the way
    /// of (Redis answered BUSY, or killed the wrong script) is run again once the server
    /// answers, and when it does not, the result says so as the grader's problem, not the student's.
    static func run(_ exercise: Exercise, submission: ExerciseSubmission, limits: ExerciseLimits, runner: ExerciseRunner) async -> ExerciseResult {
        let backend = runner.backend
        _ = backend.takeInterference()
        var result = await runner.run(exercise, submission: submission, limits: limits)
        var attempt = 1
        while let interference = backend.takeInterference() {
            let recovery = await backend.awaitRecovery(timeout: limits.wallClock)
            guard recovery.recovered, attempt < attempts else {
                let why = recovery.recovered ? "it happened \(attempt) times" : "the server did not recover: \(recovery.reason)"
                return ExerciseResult(
                    exercise: exercise.id, status: .error, score: 0, maxScore: exercise.points,
                    error: InfrastructureError.text("\(interference) during this run, and \(why)", exercise: exercise.id),
                    checks: [])
            }
            result = await runner.run(exercise, submission: submission, limits: limits)
            attempt += 1
        }
        return result
    }

    /// Caps the process's address space, so runaway allocation fails here instead of taking
    /// the machine's memory.
    private static func limitAddressSpace(to bytes: Int) {
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        #if canImport(Glibc)
        setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        #else
        setrlimit(RLIMIT_AS, &limit)
        #endif
    }
}
