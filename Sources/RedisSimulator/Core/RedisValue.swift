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
