import RESP
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
    /// Its flags as the checks before a call read them.
    var commandFlags: ScriptCommandFlags {
        ScriptCommandFlags(noWrites: noWrites, allowsOOM: allowsOOM, allowsStale: flags.contains("allow-stale"))
    }
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
        guard let end = code.firstIndex(of: 10) else { throw RedisError.invalidLibraryMetadata }
        guard let parts = RESPArgumentSplitter.split(code[..<end]), let first = parts.first else {
            throw RedisError.invalidLibraryMetadata
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


    /// Redis's rule for library and function names: letters, digits and `_`, at least one.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) }
    }
}
