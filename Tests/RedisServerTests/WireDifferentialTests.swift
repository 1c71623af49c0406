import RESP
import RedisSimulator
import RedislingsTestSupport
import Testing

/// Raw request bytes sent in one write to redis-server and to the served simulator: the bytes
/// that come back (and whether the connection closes) must be identical. This covers what the
/// reply-level tests cannot see: pipelines run in one go, protocol errors, and the size limits
/// that depend on whether the client has authenticated by then.
@Suite(.enabled(if: RedisServerProcess.isInstalled, "redis-server is not installed: wire differential test skipped"))
struct WireDifferentialTests {
    static let elevenArguments = "*11\r\n$4\r\nECHO\r\n" + String(repeating: "$1\r\nx\r\n", count: 10)

    static let openServerCases: [(name: String, bytes: String)] = [
        ("protocol error after a reply", "PING\r\n*1\r\n$x\r\nPING\r\n"),
        ("unbalanced quotes", "SET k \"open\r\n"),
        ("expected dollar", "*1\r\n:1\r\n"),
        ("invalid multibulk length", "*x\r\n"),
        ("pipeline ending in QUIT", "*3\r\n$3\r\nSET\r\n$4\r\nwire\r\n$1\r\n1\r\nGET wire\r\nINCR wire\r\nQUIT\r\nPING\r\n"),
        ("transaction in one write", "MULTI\r\nINCR wire:tx\r\nINCR wire:tx\r\nEXEC\r\nGET wire:tx\r\n"),
        // One channel: UNSUBSCRIBE without arguments confirms in Redis's hash-table order.
        ("subscribe and leave in one write", "SUBSCRIBE a\r\nSUBSCRIBE b c\r\nPING\r\nUNSUBSCRIBE b c\r\nUNSUBSCRIBE\r\nPING x\r\n"),
        ("empty lines and empty multibulks", "\r\n*0\r\nPING\r\n\r\n*-1\r\nECHO hi\r\n"),
        ("a command behind a blocked one waits for its timeout", "BLPOP wire:list 0.1\r\nLPUSH wire:list a\r\n"),
        ("CLIENT REPLY OFF, SKIP and ON", "CLIENT REPLY OFF\r\nPING\r\nCLIENT REPLY SKIP\r\nPING\r\nCLIENT REPLY ON\r\nPING a\r\nCLIENT REPLY SKIP\r\nPING b\r\nPING c\r\nCLIENT REPLY bogus\r\n"),
        ("Pub/Sub confirmations are pushes CLIENT REPLY OFF lets through", "CLIENT REPLY OFF\r\nSUBSCRIBE wire:ch\r\nUNSUBSCRIBE wire:ch\r\nSET wire:k 1\r\nCLIENT REPLY ON\r\nGET wire:k\r\n"),
        ("MONITOR answers OK", "MONITOR\r\n"),
        // The user's rules name one command: Redis lists several in its hash table's order.
        ("an ACL user in one write, scripts included",
         "ACL SETUSER wire on >p ~w:* +@read\r\nAUTH wire p\r\nGET w:1\r\nGET x\r\nSET w:1 v\r\nACL WHOAMI\r\n"
            + "EVAL \"return 1\" 0\r\nAUTH default x\r\nEVAL \"return redis.call('get','x')\" 0\r\nACL GETUSER wire\r\n"),
    ]

    static let passwordCases: [(name: String, bytes: String)] = [
        ("wrong password, then too many arguments", "AUTH wrong\r\n" + elevenArguments),
        ("right password, then many arguments", "AUTH pw\r\n" + elevenArguments),
        ("RESET forgets the password", "*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n*1\r\n$4\r\nPING\r\nRESET\r\n" + elevenArguments),
        ("commands before AUTH", "PING\r\nAUTH pw\r\nPING\r\n"),
        ("SHUTDOWN before AUTH is refused", "SHUTDOWN NOSAVE\r\nPING\r\n"),
        ("a long bulk before AUTH", "*2\r\n$4\r\nECHO\r\n$20000\r\n" + String(repeating: "y", count: 20000) + "\r\n"),
    ]

    /// Replies whose RESP3 shape differs from RESP2's: maps, sets and doubles inside them.
    /// (HELLO's own reply is not compared: it holds the connection's id.)
    static let resp3Cases: [(name: String, bytes: String)] = [
        ("ACL GETUSER: a map, its flags a set, its selectors maps",
         "ACL SETUSER w3 on >p ~k* &c* +get (+set ~x*)\r\nACL GETUSER w3\r\nACL GETUSER default\r\nACL GETUSER nobody\r\n"),
    ]

    func compare(_ cases: [(name: String, bytes: String)], password: String?, resp3: Bool = false) async throws {
        let redis = try RedisServerProcess(extraArguments: password.map { ["--requirepass", $0] } ?? [])
        defer { redis.stop() }
        let served = try await ServedSimulator()
        if let password {
            let setup = served.simulator.connect()
            _ = served.simulator.execute([ByteString("CONFIG"), "SET", "requirepass", ByteString(password)], for: setup)
            served.simulator.disconnect(setup)
        }
        for (name, bytes) in cases {
            let theirs = try RawClient(port: redis.port)
            let ours = try RawClient(port: served.port)
            if resp3 {
                for client in [theirs, ours] {
                    client.send("HELLO 3\r\n")
                    #expect(client.readUntilQuiet(quietMilliseconds: 200).first == UInt8(ascii: "%"), "\(name): HELLO 3")
                }
            }
            theirs.send(bytes)
            ours.send(bytes)
            let expected = String(decoding: theirs.readUntilQuiet(quietMilliseconds: 500), as: UTF8.self)
            let actual = String(decoding: ours.readUntilQuiet(quietMilliseconds: 500), as: UTF8.self)
            #expect(actual == expected, "\(name)")
        }
        await served.stop()
    }

    @Test func requestsAnswerByteForByteAsRedis() async throws {
        try await compare(Self.openServerCases, password: nil)
    }

    @Test func resp3RepliesAnswerByteForByteAsRedis() async throws {
        try await compare(Self.resp3Cases, password: nil, resp3: true)
    }

    @Test func authenticationLimitsApplyFromTheRightRequestOn() async throws {
        try await compare(Self.passwordCases, password: "pw")
    }
}
