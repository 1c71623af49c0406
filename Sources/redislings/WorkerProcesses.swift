import Foundation
import Grading

/// The isolated worker processes every submission runs in (`redislings grade-worker` reading
/// requests on standard input), for local grading and for queue workers alike.
enum WorkerProcesses {
    /// A grader whose worker processes grade with these limits, on the simulator or, with
    /// `live`, on the live Redis database of their slot.
    static func grader(
        lessons: String, exercises: String, timeLimit: Int, commandLimit: Int, memoryLimit: Int, live: String? = nil
    ) -> ProcessGrader {
        let executable = executablePath()
        let addressSpace = GradeOptions.workerAddressSpace(memoryLimit: memoryLimit)
        return ProcessGrader(wallClock: .seconds(timeLimit), memoryBudgetText: "\(memoryLimit) MB") { slot in
            var command = [
                executable, "grade-worker", "--lessons", lessons, "--exercises", exercises,
                "--time-limit", String(timeLimit), "--command-limit", String(commandLimit),
                "--memory-limit", String(memoryLimit), "--address-space", String(addressSpace),
                // Workers die with whoever started them: a killed grader leaves none running.
                "--grader-pid", String(getpid()),
            ]
            if let live { command += ["--live", live, "--slot", String(slot)] }
            return command
        }
    }

    /// An absolute, standardized form of `path`.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// This program's own path, to start workers from.
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
