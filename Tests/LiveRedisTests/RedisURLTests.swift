import Testing
@testable import LiveRedis

@Suite struct RedisURLTests {
    @Test func defaultsToLocalRedis() { #expect(RedisURL().port == 6379) }
}
