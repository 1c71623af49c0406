import Testing
@testable import RedisSimulator

/// Every command the simulator declares must describe itself as Redis 7.0.15 does: the table
/// of Redis's metadata is generated from redis-server (scripts/generate-command-metadata.py).
@Suite struct CommandMetadataTests {
    @Test func everyDeclarationMatchesRedis() {
        var mismatches: [String] = []
        for spec in CommandTable.standard.allSpecs {
            guard let redis = spec.redisMetadata else {
                mismatches.append("\(spec.name): Redis 7.0.15 has no such command")
                continue
            }
            if spec.arity != redis.arity { mismatches.append("\(spec.name) arity \(spec.arity), Redis \(redis.arity)") }
            if spec.reportedFlags != redis.flags { mismatches.append("\(spec.name) flags \(spec.flags), Redis \(redis.flags)") }
            if spec.keys != redis.keys { mismatches.append("\(spec.name) keys \(spec.keys), Redis \(redis.keys)") }
            if spec.categories != redis.categories {
                mismatches.append("\(spec.name) categories \(spec.categories), Redis \(redis.categories)")
            }
        }
        #expect(mismatches.isEmpty, Comment(rawValue: mismatches.joined(separator: "\n")))
    }

    @Test func tableHoldsEveryRedisCommand() {
        let table = RedisCommandMetadata.byName
        #expect(table.count > 350)
        #expect(table["set"]?.keySpecs.first?.flags == ["RW", "access", "update", "variable_flags"])
        #expect(table["georadius"]?.keySpecs.count == 3)
        #expect(table["config|get"]?.categories == ["@admin", "@slow", "@dangerous"])
        #expect(table["xread"]?.keySpecs.first?.beginSearch == .keyword("STREAMS", startFrom: 1))
    }
}
