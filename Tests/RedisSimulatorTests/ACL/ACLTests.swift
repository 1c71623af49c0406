import Testing
import RESP
@testable import RedisSimulator
import RedislingsTestSupport

/// ACL behaviour checked on the simulator alone; `Differential/acl.cases` compares the same
/// ground with redis-server.
@Suite struct ACLTests {
    let simulator = Simulator()

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hexDigest(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func aRestrictedUserGetsNopermForCommandsKeysAndChannels() {
        let admin = simulator.connect(), user = simulator.connect()
        #expect(run(simulator, admin, "ACL", "SETUSER", "ro", "on", ">p", "%R~r:*", "%W~w:*", "&chan:*", "+@all", "-flushall") == .reply(.ok))
        #expect(run(simulator, user, "AUTH", "ro", "p") == .reply(.ok))
        #expect(run(simulator, user, "GET", "r:1") == .reply(.nullBulkString))
        #expect(run(simulator, user, "SET", "w:1", "v") == .reply(.ok))
        #expect(run(simulator, user, "SET", "r:1", "v") == .reply(.error(
            "NOPERM this user has no permissions to access one of the keys used as arguments")))
        #expect(run(simulator, user, "INCR", "w:1") == .reply(.error(
            "NOPERM this user has no permissions to access one of the keys used as arguments")))
        #expect(run(simulator, user, "FLUSHALL") == .reply(.error(
            "NOPERM this user has no permissions to run the 'flushall' command")))
        #expect(run(simulator, user, "PUBLISH", "other", "m") == .reply(.error(
            "NOPERM this user has no permissions to access one of the channels used as arguments")))
        #expect(run(simulator, user, "PUBLISH", "chan:1", "m") == .reply(.integer(0)))
    }

    @Test func execRechecksPermissionsChangedAfterQueueing() {
        let admin = simulator.connect(), user = simulator.connect()
        _ = run(simulator, admin, "ACL", "SETUSER", "u", "on", ">p", "~*", "+@all")
        _ = run(simulator, user, "AUTH", "u", "p")
        #expect(run(simulator, user, "MULTI") == .reply(.ok))
        #expect(run(simulator, user, "SET", "k", "v") == .reply(.queued))
        _ = run(simulator, admin, "ACL", "SETUSER", "u", "-set")
        #expect(run(simulator, user, "EXEC") == .reply(.array([.error(
            "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. This command is no longer allowed for the following reason: no permission to execute the command or subcommand")])))
    }

    @Test func requirepassIsTheDefaultUsersPassword() {
        let admin = simulator.connect()
        #expect(run(simulator, admin, "CONFIG", "SET", "requirepass", "secret") == .reply(.ok))
        let other = simulator.connect()
        #expect(run(simulator, other, "PING") == .reply(.error("NOAUTH Authentication required.")))
        #expect(run(simulator, other, "AUTH", "nope") == .reply(.error("WRONGPASS invalid username-password pair or user is disabled.")))
        #expect(run(simulator, other, "AUTH", "default", "secret") == .reply(.ok))
        #expect(run(simulator, admin, "ACL", "GETUSER", "default") == .reply(.array([
            .bulk("flags"), .array([.bulk("on")]),
            .bulk("passwords"), .array([.bulk(ByteString(SHA256.hexDigest(Array("secret".utf8))))]),
            .bulk("commands"), .bulk("+@all"), .bulk("keys"), .bulk("~*"), .bulk("channels"), .bulk("&*"),
            .bulk("selectors"), .array([]),
        ])))
    }

    @Test func listDescribesRulesWithTheBestFittingCategories() {
        let admin = simulator.connect()
        _ = run(simulator, admin, "ACL", "SETUSER", "c", "on", "nopass", "+@all", "-@dangerous", "+config|get", "~*", "(%R~a* +get)")
        #expect(run(simulator, admin, "ACL", "LIST") == .reply(.array([
            .bulk("user c on nopass ~* resetchannels +@all -@dangerous +config|get (%R~a* resetchannels -@all +get)"),
            .bulk("user default on nopass ~* &* +@all"),
        ])))
    }

    @Test func refusalsAreLoggedAndFolded() {
        let admin = simulator.connect(), user = simulator.connect()
        _ = run(simulator, admin, "ACL", "SETUSER", "l", "on", ">p", "+get", "~a")
        _ = run(simulator, user, "AUTH", "l", "p")
        _ = run(simulator, user, "GET", "b")
        _ = run(simulator, user, "GET", "b")
        guard case .reply(.array(let entries)) = run(simulator, admin, "ACL", "LOG") else {
            Issue.record("ACL LOG did not answer an array")
            return
        }
        #expect(entries.count == 1)
        let fields = entries.first?.arrayValue ?? []
        #expect(Array(fields.prefix(10)) == [
            .bulk("count"), .integer(2), .bulk("reason"), .bulk("key"), .bulk("context"), .bulk("toplevel"),
            .bulk("object"), .bulk("b"), .bulk("username"), .bulk("l"),
        ])
        #expect(run(simulator, admin, "ACL", "LOG", "RESET") == .reply(.ok))
        #expect(run(simulator, admin, "ACL", "LOG") == .reply(.array([])))
    }

    /// RESP3 clients get each entry as a map, its age as a double, as Redis 7.0 sends them.
    @Test func logEntriesAreMapsInRESP3() {
        let admin = simulator.connect(), user = simulator.connect()
        _ = run(simulator, admin, "HELLO", "3")
        _ = run(simulator, admin, "ACL", "SETUSER", "l3", "on", ">p")
        _ = run(simulator, user, "AUTH", "l3", "wrong")
        guard case .reply(.array(let entries)) = run(simulator, admin, "ACL", "LOG"),
              case RESPValue.map(let fields)? = entries.first
        else {
            Issue.record("ACL LOG did not answer an array of maps in RESP3")
            return
        }
        #expect(Array(fields.prefix(10)) == [
            .bulk("count"), .integer(1), .bulk("reason"), .bulk("auth"), .bulk("context"), .bulk("toplevel"),
            .bulk("object"), .bulk("AUTH"), .bulk("username"), .bulk("l3"),
        ])
        #expect(fields.count == 14)
        if fields.count == 14 {
            #expect(fields[10] == .bulk("age-seconds"))
            guard case .double(let age) = fields[11] else {
                Issue.record("age-seconds is \(fields[11]), not a double")
                return
            }
            #expect(age >= 0 && age < 60)
        }
    }

    @Test func commandStatisticsCountCallsRejectionsAndFailures() {
        let client = simulator.connect()
        _ = run(simulator, client, "SET", "k")
        _ = run(simulator, client, "SET", "k", "v")
        _ = run(simulator, client, "LPUSH", "k", "x")
        guard case .reply(.bulkString(let bytes)) = run(simulator, client, "INFO", "commandstats", "errorstats") else {
            Issue.record("INFO did not answer a bulk string")
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("cmdstat_set:calls=1,"))
        #expect(text.contains(",rejected_calls=1,failed_calls=0\r\n"))
        #expect(text.contains("cmdstat_lpush:calls=1,"))
        #expect(text.contains("errorstat_ERR:count=1\r\nerrorstat_WRONGTYPE:count=1\r\n"))
        _ = run(simulator, client, "CONFIG", "RESETSTAT")
        guard case .reply(.bulkString(let after)) = run(simulator, client, "INFO", "errorstats") else { return }
        #expect(String(decoding: after, as: UTF8.self) == "# Errorstats\r\n")
    }
}
