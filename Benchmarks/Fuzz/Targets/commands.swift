import RESP
import RedisSimulator

// libFuzzer target: bytes → commands (one per line, arguments split at spaces, `\xHH` for any
// byte) → a fresh simulator with two clients. Any trap, overflow or overread (ASan) is a
// finding; the replies themselves are not judged here (the differential fuzzer compares them
// with redis-server).

private func unescape(_ word: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    var i = word.startIndex
    while i < word.endIndex {
        if word[i] == UInt8(ascii: "\\"), i + 3 < word.endIndex, word[i + 1] == UInt8(ascii: "x"),
           let value = UInt8(String(decoding: word[(i + 2)...(i + 3)], as: UTF8.self), radix: 16) {
            out.append(value)
            i += 4
        } else {
            out.append(word[i])
            i += 1
        }
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommands(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let simulator = Simulator()
    let clients = [simulator.connect(), simulator.connect()]
    for (number, line) in bytes.split(separator: UInt8(ascii: "\n")).prefix(64).enumerated() {
        var arguments = line.split(separator: UInt8(ascii: " ")).map { unescape(ArraySlice($0)) }
        guard !arguments.isEmpty else { continue }
        // A leading "@" sends the line from the second client (to meet blocked and subscribed ones).
        let client = arguments[0] == [UInt8(ascii: "@")] ? clients[1] : clients[0]
        if arguments[0] == [UInt8(ascii: "@")] { arguments.removeFirst() }
        guard !arguments.isEmpty else { continue }
        _ = simulator.execute(arguments, for: client)
        if number % 8 == 7 { simulator.advance(milliseconds: 1000) }
    }
    for client in clients { simulator.disconnect(client) }
    return 0
}
