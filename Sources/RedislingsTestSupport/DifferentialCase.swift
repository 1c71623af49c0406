/// One `=== name` case of a differential case file: steps run on a fresh dataset with new clients.
public struct DifferentialCase: Sendable, CustomStringConvertible {
    /// The case's name, after `=== `.
    public let name: String
    /// The case file's name (e.g. `keys.cases`), for messages.
    public let file: String
    /// The line of the `=== ` header.
    public let line: Int
    /// The steps, in order.
    public let steps: [DifferentialStep]
    /// Set when the case file could not be read: the case then fails with this message.
    public let problem: String?

    public init(name: String, file: String, line: Int, steps: [DifferentialStep], problem: String? = nil) {
        self.name = name
        self.file = file
        self.line = line
        self.steps = steps
        self.problem = problem
    }

    /// How Swift Testing names the case: `keys.cases:12 SET with NX on an existing key`.
    public var description: String { "\(file):\(line) \(name)" }
}

/// One line of a case.
public struct DifferentialStep: Sendable {
    /// The line in the case file.
    public let line: Int
    /// The line as written, for messages.
    public let text: String
    /// The client the step runs on (`a` unless `@name` says otherwise).
    public let client: String
    /// What the step does.
    public let action: Action
    /// How its reply is compared.
    public let comparison: DifferentialComparison

    public init(line: Int, text: String, client: String, action: Action, comparison: DifferentialComparison) {
        self.line = line
        self.text = text
        self.client = client
        self.action = action
        self.comparison = comparison
    }

    /// The kinds of step.
    public enum Action: Sendable, Equatable {
        /// Send a command and compare its reply.
        case command([[UInt8]])
        /// Send a command without reading its reply (blocking commands).
        case send([[UInt8]])
        /// Read the client's next reply or pushed message and compare it.
        case receive
        /// Disconnect the client.
        case close
        /// Wait this many milliseconds (the simulator advances its clock instead).
        case sleep(Int64)
    }

    /// True when the step produces an outcome to compare.
    var producesOutcome: Bool {
        switch action {
        case .command, .receive: return true
        case .send, .close, .sleep: return false
        }
    }
}

/// How two replies are compared.
public struct DifferentialComparison: Sendable, Equatable {
    /// `~`: compare only the kind of reply, and arrays by length and element shapes.
    public var shapeOnly = false
    /// `%`: compare arrays as multisets (sorted), for orders Redis leaves to its hash tables.
    public var unordered = false

    public init(shapeOnly: Bool = false, unordered: Bool = false) {
        self.shapeOnly = shapeOnly
        self.unordered = unordered
    }

    /// Exact, reply for reply.
    public static let exact = DifferentialComparison()
}
