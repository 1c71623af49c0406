/// Redis's `struct` library (pack, unpack, size), rebuilt in Swift with its exact formats,
/// results and error texts. Each function reads its Lua arguments and answers through
/// `LuaLibraryCall.finish`; the prelude wraps it so errors are raised from Lua.
enum LuaStruct {
    /// Byte order and maximum alignment, as `<`, `>` and `!` set them.
    struct Layout {
        /// Native order first: every platform the simulator builds for is little-endian.
        var littleEndian = true
        var alignment = 1
    }

    /// The largest `iN`/`IN`.
    static let maximumIntegerSize = 32
    /// `!` without a number: the alignment of a double next to an int on a 64-bit platform.
    static let defaultMaximumAlignment = 8

    /// Walks a format string one option at a time; the format ends at its first zero byte, as a C string does.
    struct FormatReader {
        private let bytes: ArraySlice<UInt8>
        private var index: Int

        init(_ format: [UInt8]) {
            bytes = format[..<(format.firstIndex(of: 0) ?? format.endIndex)]
            index = bytes.startIndex
        }

        mutating func nextOption() -> UInt8? {
            guard index < bytes.endIndex else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        /// The decimal number at the cursor, or `fallback` when no digit follows.
        mutating func number(default fallback: Int) throws(LuaLibraryFailure) -> Int {
            guard index < bytes.endIndex, bytes[index].isDigit else { return fallback }
            var value = 0
            while index < bytes.endIndex, bytes[index].isDigit {
                let digit = Int(bytes[index] - UInt8(ascii: "0"))
                if value > Int(Int32.max) / 10 || value * 10 > Int(Int32.max) - digit {
                    throw .message("integral size overflow")
                }
                value = value * 10 + digit
                index += 1
            }
            return value
        }
    }

    /// The size of one item of `option` (reading a count after `c`, `i` and `I`); 0 for options
    /// that take no room of their own.
    static func itemSize(_ option: UInt8, _ reader: inout FormatReader) throws(LuaLibraryFailure) -> Int {
        switch option {
        case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "x"): return 1
        case UInt8(ascii: "h"), UInt8(ascii: "H"): return 2
        case UInt8(ascii: "l"), UInt8(ascii: "L"), UInt8(ascii: "T"), UInt8(ascii: "d"): return 8
        case UInt8(ascii: "f"): return 4
        case UInt8(ascii: "c"): return try reader.number(default: 1)
        case UInt8(ascii: "i"), UInt8(ascii: "I"):
            let size = try reader.number(default: 4)
            if size > maximumIntegerSize {
                throw .message("integral size \(size) is larger than limit of \(maximumIntegerSize)")
            }
            return size
        default: return 0
        }
    }

    /// Zero bytes needed before an item of `size` at `offset`, capped by the layout's alignment.
    static func padding(at offset: UInt, option: UInt8, size: Int, layout: Layout) -> UInt {
        if size == 0 || option == UInt8(ascii: "c") { return 0 }
        let unit = UInt(min(size, layout.alignment))
        return (unit &- (offset & (unit &- 1))) & (unit &- 1)
    }

    /// Spaces, byte order and alignment; any other option is invalid.
    static func applyControl(_ option: UInt8, _ reader: inout FormatReader, to layout: inout Layout) throws(LuaLibraryFailure) {
        switch option {
        case UInt8(ascii: " "): return
        case UInt8(ascii: ">"): layout.littleEndian = false
        case UInt8(ascii: "<"): layout.littleEndian = true
        case UInt8(ascii: "!"):
            let alignment = try reader.number(default: defaultMaximumAlignment)
            guard alignment > 0, alignment & (alignment - 1) == 0 else {
                throw .message("alignment \(alignment) is not a power of 2")
            }
            layout.alignment = alignment
        default:
            throw .argument(1, Array("invalid format option '".utf8) + [option] + Array("'".utf8))
        }
    }
}

extension UInt8 {
    /// C's isdigit in the C locale.
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    /// C's isalnum in the C locale.
    var isAlphanumeric: Bool {
        isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
    }
}
