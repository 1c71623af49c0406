import RESP

extension CommandTable {
    /// LOLWUT [VERSION v] [arguments of that version's drawing], as Redis 7.0.15 answers it:
    /// version 5 draws Schotter, version 6 a skyline, any other only names the server version.
    static let lolwutCommands: [CommandSpec] = [
        CommandSpec("lolwut", arity: -1, flags: ["readonly", "fast"]) { ctx in
            var arguments = Array(ctx.args.dropFirst())
            var version = ServerState.redisVersion
            if arguments.count >= 2, arguments[0].equalsIgnoringCase("version") {
                guard let number = arguments[1].int64Value else { throw RedisError.notInteger }
                // Redis prints the number as a C unsigned int, so it wraps modulo 2^32.
                version = "\(UInt32(truncatingIfNeeded: number)).0.0"
                arguments.removeFirst(2)
            }
            var generator = SystemRandomNumberGenerator()
            let rand = { Int.random(in: 0...LolwutArt.randMax, using: &generator) }
            switch version {
            case "5.0.0":
                let numbers = try lolwutNumbers(arguments, defaults: [66, 8, 12])
                var text = LolwutArt.schotter(
                    columns: clamp(numbers[0], 1, 1000), squaresPerRow: clamp(numbers[1], 1, 200),
                    squaresPerColumn: clamp(numbers[2], 1, 200), rand: rand)
                text += Array("\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. \(ServerState.redisVersion)\n".utf8)
                return .verbatimString(format: "txt", text: text)
            case "6.0.0":
                let numbers = try lolwutNumbers(arguments, defaults: [80, 20])
                var text = LolwutArt.skyline(columns: clamp(numbers[0], 1, 1000), rows: clamp(numbers[1], 1, 1000), rand: rand)
                text += Array(("\nDedicated to the 8 bit game developers of past and present.\n"
                    + "Original 8 bit image from Plaguemon by hikikomori. Redis ver. \(ServerState.redisVersion)\n").utf8)
                return .verbatimString(format: "txt", text: text)
            default:
                return .verbatim("Redis ver. \(ServerState.redisVersion)\n")
            }
        },
    ]

    /// The drawing's numeric arguments, each replacing its default in order (extra arguments
    /// are ignored, as in Redis).
    private static func lolwutNumbers(_ arguments: [ByteString], defaults: [Int64]) throws(RedisError) -> [Int64] {
        var numbers = defaults
        for index in 0..<min(arguments.count, defaults.count) {
            guard let value = arguments[index].int64Value else { throw RedisError.notInteger }
            numbers[index] = value
        }
        return numbers
    }

    private static func clamp(_ value: Int64, _ low: Int64, _ high: Int64) -> Int {
        Int(min(max(value, low), high))
    }
}
