import Foundation
import Testing
@testable import Grading

@Suite struct WorkerProcessTests {
    @Test func aWorkerInheritsNoDescriptorButItsPipes() throws {
        // A descriptor of the parent's that a worker must not keep open.
        let folder = try TemporaryFolder()
        let handle = try FileHandle(forWritingTo: try folder.write("held.txt", ""))
        defer { try? handle.close() }
        // `ls` replaces the shell and lists its own descriptors: 0, 1 and 2 from the worker's
        // pipes, and 3, the one it reads the listing through.
        let worker = try WorkerProcess(["/bin/sh", "-c", "read request; exec ls -m /proc/self/fd"])
        defer { worker.stop() }
        guard case .line(let line) = worker.ask(Data("go".utf8), timeout: .seconds(10)) else {
            Issue.record("the worker did not answer")
            return
        }
        #expect(String(decoding: line, as: UTF8.self) == "0, 1, 2, 3")
    }

    @Test func aWorkerThatDiesIsReportedAndOneThatHangsTimesOut() throws {
        let dying = try WorkerProcess(["/bin/sh", "-c", "read request; kill -9 $$"])
        guard case .exited(let how) = dying.ask(Data("go".utf8), timeout: .seconds(10)) else {
            Issue.record("a dead worker was not noticed")
            return
        }
        #expect(how == "the worker was ended by signal 9")
        let hanging = try WorkerProcess(["/bin/sh", "-c", "read request; sleep 30"])
        guard case .timedOut = hanging.ask(Data("go".utf8), timeout: .milliseconds(200)) else {
            Issue.record("a hanging worker did not time out")
            return
        }
        #expect(hanging.stop() == "the worker was ended by signal 9")
    }
}

/// A worker's start-up (loading the binary and the course, slow on a busy machine) is not
/// charged to the submission it is started for.
@Suite struct ProcessGraderStartUpTests {
    static let answer = #"{"exercise":"counter","status":"passed","score":10,"max_score":10,"checks":[]}"#

    @Test func aWorkerThatIsSlowToStartDoesNotTimeTheSubmissionOut() async {
        // It takes three times the submission's time limit to start, then answers at once.
        let grader = ProcessGrader(wallClock: .milliseconds(300), memoryBudgetText: "64 MB") { _ in
            ["/bin/sh", "-c", "sleep 3; echo ready; read request; echo '\(Self.answer)'"]
        }
        defer { grader.shutDown() }
        let outcome = await grader.grade(SampleExercises.counter, submission: SubmissionText(kind: .redis, text: "INCR counter"), slot: 0)
        #expect(outcome.status == .passed, "\(outcome.error ?? "")")
        #expect(outcome.score == 10)
    }

    @Test func aWorkerThatDiesBeforeItIsReadyIsTheGradersProblem() async {
        let grader = ProcessGrader(wallClock: .seconds(5), memoryBudgetText: "64 MB") { _ in ["/bin/sh", "-c", "exit 3"] }
        defer { grader.shutDown() }
        let outcome = await grader.grade(SampleExercises.counter, submission: SubmissionText(kind: .redis, text: "INCR counter"), slot: 0)
        #expect(outcome.status == .error)
        #expect(outcome.error?.hasPrefix("infrastructure error, not the student's: the grading worker failed to start") == true, "\(outcome.error ?? "")")
    }
}
