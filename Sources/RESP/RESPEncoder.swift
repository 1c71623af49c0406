/// Serialises RESP values and commands into the bytes Redis reads and writes.
public enum RESPEncoder {
    /// Appends the wire form of `value` to `buffer`.
    public static func encode(_ value: RESPValue, into buffer: inout [UInt8]) {
        switch value {
        case .simpleString(let s):
            buffer.append(UInt8(ascii: "+"))
            buffer.append(contentsOf: s.utf8)
            appendCRLF(&buffer)
        case .error(let s):
            buffer.append(UInt8(ascii: "-"))
            buffer.append(contentsOf: s.utf8)
            appendCRLF(&buffer)
        case .integer(let i):
            buffer.append(UInt8(ascii: ":"))
            appendDecimal(i, &buffer)
            appendCRLF(&buffer)
        case .bulkString(let bytes):
            buffer.append(UInt8(ascii: "$"))
            appendDecimal(Int64(bytes.count), &buffer)
            appendCRLF(&buffer)
            buffer.append(contentsOf: bytes)
            appendCRLF(&buffer)
        case .nullBulkString:
            buffer.append(contentsOf: [UInt8(ascii: "$"), UInt8(ascii: "-"), UInt8(ascii: "1")])
            appendCRLF(&buffer)
        case .array(let items):
            buffer.append(UInt8(ascii: "*"))
            appendDecimal(Int64(items.count), &buffer)
            appendCRLF(&buffer)
            for item in items { encode(item, into: &buffer) }
        case .nullArray:
            buffer.append(contentsOf: [UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "1")])
            appendCRLF(&buffer)
        }
    }

    /// The wire form of `value`.
    public static func encode(_ value: RESPValue) -> [UInt8] {
        var buffer: [UInt8] = []
        encode(value, into: &buffer)
        return buffer
    }

    /// The multibulk request form of a command, as clients send it.
    public static func encodeCommand(_ arguments: [[UInt8]]) -> [UInt8] {
        encode(.array(arguments.map { .bulkString($0) }))
    }

    @inline(__always)
    static func appendCRLF(_ buffer: inout [UInt8]) {
        buffer.append(13)
        buffer.append(10)
    }

    static func appendDecimal(_ value: Int64, _ buffer: inout [UInt8]) {
        if value == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        var digits: [UInt8] = []
        var magnitude = value.magnitude
        while magnitude > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        buffer.append(contentsOf: digits.reversed())
    }
}
