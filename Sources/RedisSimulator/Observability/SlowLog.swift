import RESP

/// The slow log (Redis's slowlog.c): the newest commands that ran at least
/// `slowlog-log-slower-than` microseconds, at most `slowlog-max-len` of them, newest first.
struct SlowLog {
    struct Entry {
        let id: Int64
        let time: Int64
        let microseconds: Int64
        let arguments: [ByteString]
        let address: String
        let name: ByteString
    }

    private(set) var entries: [Entry] = []
    private var nextID: Int64 = 0

    /// Redis keeps at most 32 arguments, the last one saying how many more there were, and at
    /// most 128 bytes of each, saying how many more bytes there were.
    static let maxArguments = 32
    static let maxArgumentBytes = 128

    mutating func add(_ arguments: [ByteString], microseconds: Int64, time: Int64, client: SimulatorClient, maxLength: Int) {
        var kept: [ByteString] = []
        let count = min(arguments.count, Self.maxArguments)
        for index in 0..<count {
            if index == Self.maxArguments - 1, arguments.count > Self.maxArguments {
                kept.append(ByteString("... (\(arguments.count - Self.maxArguments + 1) more arguments)"))
            } else if arguments[index].count > Self.maxArgumentBytes {
                let extra = arguments[index].count - Self.maxArgumentBytes
                kept.append(ByteString(Array(arguments[index].bytes.prefix(Self.maxArgumentBytes)) + Array("... (\(extra) more bytes)".utf8)))
            } else {
                kept.append(arguments[index])
            }
        }
        entries.insert(Entry(id: nextID, time: time, microseconds: microseconds, arguments: kept,
                             address: client.address, name: client.name ?? ByteString("")), at: 0)
        nextID += 1
        trim(to: maxLength)
    }

    mutating func trim(to maxLength: Int) {
        if entries.count > maxLength { entries.removeLast(entries.count - maxLength) }
    }

    mutating func reset() { entries = [] }
}

extension SlowLog.Entry {
    /// SLOWLOG GET's six fields.
    var reply: RESPValue {
        .array([.integer(id), .integer(time), .integer(microseconds), .array(arguments.map { .bulk($0) }),
                .bulk(address), .bulk(name)])
    }
}
