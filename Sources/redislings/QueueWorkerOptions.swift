import ArgumentParser
import Foundation

/// The options of `redislings grade-worker` as a queue worker.
struct QueueWorkerOptions: ParsableArguments {
    @Option(
        name: .customLong("queue"),
        help: ArgumentHelp("The grading queue's Redis (default: \(QueueAddress.environmentKey), where a password belongs).", valueName: "redis://host:port[/db]"))
    var url: String?

    @Option(help: "Submissions graded at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("This worker's consumer name in the group (default: host-pid); unique per running worker.", valueName: "name"))
    var name: String?

    @Flag(help: "With --live: allow databases that already hold keys (course keys carry the prefix 'redislings:').")
    var allowNonempty = false

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64.") }
        if let name, name.isEmpty || name.utf8.count > 200 || name.contains(where: \.isWhitespace) {
            throw ValidationError("--name must be 1 to 200 characters without spaces.")
        }
    }

    /// The consumer name: --name, or this host and process.
    var consumerName: String {
        if let name { return name }
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "worker"
        return "\(host)-\(getpid())"
    }
}
