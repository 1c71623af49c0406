import Exercises
import Foundation
import RESP

/// The loop a grading worker process runs: a request per line on standard input, the runner's
/// result (`ExerciseResult` JSON) per line on standard output. Each submission runs on a fresh
/// backend; the worker caps its own address space, so a submission that allocates without end
/// ends the worker (which the parent reports and replaces), never the grader.
public enum GradingWorker {
    /// Serves requests until standard input closes.
    public static func serve(exercises: [Exercise], limits: ExerciseLimits, backend: any RedisBackend, addressSpaceBytes: Int?) async {
        if let addressSpaceBytes { limitAddressSpace(to: addressSpaceBytes) }
        let byID = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let runner = ExerciseRunner(backend: backend)
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        while let line = readLine(strippingNewline: true) {
            let result: ExerciseResult
            if let request = try? decoder.decode(WorkerRequest.self, from: Data(line.utf8)), let exercise = byID[request.exercise] {
                let submission: ExerciseSubmission = request.kind == .lua ? .lua(request.text) : .redis(request.text)
                result = await runner.run(exercise, submission: submission, limits: limits)
            } else {
                result = ExerciseResult(exercise: "?", status: .error, score: 0, maxScore: 0, error: "the worker could not read the request", checks: [])
            }
            var data = (try? encoder.encode(result)) ?? Data("{}".utf8)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
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
