import RESP

/// One message pushed to many clients (a PUBLISH's subscribers of one channel or pattern):
/// encoded at most once per protocol, straight from its parts, however many clients receive
/// it, so a fan-out to S subscribers costs S shares of the same bytes rather than S encodings.
/// The `RESPValue` form is built only for in-process receivers.
///
/// Used under the simulator's lock only; the arrays it hands out are immutable values that
/// every receiver shares.
struct SharedPush {
    /// Which of Redis's three message pushes this is.
    enum Kind {
        case message, pmessage, smessage

        var word: StaticString {
            switch self {
            case .message: return "message"
            case .pmessage: return "pmessage"
            case .smessage: return "smessage"
            }
        }
    }

    private let kind: Kind
    /// The pattern that matched, for `pmessage` only.
    private let pattern: ByteString?
    private let channel: ByteString
    private let message: ByteString
    private var adapted2: RESPValue?
    private var adapted3: RESPValue?
    private var wire2: [UInt8]?
    private var wire3: [UInt8]?

    init(_ kind: Kind, pattern: ByteString? = nil, channel: ByteString, message: ByteString) {
        self.kind = kind
        self.pattern = pattern
        self.channel = channel
        self.message = message
    }

    /// The message in its RESP3 shape, as a command would build it.
    var value: RESPValue {
        let word = kind.word.withUTF8Buffer { RESPValue.bulkString(Array($0)) }
        if let pattern { return .push([word, .bulk(pattern), .bulk(channel), .bulk(message)]) }
        return .push([word, .bulk(channel), .bulk(message)])
    }

    /// The message as a client speaking `protocolVersion` reads it.
    mutating func value(forProtocol protocolVersion: Int) -> RESPValue {
        if protocolVersion >= 3 {
            if let adapted3 { return adapted3 }
            let adapted = value.adapted(toProtocol: 3)
            adapted3 = adapted
            return adapted
        }
        if let adapted2 { return adapted2 }
        let adapted = value.adapted(toProtocol: 2)
        adapted2 = adapted
        return adapted
    }

    /// The wire form of `value(forProtocol:)`: RESP2 reads a push as an array.
    mutating func wire(forProtocol protocolVersion: Int) -> [UInt8] {
        if protocolVersion >= 3 {
            if let wire3 { return wire3 }
            let bytes = encode(UInt8(ascii: ">"))
            wire3 = bytes
            return bytes
        }
        if let wire2 { return wire2 }
        let bytes = encode(UInt8(ascii: "*"))
        wire2 = bytes
        return bytes
    }

    private func encode(_ type: UInt8) -> [UInt8] {
        kind.word.withUTF8Buffer { word in
            channel.withUnsafeBytes { channel in
                message.withUnsafeBytes { message in
                    guard let pattern else {
                        return RESPEncoder.encodeBulks(type, UnsafeRawBufferPointer(word), channel, message)
                    }
                    return pattern.withUnsafeBytes { pattern in
                        RESPEncoder.encodeBulks(type, UnsafeRawBufferPointer(word), pattern, channel, message)
                    }
                }
            }
        }
    }
}
