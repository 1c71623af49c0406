import NIOCore
import RESP

extension ByteBuffer {
    /// Appends the wire form of `value`, as `RESPEncoder` writes it.
    mutating func writeRESPValue(_ value: RESPValue) {
        switch value {
        case .simpleString(let text):
            writeInteger(UInt8(ascii: "+"))
            writeString(text)
            writeStaticString("\r\n")
        case .error(let text):
            writeInteger(UInt8(ascii: "-"))
            writeString(text)
            writeStaticString("\r\n")
        case .integer(let number):
            writeInteger(UInt8(ascii: ":"))
            writeDecimal(number)
        case .bulkString(let bytes):
            writeInteger(UInt8(ascii: "$"))
            writeDecimal(Int64(bytes.count))
            writeBytes(bytes)
            writeStaticString("\r\n")
        case .nullBulkString:
            writeStaticString("$-1\r\n")
        case .array(let items):
            writeInteger(UInt8(ascii: "*"))
            writeDecimal(Int64(items.count))
            for item in items { writeRESPValue(item) }
        case .nullArray:
            writeStaticString("*-1\r\n")
        }
    }

    /// Writes `number` in decimal followed by CRLF, without building a String.
    private mutating func writeDecimal(_ number: Int64) {
        if number >= 0, number < 10 {
            writeInteger(UInt8(ascii: "0") + UInt8(number))
            writeStaticString("\r\n")
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
            var magnitude = number.magnitude
            var index = scratch.count
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                index -= 1
                scratch[index] = UInt8(ascii: "-")
            }
            writeBytes(UnsafeRawBufferPointer(rebasing: scratch[index...]))
            return scratch.count - index
        }
        _ = count
        writeStaticString("\r\n")
    }
}
