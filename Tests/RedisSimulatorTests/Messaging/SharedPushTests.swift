import RESP
import Testing
@testable import RedisSimulator

/// A published message encoded straight from its parts is byte for byte the push Redis sends,
/// in either protocol, and reads as the same value in-process.
@Suite struct SharedPushTests {
    @Test func eachKindEncodesAsItsValueInBothProtocols() {
        let long = ByteString([UInt8](repeating: 0x6D, count: 300))
        let pushes: [(SharedPush, RESPValue)] = [
            (SharedPush(.message, channel: "news", message: "hi"),
             .push([.bulk("message"), .bulk("news"), .bulk("hi")])),
            (SharedPush(.pmessage, pattern: "n*", channel: "news", message: long),
             .push([.bulk("pmessage"), .bulk("n*"), .bulk("news"), .bulk(long)])),
            (SharedPush(.smessage, channel: "", message: ""),
             .push([.bulk("smessage"), .bulk(""), .bulk("")])),
        ]
        for (push, value) in pushes {
            var push = push
            #expect(push.value == value)
            for version in [2, 3] {
                #expect(push.value(forProtocol: version) == value.adapted(toProtocol: version))
                #expect(push.wire(forProtocol: version) == RESPEncoder.encode(value.adapted(toProtocol: version)))
                // The second receiver gets the same bytes.
                #expect(push.wire(forProtocol: version) == RESPEncoder.encode(value.adapted(toProtocol: version)))
            }
        }
        var resp2 = SharedPush(.message, channel: "c", message: "m")
        #expect(resp2.wire(forProtocol: 2) == Array("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n".utf8))
        #expect(resp2.wire(forProtocol: 3) == Array(">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n".utf8))
    }
}
