import Basics
import Foundation

/// The commit times of the files of a student's folder that is a git repository (GitHub
/// Classroom's layout): for each file, the committer time of the last commit that touched it.
/// The repository is the student's, and so is its `.git/config`: git runs without pager,
/// hooks, fsmonitor or signature checks (`log.showSignature` would run `gpg.program`), so
/// nothing a student configures runs on the instructor's machine.
enum GitCommitTimes {
    /// Whether `folder` is the top of a git repository.
    static func isRepository(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path)
    }

    /// File name (relative to `folder`) → time of the last commit touching it, or an error text.
    static func times(in folder: URL) -> Result<[String: Date], GradingError> {
        let arguments = [
            "/usr/bin/env", "git", "-c", "safe.directory=*", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
            "-c", "core.quotePath=false", "-c", "log.showSignature=false", "--no-pager", "-C", folder.path,
            "log", "--no-renames", "--format=%x01%ct", "--name-only", "HEAD", "--",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        for variable in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_PARAMETERS"] { environment[variable] = nil }
        let run: Subprocess.Output
        do {
            run = try Subprocess.run(arguments, environment: environment)
        } catch {
            return .failure(GradingError("cannot run git to read the commit times of \(folder.path): \(error.reason)"))
        }
        guard run.termination.exitStatus == 0 else {
            let text = String(decoding: run.standardError, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(GradingError(
                "git could not read the history of \(folder.path): \(text.isEmpty ? "git \(run.termination.description)" : text)"))
        }
        var times: [String: Date] = [:]
        var current: Date?
        for line in String(decoding: run.standardOutput, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("\u{1}") {
                current = TimeInterval(line.dropFirst()).map { Date(timeIntervalSince1970: $0) }
            } else if let current, times[String(line)] == nil {
                // Newest commits come first: the first time a file appears is its last change.
                times[String(line)] = current
            }
        }
        return .success(times)
    }
}
