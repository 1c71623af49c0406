/// Remembers which keys the fuzzed stream gave a time to live of at most two seconds, so that a
/// mismatch on such a key can be told apart from a real difference. The two servers get each
/// request a fraction of a millisecond apart, so a key set with `PSETEX k 3 v` may already be
/// gone on one and still there on the other when a later command reads it; from then on the
/// keyspaces differ until the fuzzer flushes both.
struct ExpiryRaceTracker {
    /// Time to live, in milliseconds, up to which an expiry can race.
    static let racingMilliseconds: Int64 = 2_000
    /// How many commands after the TTL was set a mismatch on the key still counts as a race.
    static let window = 3_000

    private var markedAt: [[UInt8]: Int] = [:]

    /// Notes what a command that both servers accepted did to keys' expiry times.
    mutating func record(_ arguments: [[UInt8]], index: Int) {
        guard arguments.count >= 2 else { return }
        let name = String(decoding: arguments[0], as: UTF8.self).lowercased()
        let key = arguments[1]
        func racing(_ text: [UInt8], milliseconds: Bool) -> Bool {
            guard let value = Int64(String(decoding: text, as: UTF8.self)), value > 0 else { return false }
            return milliseconds ? value <= Self.racingMilliseconds : value <= Self.racingMilliseconds / 1_000
        }
        switch name {
        case "psetex", "pexpire", "restore":
            if arguments.count > 2, racing(arguments[2], milliseconds: true) { markedAt[key] = index }
        case "setex", "expire":
            if arguments.count > 2, racing(arguments[2], milliseconds: false) { markedAt[key] = index }
        case "set", "getex":
            for position in arguments.indices.dropFirst(2).dropLast() {
                let option = String(decoding: arguments[position], as: UTF8.self).uppercased()
                if (option == "PX" && racing(arguments[position + 1], milliseconds: true))
                    || (option == "EX" && racing(arguments[position + 1], milliseconds: false)) {
                    markedAt[key] = index
                }
            }
        case "rename", "renamenx", "copy":
            // The time to live travels with the value.
            if arguments.count > 2, markedAt[key] != nil { markedAt[arguments[2]] = index }
        default:
            break
        }
    }

    /// True when one of the command's arguments is a key whose short time to live was set
    /// recently enough for the two servers to disagree about it.
    func mayRace(_ arguments: [[UInt8]], index: Int) -> Bool {
        arguments.dropFirst().contains { argument in
            guard let marked = markedAt[argument] else { return false }
            return index - marked <= Self.window
        }
    }

    /// Forgets everything (both servers were flushed).
    mutating func reset() { markedAt.removeAll() }
}
