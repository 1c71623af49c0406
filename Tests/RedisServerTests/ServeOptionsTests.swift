import Basics
import RedisServer
import Testing

/// `redislings serve` hands its checked options to `redislings-server` as arguments: every
/// option reads back as it was written, and anything else is refused with what to do.
@Suite struct ServeOptionsTests {
    @Test func everyOptionReadsBackAsWritten() throws {
        let options = ServeOptions(
            port: 6390, bind: "0.0.0.0", requirepass: "s3 cret", threads: 2, dir: "/tmp/data dir", dbfilename: "x.rdb",
            primary: .init(host: "127.0.0.1", port: 6379))
        #expect(try ServeOptions(arguments: options.arguments) == options)
        #expect(try ServeOptions(arguments: ServeOptions().arguments) == ServeOptions())
        #expect(ServeOptions().arguments == ["--port", "6379", "--bind", "127.0.0.1", "--threads", "1"])
    }

    @Test func anythingElseIsRefusedNamingTheWayIn() {
        for arguments in [["--nope"], ["--port"], ["--port", "70000"], ["--threads", "0"], ["--replicaof", "h", "x"]] {
            #expect(throws: CommandLineError.self, "\(arguments)") { try ServeOptions(arguments: arguments) }
        }
        do {
            _ = try ServeOptions(arguments: ["--nope"])
        } catch {
            #expect(error.description == """
                redislings-server: unknown option '--nope'.
                Help: Start it through `redislings serve` (see `redislings serve --help`), which checks the options and passes them on.
                """)
        }
    }
}
