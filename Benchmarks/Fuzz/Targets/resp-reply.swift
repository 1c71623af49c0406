// libFuzzer target: server replies through RESPReplyParser, compiled into the RESP module's
// sources by Benchmarks/fuzz.sh. Checks that no input traps or overreads (ASan), that each
// reply consumes what it claims, and that encoding a parsed reply and parsing it again gives
// the same value: byte for byte the same encoding (a blob error's \r\n is written as spaces in
// the one-line error RESPValue encodes, so the value itself may change once).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReply(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = RESPReplyParser()
    var offset = 0
    while offset < bytes.count {
        guard let parsed = try? parser.parse(Array(bytes[offset...])), let (value, consumed) = Optional(parsed) else { break }
        precondition(consumed > 0 && consumed <= bytes.count - offset, "a reply took \(consumed) bytes")
        var encoded: [UInt8] = []
        RESPEncoder.encode(value, into: &encoded)
        if let again = try? parser.parse(encoded) {
            precondition(again.consumed == encoded.count && RESPEncoder.encode(again.0) == encoded, "encoding and parsing again changed the reply")
        }
        offset += consumed
    }
    return 0
}
