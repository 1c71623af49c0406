// In-process throughput of the simulator on 1M keys, and its heap bytes per short string key.
// Run: swift run -c release SimulatorBenchmark [NAME ...]   (compare-memory.sh adds redis-server's figure)
// Names (SET GET INCR LPUSH ZADD ZRANGE ZADD100K memory) pick which measurements run; none runs them all.
// Instructions per operation: SIMULATOR_BENCHMARK_KEYS=100000 valgrind --tool=callgrind
// --dump-before='*SimulatorBenchmark7measure*' --dump-after='*SimulatorBenchmark7measure*' on the
// binary with its debug info stripped (valgrind 3.19 cannot read DWARF 5), one dump per measurement.
#if canImport(Glibc)
import Glibc
#endif
import RESP
import RedisSimulator

/// 1M keys, or SIMULATOR_BENCHMARK_KEYS (a smaller keyspace makes a run under callgrind short;
/// instructions per operation barely depend on it).
let keyCount = getenv("SIMULATOR_BENCHMARK_KEYS").flatMap { Int(String(cString: $0)) }.map { max(1000, $0) } ?? 1_000_000

/// Wall-clock and this thread's CPU seconds spent in `body` (CPU time gives ops/s on one core
/// even when other processes share the machine).
func seconds(_ body: () -> Void) -> (wall: Double, cpu: Double) {
    func read(_ clock: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    let wall = read(CLOCK_MONOTONIC), cpu = read(CLOCK_THREAD_CPUTIME_ID)
    body()
    return (read(CLOCK_MONOTONIC) - wall, read(CLOCK_THREAD_CPUTIME_ID) - cpu)
}

/// Resident memory of this process in bytes (/proc/self/statm), what redis-server's
/// used_memory_rss measures for it; Swift exposes no allocator statistics of glibc.
func heapInUse() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 128)
    guard fgets(&buffer, 128, file) != nil else { return 0 }
    let fields = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
    return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func keyName(_ prefix: String, _ i: Int) -> ByteString { ByteString(prefix + String(i)) }

/// Runs `count` commands built by `command`, reporting operations per second.
/// The measurements named on the command line, upper-cased; empty means all.
let selected = Set(CommandLine.arguments.dropFirst().map { $0.uppercased() })

func isSelected(_ name: String) -> Bool { selected.isEmpty || selected.contains(name.uppercased()) }

func measure(_ name: String, _ simulator: Simulator, _ client: SimulatorClient, count: Int,
             _ command: (Int) -> [ByteString]) {
    guard isSelected(name) else { return }
    let commands = (0..<count).map(command)
    var errors = 0
    let elapsed = seconds {
        for args in commands {
            if case .reply(.error) = simulator.execute(args, for: client) { errors += 1 }
        }
    }
    let wallRate = Double(count) / elapsed.wall, cpuRate = Double(count) / elapsed.cpu
    print(name + String(repeating: " ", count: max(1, 9 - name.count))
        + "\(Int(cpuRate).formatted()) ops per CPU-second, \(Int(wallRate).formatted()) ops/s wall"
        + (errors > 0 ? "  (\(errors) errors)" : ""))
}

extension Int {
    func formatted() -> String {
        var digits = Array(String(self)), out: [Character] = []
        while digits.count > 3 { out = [","] + digits.suffix(3) + out; digits.removeLast(3) }
        return String(digits + out)
    }
}

// Memory: 1M keys "key:N" → "value:N", as redis-server's DEBUG POPULATE 1000000 makes them.
if isSelected("memory") {
    let before = heapInUse()
    let simulator = Simulator()
    let client = simulator.connect()
    for i in 0..<keyCount {
        _ = simulator.execute([ByteString("SET"), keyName("key:", i), keyName("value:", i)], for: client)
    }
    let after = heapInUse()
    let perKey = Double(after - before) / Double(keyCount)
    print("memory   \(String(format1(perKey))) bytes per key (resident memory, \(keyCount.formatted()) keys key:N → value:N)")
    withExtendedLifetime(simulator) {}
}

func format1(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

// Throughput on a keyspace of 1M keys.
let simulator = Simulator()
let client = simulator.connect()
for i in 0..<keyCount {
    _ = simulator.execute([ByteString("SET"), keyName("key:", i), ByteString("v")], for: client)
}
var generator = SystemRandomNumberGenerator()
let randomKeys = (0..<keyCount).map { _ in Int.random(in: 0..<keyCount, using: &generator) }
measure("SET", simulator, client, count: keyCount) { [ByteString("SET"), keyName("key:", randomKeys[$0]), ByteString("value")] }
measure("GET", simulator, client, count: keyCount) { [ByteString("GET"), keyName("key:", randomKeys[$0])] }
measure("INCR", simulator, client, count: keyCount) { [ByteString("INCR"), keyName("counter:", randomKeys[$0] % 1000)] }
measure("LPUSH", simulator, client, count: keyCount) { [ByteString("LPUSH"), keyName("list:", randomKeys[$0] % 1000), ByteString("x")] }
measure("ZADD", simulator, client, count: keyCount) {
    [ByteString("ZADD"), keyName("zset:", randomKeys[$0] % 1000), ByteString(String(randomKeys[$0] % 10_000)), keyName("m", $0)]
}
measure("ZRANGE", simulator, client, count: keyCount / 10) {
    [ByteString("ZRANGE"), keyName("zset:", randomKeys[$0] % 1000), ByteString("0"), ByteString("9")]
}

// One sorted set of 100,000 members whose scores keep changing, as redis-benchmark's ZADD
// test (-r 100000) drives it: each update moves a member far within a large sorted set.
if isSelected("ZADD100K") {
    let big = Simulator()
    let bigClient = big.connect()
    for i in 0..<100_000 {
        _ = big.execute([ByteString("ZADD"), ByteString("board"), ByteString(String(i)), keyName("player:", i)], for: bigClient)
    }
    measure("ZADD100K", big, bigClient, count: keyCount) {
        [ByteString("ZADD"), ByteString("board"), ByteString(String(randomKeys[$0] % 100_000)), keyName("player:", randomKeys[($0 + 1) % keyCount] % 100_000)]
    }
}
