/// The value stored at a key. Aggregates are reference types so commands mutate them in place
/// without copy-on-write copies; COPY clones them explicitly.
public enum RedisValue {
    case string(ByteString)
    case list(ListValue)
    case hash(HashValue)
    case set(SetValue)
    case zset(SortedSetValue)
    case stream(StreamValue)

    /// The name TYPE replies with.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .list: return "list"
        case .hash: return "hash"
        case .set: return "set"
        case .zset: return "zset"
        case .stream: return "stream"
        }
    }
}

extension RedisValue {
    /// The name OBJECT ENCODING replies with, as Redis 7.0 chooses it.
    public var encodingName: String {
        switch self {
        case .string(let s):
            if s.count <= 20, s.int64Value != nil { return "int" }
            return s.count <= 44 ? "embstr" : "raw"
        case .list: return "quicklist"
        case .hash(let h): return h.encodingName
        case .set(let s): return s.encodingName
        case .zset(let z): return z.encodingName
        case .stream: return "stream"
        }
    }
}
