/// Serialises RESP values and commands into the bytes Redis reads and writes.
///
/// Every form is measured first and then written in place, so a server can put a whole reply
/// into its output buffer with one write (`encodedCount(of:)` and `write(_:into:)`).
public enum RESPEncoder {
    /// Appends the wire form of `value` to `buffer`.
    public static func encode(_ value: RESPValue, into buffer: inout [UInt8]) {
        let start = buffer.count
        let count = encodedCount(of: value)
        buffer.append(contentsOf: repeatElement(0, count: count))
        buffer.withUnsafeMutableBytes { raw in
            _ = write(value, into: UnsafeMutableRawBufferPointer(rebasing: raw[start..<(start + count)]))
        }
    }

    /// The wire form of `value`.
    public static func encode(_ value: RESPValue) -> [UInt8] {
        var buffer: [UInt8] = []
        encode(value, into: &buffer)
        return buffer
    }

    /// The wire form of an aggregate of three or four bulk strings (`type` is `*` for an array,
    /// `>` for a push), measured and written into one exactly sized array without building a
    /// `RESPValue`: a published message reaches its subscribers this way.
    public static func encodeBulks(
        _ type: UInt8, _ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer,
        _ third: UnsafeRawBufferPointer, _ fourth: UnsafeRawBufferPointer? = nil
    ) -> [UInt8] {
        let parts = fourth == nil ? 3 : 4
        func size(_ part: UnsafeRawBufferPointer) -> Int { 1 + decimalCount(Int64(part.count)) + 2 + part.count + 2 }
        let count = 1 + decimalCount(Int64(parts)) + 2 + size(first) + size(second) + size(third) + (fourth.map(size) ?? 0)
        return bytes(count: count) { cursor in
            put(type, &cursor)
            putDecimal(Int64(parts), &cursor)
            putCRLF(&cursor)
            putBulk(first, &cursor)
            putBulk(second, &cursor)
            putBulk(third, &cursor)
            if let fourth { putBulk(fourth, &cursor) }
        }
    }

