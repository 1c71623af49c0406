import RedisSimulator

/// One library loaded with FUNCTION LOAD: its name, its whole code (shebang included, as
/// FUNCTION LIST WITHCODE and FUNCTION DUMP give it back) and the functions it registered.
struct FunctionLibrary {
    let name: String
    let code: ByteString
    let functions: [RegisteredFunction]
}

/// A function a library registered with `redis.register_function`.
struct RegisteredFunction {
    let name: String
    let description: [UInt8]?
    /// Its flags, in Redis's order (no-writes, allow-oom, allow-stale, no-cluster, allow-cross-slot-keys).
    let flags: [String]
    /// Registry reference of its callback in the Functions Lua state.
    let callback: Int32

    var noWrites: Bool { flags.contains("no-writes") }
    var allowsOOM: Bool { flags.contains("allow-oom") }
}

/// The `#!<engine> name=<library>` first line of a library (Redis's functionExtractLibMetaData).
struct LibraryMetadata {
    let name: String
    let engine: String
    /// Where the code the engine compiles starts: the shebang's line feed, kept so that line
    /// numbers in errors are the user's.
    let codeStart: Int

    init(_ code: [UInt8]) throws(RedisError) {
        guard code.count >= 2, code[0] == UInt8(ascii: "#"), code[1] == UInt8(ascii: "!") else {
            throw RedisError("ERR Missing library metadata")
        }
        guard let end = code.firstIndex(of: 10) else { throw RedisError("ERR Invalid library metadata") }
        guard let parts = Self.splitArguments(code[..<end]), let first = parts.first else {
            throw RedisError("ERR Invalid library metadata")
        }
        var name: String?
        for part in parts.dropFirst() {
            let text = String(decoding: part, as: UTF8.self)
            if part.count >= 5, String(decoding: part.prefix(5), as: UTF8.self).lowercased() == "name=" {
                guard name == nil else { throw RedisError("ERR Invalid metadata value, name argument was given multiple times") }
                name = String(decoding: part.dropFirst(5), as: UTF8.self)
                continue
            }
            throw RedisError("ERR Invalid metadata value given: \(text)")
        }
        guard let name else { throw RedisError("ERR Library name was not given") }
        self.name = name
        engine = String(decoding: first.dropFirst(2), as: UTF8.self)
        codeStart = end
    }

    /// The shebang's words as Redis's sdssplitargs reads them: spaces separate, `"…"` takes
    /// `\n \r \t \b \a \\ \" \xHH` escapes, `'…'` takes `\'`; nil for an unbalanced quote or
    /// a closing quote followed by something other than a space.
    static func splitArguments(_ line: ArraySlice<UInt8>) -> [[UInt8]]? {
        let p = Array(line)
        func at(_ i: Int) -> UInt8 { i < p.count ? p[i] : 0 }
        func isSpace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var words: [[UInt8]] = []
        var i = 0
        while true {
            while i < p.count, isSpace(p[i]) { i += 1 }
            guard i < p.count else { return words }
            var word: [UInt8] = []
            var quote: UInt8 = 0
            while true {
                guard i < p.count else {
                    if quote != 0 { return nil }
                    break
                }
                let c = p[i]
                if quote == 34 {
                    if c == 92, at(i + 1) == UInt8(ascii: "x"), let high = hex(at(i + 2)), let low = hex(at(i + 3)) {
                        word.append(high << 4 | low)
                        i += 3
                    } else if c == 92, i + 1 < p.count {
                        i += 1
                        switch p[i] {
                        case UInt8(ascii: "n"): word.append(10)
                        case UInt8(ascii: "r"): word.append(13)
                        case UInt8(ascii: "t"): word.append(9)
                        case UInt8(ascii: "b"): word.append(8)
                        case UInt8(ascii: "a"): word.append(7)
                        default: word.append(p[i])
                        }
                    } else if c == 34 {
                        if i + 1 < p.count, !isSpace(p[i + 1]) { return nil }
                        i += 1
                        break
                    } else {
                        word.append(c)
                    }
                } else if quote == 39 {
                    if c == 92, at(i + 1) == 39 {
                        word.append(39)
                        i += 1
                    } else if c == 39 {
                        if i + 1 < p.count, !isSpace(p[i + 1]) { return nil }
                        i += 1
                        break
                    } else {
                        word.append(c)
                    }
                } else if isSpace(c) {
                    break
                } else if c == 34 || c == 39 {
                    quote = c
                } else {
                    word.append(c)
                }
                i += 1
            }
            words.append(word)
        }
    }

    /// Redis's rule for library and function names: letters, digits and `_`, at least one.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) }
    }
}
