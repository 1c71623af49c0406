import Testing
@testable import REPL

@Suite struct HistoryPolicyTests {
    @Test func commandsCarryingPasswordsAreNotRemembered() {
        for line in [
            "AUTH secret", "auth default secret", "HELLO 3 AUTH default secret", "hello 2 auth u p setname x",
            "CONFIG SET requirepass secret", "config set maxmemory 1mb masterauth x",
            "MIGRATE host 6379 k 0 1000 AUTH secret", "migrate h 1 \"\" 0 10 AUTH2 u p KEYS a",
            "ACL SETUSER bob on >secret", #"AUTH "unbalanced"#,
        ] {
            #expect(!HistoryPolicy.mayRemember(line), "\(line)")
        }
    }

    @Test func ordinaryCommandsAreRemembered() {
        for line in ["SET k v", "HELLO 3", "CONFIG SET maxmemory 1mb", "CONFIG GET requirepass", "GET auth",
                     "MIGRATE h 1 k 0 10", ":run 2"] {
            #expect(HistoryPolicy.mayRemember(line), "\(line)")
        }
    }
}
