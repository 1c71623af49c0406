import Testing
import RESP

/// The client-side roles of commands (issue 14): one table the REPL's prompt and history, the
/// exercise sandbox and the live confinement all read, on either backend.
@Suite struct ClientCommandRoleTests {
    private func role(_ line: String) -> ClientCommandRole { ClientCommandRole(line.split(separator: " ").map(String.init)) }

    @Test func connectionStateRoles() {
        #expect(role("select 3").selectedDatabase == 3)
        #expect(role("SELECT x").selectedDatabase == nil)
        #expect(role("SELECT 1 2").selectedDatabase == nil)
        #expect(role("MULTI").opensTransaction && !role("MULTI x").opensTransaction)
        #expect(role("exec").executesTransaction && role("DISCARD").discardsTransaction)
        #expect(role("RESET").resetsConnection && !role("GET reset").resetsConnection)
    }

    /// HELLO that only picks a protocol goes through (the caching exercise needs HELLO 3); any
    /// HELLO carrying AUTH, and AUTH and RESET, would log in as another user.
    @Test func helloWithoutAuthKeepsTheUserAndEveryLoginChangesIt() {
        #expect(!role("HELLO 3").changesUser)
        #expect(!role("HELLO 3 SETNAME app").changesUser)
        #expect(role("HELLO 2 AUTH default x").changesUser)
        #expect(role("HELLO 3 SETNAME a auth default x").changesUser)
        #expect(role("AUTH default x").changesUser)
        #expect(role("RESET").changesUser)
        #expect(!role("GET auth").changesUser)
    }

    @Test func linesCarryingPasswordsAreSecret() {
        for line in ["AUTH x", "auth user x", "HELLO 3 AUTH u p", "MIGRATE h 1 k 0 5 AUTH2 u p", "CONFIG SET requirepass x",
                     "config set maxmemory 1 masterauth x", "ACL SETUSER bob on >pw"] {
            #expect(role(line).carriesSecret, "\(line)")
        }
        for line in ["GET auth", "HELLO 3", "CONFIG GET requirepass", "ACL LIST", "SET requirepass x"] {
            #expect(!role(line).carriesSecret, "\(line)")
        }
    }

    @Test func serverWideCommandsAreNamedAsTheyAreShown() {
        #expect(role("flushall").reachesBeyondOwnKeys == "FLUSHALL")
        #expect(role("SELECT 1").reachesBeyondOwnKeys == "SELECT")
        #expect(role("config Set maxmemory 1").reachesBeyondOwnKeys == "CONFIG SET")
        #expect(role("CLIENT PAUSE 10").reachesBeyondOwnKeys == "CLIENT PAUSE")
        #expect(role("CONFIG GET maxmemory").reachesBeyondOwnKeys == nil)
        #expect(role("CLIENT").reachesBeyondOwnKeys == nil)
        #expect(role("GET flushall").reachesBeyondOwnKeys == nil)
    }
}
