import RedisBackends
import Testing
@testable import REPL

@Suite struct CompleterTests {
    let completer = Completer.standard(commands: SimulatorBackend.commandNames, metaCommands: [":lesson", ":run", ":reset", ":quit"])

    @Test func completesCommandNamesInTheCaseTyped() {
        let (word, lower) = completer.candidates(for: "subs")
        #expect(word == "subs")
        #expect(lower == ["subscribe", "substr"])
        #expect(completer.candidates(for: "SUBSC").candidates == ["SUBSCRIBE"])
        #expect(completer.candidates(for: "PUBL").candidates == ["PUBLISH"])
        #expect(completer.candidates(for: "xr").candidates == ["xrange", "xread", "xreadgroup", "xrevrange"])
    }

    @Test func everyCommandOfTheSimulatorIsOffered() {
        let all = Set(completer.candidates(for: "").candidates)
        for name in ["GET", "SET", "XADD", "XREADGROUP", "ZADD", "PUBLISH", "PSUBSCRIBE", "MULTI", "EVAL", "HELP"] {
            #expect(all.contains(name), "\(name)")
        }
    }

    @Test func completesSubcommandsAfterTheirContainer() {
        #expect(completer.candidates(for: "xgroup cr").candidates == ["create", "createconsumer"])
        #expect(completer.candidates(for: "CONFIG ").candidates.contains("GET"))
        #expect(completer.candidates(for: "get key ").candidates == [])
    }

    @Test func completesMetaCommandsAndHelpTopics() {
        #expect(completer.candidates(for: ":re").candidates == [":reset"])
        #expect(completer.candidates(for: "help @str").candidates.sorted() == ["@stream", "@string"])
        #expect(completer.candidates(for: "help xac").candidates == ["xack"])
    }

    @Test func commonPrefixOfCandidates() {
        #expect(Completer.commonPrefix(["xread", "xreadgroup"]) == "xread")
        #expect(Completer.commonPrefix(["a"]) == "a")
        #expect(Completer.commonPrefix([]) == "")
    }

    @Test func listingFitsTheWidth() {
        let text = LineEditor.columnsLayout(["select", "set", "setex", "setnx"], width: 20)
        #expect(text == "select  set\r\nsetex   setnx\r\n")
    }
}
