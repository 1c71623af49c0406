import DequeModule

/// Reads a value of any RDB type Redis 7.0 loads (the 7.0 encodings and the ziplist, zipmap
/// and plain encodings of older files), converting it to the encoding Redis would then hold.
/// Module values are refused; an empty collection is corrupt, as in Redis. Hashes, sets and
/// sorted sets convert by `limits`, the server's encoding settings now, as rdbLoadObject reads
/// them while it loads.
enum RDBValueDecoder {
    static func read(type byte: UInt8, from reader: inout RDBReader, limits: EncodingLimits) throws(RDBFormatError) -> RedisValue {
        guard let type = RDBValueType(rawValue: byte) else { throw .unsupportedType(byte) }
        switch type {
        case .string:
            return .string(ByteString(try reader.readString()))
        case .list:
            let count = try reader.readCount()
            var elements: Deque<ByteString> = []
            for _ in 0..<count { elements.append(ByteString(try reader.readString())) }
            return try list(elements)
        case .listZiplist:
            return try list(Deque(try ZiplistReader.elements(try reader.readString()).map(\.byteString)))
        case .listQuicklist, .listQuicklist2:
            let nodes = try reader.readCount()
            var elements: Deque<ByteString> = []
            for _ in 0..<nodes {
                var container: UInt64 = 2
                if type == .listQuicklist2 { container = try reader.readLength() }
                let blob = try reader.readString()
                switch (type, container) {
                case (.listQuicklist, _): elements += try ZiplistReader.elements(blob).map(\.byteString)
                case (_, 1): elements.append(ByteString(blob))
                case (_, 2):
                    let items = try ListpackReader.elements(blob)
                    // Redis skips an empty node of an otherwise valid list.
                    elements += items.map(\.byteString)
                default: throw .corrupt("unknown quicklist node container")
                }
            }
            return try list(elements)
        case .set:
            let count = try reader.readCount()
            let set = SetValue()
            for _ in 0..<count {
                guard set.insert(ByteString(try reader.readString()), maxIntsetEntries: limits.intsetEntries) else {
                    throw .corrupt("duplicate set member")
                }
            }
            return try nonEmpty(.set(set), set.isEmpty)
        case .setIntset:
            let set = SetValue(try IntsetBlob.decode(try reader.readString()).map { ByteString($0) }, maxIntsetEntries: limits.intsetEntries)
            return try nonEmpty(.set(set), set.isEmpty)
        case .zset, .zset2:
            let count = try reader.readCount()
            var pairs: [(ByteString, Double)] = []
            var seen = Set<ByteString>()
            for _ in 0..<count {
                let member = ByteString(try reader.readString())
                let score = type == .zset2 ? try reader.readBinaryDouble() : try reader.readTextDouble()
                guard !score.isNaN else { throw .corrupt("zset score is NaN") }
                guard seen.insert(member).inserted else { throw .corrupt("duplicate zset member") }
                pairs.append((member, score))
            }
            return try sortedSet(pairs, limits: limits.sortedSet)
        case .zsetZiplist, .zsetListpack:
            let blob = try reader.readString()
            let items = type == .zsetListpack ? try ListpackReader.elements(blob) : try ZiplistReader.elements(blob)
            guard items.count % 2 == 0 else { throw .corrupt("zset listpack of odd length") }
            var pairs: [(ByteString, Double)] = []
            var seen = Set<ByteString>()
            for i in stride(from: 0, to: items.count, by: 2) {
                let member = items[i].byteString
                guard let score = items[i + 1].byteString.doubleValue, !score.isNaN else { throw .corrupt("invalid zset score") }
                guard seen.insert(member).inserted else { throw .corrupt("duplicate zset member") }
                pairs.append((member, score))
            }
            return try sortedSet(pairs, limits: limits.sortedSet)
        case .hash:
            let count = try reader.readCount()
            var pairs: [(ByteString, ByteString)] = []
            for _ in 0..<count { pairs.append((ByteString(try reader.readString()), ByteString(try reader.readString()))) }
            return try hash(pairs, limits: limits.hash)
        case .hashZiplist, .hashListpack:
            let blob = try reader.readString()
            let items = type == .hashListpack ? try ListpackReader.elements(blob) : try ZiplistReader.elements(blob)
            guard items.count % 2 == 0 else { throw .corrupt("hash listpack of odd length") }
            return try hash(stride(from: 0, to: items.count, by: 2).map { (items[$0].byteString, items[$0 + 1].byteString) }, limits: limits.hash)
        case .hashZipmap:
            return try hash(try zipmapPairs(try reader.readString()), limits: limits.hash)
        case .streamListpacks, .streamListpacks2:
            return .stream(try RDBStreamDecoder.read(from: &reader, version2: type == .streamListpacks2))
        case .module, .module2:
            throw .unsupportedType(byte)
        }
    }

    private static func nonEmpty(_ value: RedisValue, _ isEmpty: Bool) throws(RDBFormatError) -> RedisValue {
        if isEmpty { throw .corrupt("empty key") }
        return value
    }

    private static func list(_ elements: Deque<ByteString>) throws(RDBFormatError) -> RedisValue {
        try nonEmpty(.list(ListValue(elements)), elements.isEmpty)
    }

    private static func sortedSet(_ pairs: [(ByteString, Double)], limits: ListpackLimits) throws(RDBFormatError) -> RedisValue {
        // Loaded as a skiplist and converted when small, as rdbLoadObject does.
        let fits = pairs.count <= limits.entries && pairs.allSatisfy { $0.0.count <= limits.value }
        let target = SortedSetValue(listpack: fits, limits: limits)
        for (member, score) in pairs { target.set(member, score: score) }
        return try nonEmpty(.zset(target), target.isEmpty)
    }

    private static func hash(_ pairs: [(ByteString, ByteString)], limits: ListpackLimits) throws(RDBFormatError) -> RedisValue {
        let hash = HashValue()
        hash.limits = limits
        for (field, value) in pairs {
            guard hash.set(field, value) else { throw .corrupt("duplicate hash field") }
        }
        return try nonEmpty(.hash(hash), hash.isEmpty)
    }

    /// The pairs of a zipmap (Redis 2.x small hashes): lengths of one byte, or 254 and four.
    private static func zipmapPairs(_ zm: [UInt8]) throws(RDBFormatError) -> [(ByteString, ByteString)] {
        var p = 1
        func length() throws(RDBFormatError) -> Int {
            guard p < zm.count else { throw .truncated }
            let first = zm[p]
            if first < 254 { p += 1; return Int(first) }
            guard first == 254, p + 5 <= zm.count else { throw .corrupt("invalid zipmap length") }
            defer { p += 5 }
            return Int(zm[p + 1]) | Int(zm[p + 2]) << 8 | Int(zm[p + 3]) << 16 | Int(zm[p + 4]) << 24
        }
        func bytes(_ n: Int) throws(RDBFormatError) -> [UInt8] {
            guard n >= 0, p + n <= zm.count else { throw .truncated }
            defer { p += n }
            return Array(zm[p..<(p + n)])
        }
        var pairs: [(ByteString, ByteString)] = []
        while p < zm.count, zm[p] != 255 {
            let field = try bytes(try length())
            let valueLength = try length()
            let free = Int(try bytes(1)[0])
            let value = try bytes(valueLength)
            _ = try bytes(free)
            pairs.append((ByteString(field), ByteString(value)))
        }
        guard p < zm.count else { throw .corrupt("zipmap without end") }
        return pairs
    }
}
