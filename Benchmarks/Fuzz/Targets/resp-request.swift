// libFuzzer target: Redis requests (multibulk and inline) through RESPRequestParser.
// Compiled into the RESP module's sources by Benchmarks/fuzz.sh, so it names no module.
// Checks that no input traps or overreads (ASan), that every step consumes what it claims, and
// that parsing in two pieces (split where the input's first byte says) gives the same commands
// as parsing all at once: a parser that has not got a whole frame must say so and take nothing.

private func commands(_ bytes: [UInt8], authenticated: Bool) -> (commands: [[[UInt8]]], rest: Int, failed: Bool) {
    let parser = RESPRequestParser(maxBulkLength: 1 << 20, maxInlineLength: 4096)
    var offset = 0
    var found: [[[UInt8]]] = []
    while offset < bytes.count {
        do {
            switch try parser.parse(Array(bytes[offset...]), authenticated: authenticated) {
            case .command(let arguments, let consumed):
                precondition(consumed > 0 && consumed <= bytes.count - offset, "a command took \(consumed) bytes")
                found.append(arguments)
                offset += consumed
            case .empty(let consumed):
                precondition(consumed > 0 && consumed <= bytes.count - offset, "an empty frame took \(consumed) bytes")
                offset += consumed
            case .needMore:
                return (found, offset, false)
            }
        } catch {
            return (found, offset, true)
        }
    }
    return (found, offset, false)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let authenticated = size % 2 == 0
    let whole = commands(bytes, authenticated: authenticated)
    guard !whole.failed, let first = bytes.first else { return 0 }
    // The same bytes arriving in two reads: what the first read completes, then the rest.
    let split = Int(first) % (bytes.count + 1)
    let head = commands(Array(bytes[..<split]), authenticated: authenticated)
    precondition(!head.failed, "a prefix of input that parses failed to parse")
    let tail = commands(Array(bytes[head.rest...]), authenticated: authenticated)
    precondition(!tail.failed && head.commands + tail.commands == whole.commands, "parsing in two reads changed the commands")
    return 0
}
