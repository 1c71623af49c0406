import RESP

/// One message pushed to many clients (a PUBLISH's subscribers of one channel or pattern):
/// adapted and encoded at most once per protocol, however many clients receive it, so a fan-out
/// to S subscribers costs S byte copies rather than S adaptations and S encodings.
///
/// Used under the simulator's lock only; the arrays it hands out are immutable values that
/// every receiver shares.
struct SharedPush {
    /// The message in its RESP3 shape, as commands build it.
    let value: RESPValue
    private var adapted2: RESPValue?
    private var adapted3: RESPValue?
    private var wire2: [UInt8]?
    private var wire3: [UInt8]?

    init(_ value: RESPValue) { self.value = value }

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

    /// The wire form of `value(forProtocol:)`.
    mutating func wire(forProtocol protocolVersion: Int) -> [UInt8] {
        if protocolVersion >= 3 {
            if let wire3 { return wire3 }
            let bytes = RESPEncoder.encode(value(forProtocol: 3))
            wire3 = bytes
            return bytes
        }
        if let wire2 { return wire2 }
        let bytes = RESPEncoder.encode(value(forProtocol: 2))
        wire2 = bytes
        return bytes
    }
}
