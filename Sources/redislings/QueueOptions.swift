import ArgumentParser
import Grading

/// The options of `redislings grade` that send the grading to a queue on Redis instead of
/// grading on this machine.
struct QueueOptions: ParsableArguments {
    @Option(
        name: .customLong("queue"),
        help: ArgumentHelp(
            "Grade through a queue on this Redis 7 (a Streams consumer group), by `redislings grade-worker --queue URL` on the machines that help (password: \(QueueAddress.environmentKey)).",
            valueName: "redis://host:port[/db]"))
    var url: String?

    @Option(name: .customLong("run"), help: ArgumentHelp("The run's name on the queue; give it again to resume a run whose coordinator stopped (default: the class and the time).", valueName: "name"))
    var run: String?

    @Option(help: ArgumentHelp("Seconds a job may stay with a worker before another takes it over (default: the time limit plus 30).", valueName: "seconds"))
    var claimAfter: Int?

    @Option(help: ArgumentHelp("Deliveries after which a job whose worker keeps dying is marked failed.", valueName: "n"))
    var maxDeliveries = 3

    func validate(timeLimit: Int) throws {
        if let run, let problem = QueueKeys.problem(withRunName: run) { throw ValidationError(problem + ".") }
        guard (1...100).contains(maxDeliveries) else { throw ValidationError("--max-deliveries must be between 1 and 100.") }
        if let claimAfter, claimAfter < timeLimit + 5 || claimAfter > 86_400 {
            throw ValidationError(
                "--claim-after must be from \(timeLimit + 5) (the time limit plus 5 s: a job still being graded must not be taken over) to 86400 seconds.")
        }
    }

    /// The visibility timeout, in milliseconds.
    func claimAfterMilliseconds(timeLimit: Int) -> Int { (claimAfter ?? timeLimit + 30) * 1000 }
}
