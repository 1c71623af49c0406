import RESP

/// One submission travelling on the queue: a stream entry carrying everything a worker needs,
/// so workers share no disk with the coordinator.
public struct QueueJob: Sendable, Hashable {
    /// The run it belongs to.
    public var run: String
    /// `student/exercise`: the job's identity within the run, and its field in the results hash.
    public var key: String
    public var exercise: String
    public var submission: SubmissionText
    /// The stream entry's id, once it is on the stream.
    public var id: String?
    /// How many times the group has handed the entry out (XREADGROUP and each claim count).
    public var deliveries: Int

    public init(run: String, key: String, exercise: String, submission: SubmissionText, id: String? = nil, deliveries: Int = 1) {
        self.run = run
        self.key = key
        self.exercise = exercise
        self.submission = submission
        self.id = id
        self.deliveries = deliveries
    }

    /// The entry's field/value pairs, for XADD.
    var fields: [String] {
        ["run", run, "key", key, "exercise", exercise, "kind", submission.kind.rawValue, "text", submission.text]
    }

    /// Reads a stream entry (`[id, [field, value, …]]`); nil for one the queue did not write.
    init?(entry: RESPValue) {
        guard let parts = entry.arrayValue, parts.count == 2, let id = parts[0].stringValue, let list = parts[1].arrayValue else { return nil }
        var fields: [String: String] = [:]
        var index = 0
        while index + 1 < list.count {
            guard let field = list[index].stringValue, let value = list[index + 1].stringValue else { return nil }
            fields[field] = value
            index += 2
        }
        guard let run = fields["run"], let key = fields["key"], let exercise = fields["exercise"],
            let kind = fields["kind"].flatMap(GradedExercise.AnswerKind.init(rawValue:)), let text = fields["text"]
        else { return nil }
        self.init(run: run, key: key, exercise: exercise, submission: SubmissionText(kind: kind, text: text), id: id)
    }
}
