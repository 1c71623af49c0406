/// The classes `notify-keyspace-events` selects, parsed as Redis's keyspaceEventsStringToFlags.
public struct KeyspaceEventFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let keyspace = KeyspaceEventFlags(rawValue: 1 << 0)
    public static let keyevent = KeyspaceEventFlags(rawValue: 1 << 1)
    public static let generic = KeyspaceEventFlags(rawValue: 1 << 2)
    public static let string = KeyspaceEventFlags(rawValue: 1 << 3)
    public static let list = KeyspaceEventFlags(rawValue: 1 << 4)
    public static let set = KeyspaceEventFlags(rawValue: 1 << 5)
    public static let hash = KeyspaceEventFlags(rawValue: 1 << 6)
    public static let zset = KeyspaceEventFlags(rawValue: 1 << 7)
    public static let expired = KeyspaceEventFlags(rawValue: 1 << 8)
    public static let evicted = KeyspaceEventFlags(rawValue: 1 << 9)
    public static let stream = KeyspaceEventFlags(rawValue: 1 << 10)
    public static let keyMiss = KeyspaceEventFlags(rawValue: 1 << 11)
    public static let module = KeyspaceEventFlags(rawValue: 1 << 13)
    public static let new = KeyspaceEventFlags(rawValue: 1 << 14)
    /// `A`: every class except key-miss and new-key events, as in Redis.
    public static let all: KeyspaceEventFlags = [
        .generic, .string, .list, .set, .hash, .zset, .expired, .evicted, .stream, .module,
    ]

    /// Parses a `notify-keyspace-events` value; nil when it holds a character Redis rejects
    /// (CONFIG SET then answers its invalid-argument error).
    public init?(parsing text: String) {
        var flags: KeyspaceEventFlags = []
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "A"): flags.formUnion(.all)
            case UInt8(ascii: "g"): flags.insert(.generic)
            case UInt8(ascii: "$"): flags.insert(.string)
            case UInt8(ascii: "l"): flags.insert(.list)
            case UInt8(ascii: "s"): flags.insert(.set)
            case UInt8(ascii: "h"): flags.insert(.hash)
            case UInt8(ascii: "z"): flags.insert(.zset)
            case UInt8(ascii: "x"): flags.insert(.expired)
            case UInt8(ascii: "e"): flags.insert(.evicted)
            case UInt8(ascii: "K"): flags.insert(.keyspace)
            case UInt8(ascii: "E"): flags.insert(.keyevent)
            case UInt8(ascii: "t"): flags.insert(.stream)
            case UInt8(ascii: "m"): flags.insert(.keyMiss)
            case UInt8(ascii: "d"): flags.insert(.module)
            case UInt8(ascii: "n"): flags.insert(.new)
            default: return nil
            }
        }
        self = flags
    }

    /// The canonical text CONFIG GET shows for these flags (Redis's keyspaceEventsFlagsToString).
    public var configText: String {
        var text = ""
        if isSuperset(of: .all) {
            text = "A"
        } else {
            let letters: [(KeyspaceEventFlags, Character)] = [
                (.generic, "g"), (.string, "$"), (.list, "l"), (.set, "s"), (.hash, "h"), (.zset, "z"),
                (.expired, "x"), (.evicted, "e"), (.stream, "t"), (.module, "d"), (.new, "n"),
            ]
            for (flag, letter) in letters where contains(flag) { text.append(letter) }
        }
        if contains(.keyspace) { text.append("K") }
        if contains(.keyevent) { text.append("E") }
        if contains(.keyMiss) { text.append("m") }
        return text
    }

    /// The flag of one event class.
    init(_ eventClass: KeyspaceEventClass) {
        switch eventClass {
        case .generic: self = .generic
        case .string: self = .string
        case .list: self = .list
        case .set: self = .set
        case .hash: self = .hash
        case .zset: self = .zset
        case .expired: self = .expired
        case .evicted: self = .evicted
        case .stream: self = .stream
        case .keyMiss: self = .keyMiss
        case .new: self = .new
        }
    }
}
