import Basics

/// What `redislings serve` was asked for: the one description that the command line, the lean
/// `redislings-server` process it starts and the in-process fallback share.
public struct ServeOptions: Sendable, Equatable {
    /// A primary to follow, as `--replicaof host port` names it.
    public struct Primary: Sendable, Equatable {
        public var host: String
        public var port: Int

        /// A primary at `host:port`.
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    /// The TCP port (0 picks a free one).
    public var port: Int
    /// The address to listen on.
    public var bind: String
    /// The password clients must AUTH with, if any.
    public var requirepass: String?
    /// Event-loop threads.
    public var threads: Int
    /// Where SAVE writes (nil: the current directory); given, its RDB file is loaded at start.
    public var dir: String?
    /// The RDB file's name in `dir` (nil: dump.rdb); given, the file is loaded at start.
    public var dbfilename: String?
    /// The primary to follow, if any.
    public var primary: Primary?

    /// Options as given.
    public init(
        port: Int = 6379, bind: String = "127.0.0.1", requirepass: String? = nil, threads: Int = 1, dir: String? = nil,
        dbfilename: String? = nil, primary: Primary? = nil
    ) {
        self.port = port
        self.bind = bind
        self.requirepass = requirepass
        self.threads = threads
        self.dir = dir
        self.dbfilename = dbfilename
        self.primary = primary
    }

    /// The options as `redislings-server`'s arguments, which `init(arguments:)` reads back.
    public var arguments: [String] {
        var words = ["--port", String(port), "--bind", bind, "--threads", String(threads)]
        if let requirepass { words += ["--requirepass", requirepass] }
        if let dir { words += ["--dir", dir] }
        if let dbfilename { words += ["--dbfilename", dbfilename] }
        if let primary { words += ["--replicaof", primary.host, String(primary.port)] }
        return words
    }

    /// Options read from `arguments` as `arguments` writes them; anything else is refused.
    public init(arguments: [String]) throws(CommandLineError) {
        self.init()
        var rest = arguments[...]
        func value(_ option: String) throws(CommandLineError) -> String {
            guard let word = rest.popFirst() else { throw Self.misuse("\(option) needs a value") }
            return word
        }
        func number(_ option: String, in range: ClosedRange<Int>) throws(CommandLineError) -> Int {
            let word = try value(option)
            guard let number = Int(word), range.contains(number) else { throw Self.misuse("\(option) takes a number from \(range.lowerBound) to \(range.upperBound), not '\(word)'") }
            return number
        }
        while let option = rest.popFirst() {
            switch option {
            case "--port": port = try number(option, in: 0...65535)
            case "--bind": bind = try value(option)
            case "--threads": threads = try number(option, in: 1...1024)
            case "--requirepass": requirepass = try value(option)
            case "--dir": dir = try value(option)
            case "--dbfilename": dbfilename = try value(option)
            case "--replicaof": primary = try Primary(host: value(option), port: number(option, in: 0...65535))
            default: throw Self.misuse("unknown option '\(option)'")
            }
        }
    }

    private static func misuse(_ what: String) -> CommandLineError {
        CommandLineError(
            message: "redislings-server: \(what).",
            help: "Start it through `redislings serve` (see `redislings serve --help`), which checks the options and passes them on.")
    }
}