    /// An array of `count` bytes that `write` fills from its start. Array's own
    /// uninitialized-capacity initializer looks its storage type up at run time on every call
    /// (a few hundred instructions, more than writing a short message); an array grown to the
    /// size with zeros uses the type's cached metadata.
    @inline(__always)
    static func bytes(count: Int, _ write: (inout UnsafeMutableRawPointer) -> Void) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { raw in
            guard var cursor = raw.baseAddress else { return }
            write(&cursor)
        }
        return bytes
    }

    /// The multibulk request form of a command, as clients send it.
    public static func encodeCommand(_ arguments: [[UInt8]]) -> [UInt8] {
        encode(.array(arguments.map { .bulkString($0) }))
    }

    /// How many bytes the wire form of `value` takes.
    public static func encodedCount(of value: borrowing RESPValue) -> Int {
        switch value {
        case .simpleString(let text), .error(let text):
            return 1 + text.byteCount + 2
        case .integer(let number):
            return 1 + decimalCount(number) + 2
        case .bulkString(let bytes):
            return 1 + decimalCount(Int64(bytes.count)) + 2 + bytes.count + 2
        case .nullBulkString, .nullArray:
            return 5
        case .array(let items), .set(let items), .push(let items):
            return 1 + decimalCount(Int64(items.count)) + 2 + encodedCount(ofEach: items)
        case .map(let items):
            return 1 + decimalCount(Int64(items.count / 2)) + 2 + encodedCount(ofEach: items)
        case .double(let number):
            return 1 + RESPDouble.text(number).utf8.count + 2
        case .boolean:
            return 4
        case .null:
            return 3
        case .verbatimString(let format, let text):
            let length = format.utf8.count + 1 + text.count
            return 1 + decimalCount(Int64(length)) + 2 + length + 2
        case .bigNumber(let digits):
            return 1 + digits.utf8.count + 2
        }
    }

    /// Writes the wire form of `value` at the start of `target`, which must hold at least
    /// `encodedCount(of: value)` bytes; returns how many it wrote.
    @discardableResult
    public static func write(_ value: RESPValue, into target: UnsafeMutableRawBufferPointer) -> Int {
        var cursor = target.baseAddress!
        write(value, at: &cursor)
        return target.baseAddress!.distance(to: cursor)
    }

    private static func write(_ value: borrowing RESPValue, at cursor: inout UnsafeMutableRawPointer) {
        switch value {
        case .simpleString(let text):
            put(UInt8(ascii: "+"), &cursor)
            putLine(text, &cursor)
            putCRLF(&cursor)
        case .error(let text):
            put(UInt8(ascii: "-"), &cursor)
            putLine(text, &cursor)
            putCRLF(&cursor)
        case .integer(let number):
            put(UInt8(ascii: ":"), &cursor)
            putDecimal(number, &cursor)
            putCRLF(&cursor)
        case .bulkString(let bytes):
            bytes.withUnsafeBytes { putBulk($0, &cursor) }
        case .nullBulkString:
            put(UInt8(ascii: "$"), &cursor)
            putNegativeOne(&cursor)
        case .array(let items):
            putAggregate(UInt8(ascii: "*"), items, count: items.count, &cursor)
        case .nullArray:
            put(UInt8(ascii: "*"), &cursor)
            putNegativeOne(&cursor)
        case .map(let items):
            putAggregate(UInt8(ascii: "%"), items, count: items.count / 2, &cursor)
        case .set(let items):
            putAggregate(UInt8(ascii: "~"), items, count: items.count, &cursor)
        case .push(let items):
            putAggregate(UInt8(ascii: ">"), items, count: items.count, &cursor)
        case .double(let number):
            put(UInt8(ascii: ","), &cursor)
            put(RESPDouble.text(number), &cursor)
            putCRLF(&cursor)
        case .boolean(let truth):
            put(UInt8(ascii: "#"), &cursor)
            put(truth ? UInt8(ascii: "t") : UInt8(ascii: "f"), &cursor)
            putCRLF(&cursor)
        case .null:
            put(UInt8(ascii: "_"), &cursor)
            putCRLF(&cursor)
        case .verbatimString(let format, let text):
            put(UInt8(ascii: "="), &cursor)
            putDecimal(Int64(format.utf8.count + 1 + text.count), &cursor)
            putCRLF(&cursor)
            put(format, &cursor)
            put(UInt8(ascii: ":"), &cursor)
            text.withUnsafeBytes { source in
                if let base = source.baseAddress { cursor.copyMemory(from: base, byteCount: source.count) }
                cursor += source.count
            }
            putCRLF(&cursor)
        case .bigNumber(let digits):
            put(UInt8(ascii: "("), &cursor)
            put(digits, &cursor)
            putCRLF(&cursor)
        }
    }

    private static func putAggregate(
        _ type: UInt8, _ items: [RESPValue], count: Int, _ cursor: inout UnsafeMutableRawPointer
    ) {
        put(type, &cursor)
        putDecimal(Int64(count), &cursor)
        putCRLF(&cursor)
        items.withUnsafeBufferPointer { items in
            for index in items.indices { write(items[index], at: &cursor) }
        }
    }

    /// The bytes of every item. The items are read in place through the array's buffer: a
    /// `for` loop over the array copies each one, a retain and a release per element of a
    /// long reply.
    private static func encodedCount(ofEach items: [RESPValue]) -> Int {
        items.withUnsafeBufferPointer { items in
            var count = 0
            for index in items.indices { count += encodedCount(of: items[index]) }
            return count
        }
    }

    @inline(__always)
    private static func putBulk(_ bytes: UnsafeRawBufferPointer, _ cursor: inout UnsafeMutableRawPointer) {
        put(UInt8(ascii: "$"), &cursor)
        putDecimal(Int64(bytes.count), &cursor)
        putCRLF(&cursor)
        putBytes(bytes, &cursor)
        putCRLF(&cursor)
    }

    @inline(__always)
    private static func put(_ byte: UInt8, _ cursor: inout UnsafeMutableRawPointer) {
        cursor.storeBytes(of: byte, as: UInt8.self)
        cursor += 1
    }

    private static func put(_ text: String, _ cursor: inout UnsafeMutableRawPointer) {
        var text = text
        text.withUTF8 { putBytes(UnsafeRawBufferPointer($0), &cursor) }
    }

    @inline(__always)
    private static func putBytes(_ bytes: UnsafeRawBufferPointer, _ cursor: inout UnsafeMutableRawPointer) {
        if let base = bytes.baseAddress { cursor.copyMemory(from: base, byteCount: bytes.count) }
        cursor += bytes.count
    }

    /// The text of a one-line reply: a `\r` or `\n` in it (a RESP3 blob error read from a
    /// server, a message nobody sanitised) is written as a space, as Redis writes its error
    /// lines, since either would end the line early and desync every reply after it.
    private static func putLine(_ text: RESPLine, _ cursor: inout UnsafeMutableRawPointer) {
        let start = cursor
        text.withBytes { putBytes($0, &cursor) }
        let written = UnsafeMutableRawBufferPointer(start: start, count: start.distance(to: cursor))
        for index in written.indices where written[index] == 13 || written[index] == 10 { written[index] = 32 }
    }

    @inline(__always)
    private static func putCRLF(_ cursor: inout UnsafeMutableRawPointer) {
        put(13, &cursor)
        put(10, &cursor)
    }

    private static func putNegativeOne(_ cursor: inout UnsafeMutableRawPointer) {
        put(UInt8(ascii: "-"), &cursor)
        put(UInt8(ascii: "1"), &cursor)
        putCRLF(&cursor)
    }

    /// The number of characters of `number` in decimal, sign included.
    static func decimalCount(_ number: Int64) -> Int {
        var magnitude = number.magnitude
        var count = number < 0 ? 2 : 1
        // Four digits a step: a reply's numbers are mostly short, and a long one takes five steps.
        while magnitude >= 10_000 {
            magnitude /= 10_000
            count += 4
        }
        if magnitude >= 100 {
            count += magnitude >= 1000 ? 3 : 2
        } else if magnitude >= 10 {
            count += 1
        }
        return count
    }

    /// The decimal text of `number`, sign included, as bytes.
    static func decimalBytes(_ number: Int64) -> [UInt8] {
        let count = decimalCount(number)
        return bytes(count: count) { cursor in putDecimal(number, &cursor) }
    }

    /// Writes `number` in decimal: the digits go down from the end, two a step, so its length
    /// is measured once, by the caller's `encodedCount`, and here only by `decimalCount`'s few
    /// comparisons.
    private static func putDecimal(_ number: Int64, _ cursor: inout UnsafeMutableRawPointer) {
        let count = decimalCount(number)
        var magnitude = number.magnitude
        var index = count
        while magnitude >= 100 {
            let pair = Int(truncatingIfNeeded: magnitude % 100)
            magnitude /= 100
            index -= 2
            cursor.storeBytes(of: UInt8(truncatingIfNeeded: 48 + pair / 10), toByteOffset: index, as: UInt8.self)
            cursor.storeBytes(of: UInt8(truncatingIfNeeded: 48 + pair % 10), toByteOffset: index + 1, as: UInt8.self)
        }
        if magnitude >= 10 {
            index -= 2
            cursor.storeBytes(of: UInt8(truncatingIfNeeded: 48 + magnitude / 10), toByteOffset: index, as: UInt8.self)
            cursor.storeBytes(of: UInt8(truncatingIfNeeded: 48 + magnitude % 10), toByteOffset: index + 1, as: UInt8.self)
        } else {
            index -= 1
            cursor.storeBytes(of: UInt8(truncatingIfNeeded: 48 + magnitude), toByteOffset: index, as: UInt8.self)
        }
        if number < 0 { cursor.storeBytes(of: UInt8(ascii: "-"), as: UInt8.self) }
        cursor += count
    }
}
