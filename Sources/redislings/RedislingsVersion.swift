/// The program's version, shown by `redislings --version`.
enum RedislingsVersion {
    static let current = "0.9.0 (teaches and simulates Redis 7.0.15)"
}
