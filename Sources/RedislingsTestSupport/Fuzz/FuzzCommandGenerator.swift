import Basics

/// Builds random but plausible commands from a `FuzzCommandCatalog`: mostly the documented
/// argument shapes, sometimes with an argument dropped, repeated or swapped for a hostile value,
/// so that both the happy paths and the error paths of each command are reached.
public struct FuzzCommandGenerator {
    public let catalog: FuzzCommandCatalog
    public var random: SeededGenerator

    /// A generator over `catalog` seeded with `seed`.
    public init(catalog: FuzzCommandCatalog, seed: UInt64) {
        self.catalog = catalog
        random = SeededGenerator(seed: seed)
    }

    /// The next command: the command it came from, and its arguments, words included.
    public mutating func next() -> (command: FuzzCommand, arguments: [[UInt8]]) {
        let command = random.pick(catalog.commands)
        var arguments = command.words.map { Array($0.utf8) }
        if random.chance(5), command.words.count == 1, let first = command.words.first {
            // Names are case-insensitive; sometimes say so.
            arguments[0] = Array(first.lowercased().utf8)
        }
        var rest: [[UInt8]] = []
        for argument in command.arguments { emit(argument, into: &rest, depth: 0) }
        if random.chance(10) { mutate(&rest) }
        arguments += rest
        Self.spareRedis(command.name, &arguments)
        return (command, arguments)
    }

    /// Redis answers HRANDFIELD, SRANDMEMBER and ZRANDMEMBER with a negative count by building
    /// that many elements (2^31 take it minutes and gigabytes): such counts become -1000, so
    /// that the reference server stays usable. Serve gets the same command.
    static func spareRedis(_ name: String, _ arguments: inout [[UInt8]]) {
        guard ["hrandfield", "srandmember", "zrandmember"].contains(name), arguments.count > 2,
              let count = Int64(String(decoding: arguments[2], as: UTF8.self)), count < -1000
        else { return }
        arguments[2] = Array("-1000".utf8)
    }

    private mutating func emit(_ argument: FuzzArgument, into out: inout [[UInt8]], depth: Int) {
        if argument.isOptional, random.chance(50) { return }
        let times = argument.isMultiple ? Int.random(in: 1...3, using: &random) : 1
        for time in 0..<times {
            if let token = argument.token, time == 0 || argument.repeatsToken {
                out.append(Array((random.chance(10) ? token.lowercased() : token).utf8))
            }
            switch argument.type {
            case "pure-token": break
            case "oneof":
                if !argument.children.isEmpty, depth < 6 { emit(random.pick(argument.children), into: &out, depth: depth + 1) }
            case "block":
                if depth < 6 { for child in argument.children { emit(child, into: &out, depth: depth + 1) } }
            default:
                out.append(FuzzValues.value(type: argument.type, random: &random))
            }
        }
    }

    private mutating func mutate(_ arguments: inout [[UInt8]]) {
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where !arguments.isEmpty: arguments.remove(at: Int.random(in: 0..<arguments.count, using: &random))
        case 1 where !arguments.isEmpty: arguments.append(random.pick(arguments))
        case 2 where !arguments.isEmpty: arguments[Int.random(in: 0..<arguments.count, using: &random)] = FuzzValues.hostile(&random)
        default: arguments.append(FuzzValues.hostile(&random))
        }
    }
}
