// Runs 100,000 EVALs (the lesson's rate limiter and lock release, fresh keys and arguments each
// time) on one simulator and prints the resident set size before and after, to show memory
// stays flat: the script cache holds two scripts, KEYS/ARGV tables are collected, and the keys
// are deleted as they go. Run: swift run -c release ScriptingMemory [evals]
#if canImport(Glibc)
import Glibc
#endif
import RESP
import RedisScripting
import RedisSimulator

/// Resident set size in KiB, from /proc/self/statm (pages × page size).
func residentKiB() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return -1 }
    defer { fclose(file) }
    var size = 0, resident = 0
    withUnsafeMutablePointer(to: &size) { sizePointer in
        withUnsafeMutablePointer(to: &resident) { residentPointer in
            _ = withVaList([sizePointer, residentPointer]) { vfscanf(file, "%ld %ld", $0) }
        }
    }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}

let total = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
let limiter = "local n = redis.call(\"INCR\", KEYS[1]) if n == 1 then redis.call(\"EXPIRE\", KEYS[1], ARGV[1]) end return n"
let release = "if redis.call(\"GET\", KEYS[1]) == ARGV[1] then return redis.call(\"DEL\", KEYS[1]) else return 0 end"

let simulator = Simulator()
simulator.installScripting(LuaScripting())
let client = simulator.connect()

func command(_ parts: String...) -> RESPValue {
    guard case .reply(let reply) = simulator.execute(parts.map { Array($0.utf8) }, for: client) else { fatalError("blocked") }
    return reply
}

func round(_ i: Int) {
    let key = "rate:\(i)"
    guard command("EVAL", limiter, "1", key, "60") == .integer(1) else { fatalError("limiter failed at \(i)") }
    _ = command("SET", "lock:\(i)", "token-\(i)")
    guard command("EVAL", release, "1", "lock:\(i)", "token-\(i)") == .integer(1) else { fatalError("release failed at \(i)") }
    _ = command("DEL", key)
}

// Warm up so allocator pools and the script cache exist before the first reading.
for i in 0..<2_000 { round(i) }
let before = residentKiB()
let started = ContinuousClock.now
var i = 0
while i < total / 2 {
    round(2_000 + i)
    i += 1
}
let elapsed = ContinuousClock.now - started
let after = residentKiB()
print("EVALs run: \(total) (\(total / 2) rate-limiter + \(total / 2) lock-release) in \(elapsed)")
print("RSS before: \(before) KiB, after: \(after) KiB, growth: \(after - before) KiB")
