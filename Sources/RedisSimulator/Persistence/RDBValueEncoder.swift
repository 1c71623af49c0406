/// Serializes a value as Redis 7.0's rdbSaveObjectType and rdbSaveObject do, choosing the RDB
/// type from the value's encoding (listpack, intset, quicklist, hashtable, skiplist, stream).
struct RDBValueEncoder {
    /// `list-max-listpack-size`: a negative value is a node size class (-2: 8 KB), a positive
    /// one an entry count.
    var listFill = -2

    /// Writes the type byte, then the value.
    func write(_ value: RedisValue, to out: inout RDBWriter) {
        switch value {
        case .string(let string):
            out.writeByte(RDBValueType.string.rawValue)
            out.writeString(string)
        case .list(let list):
            out.writeByte(RDBValueType.listQuicklist2.rawValue)
            writeQuicklist(Array(list.elements), to: &out)
        case .set(let set):
            if set.isIntset {
                out.writeByte(RDBValueType.setIntset.rawValue)
                out.writeString(IntsetBlob.encode(set.members.compactMap(\.int64Value)))
            } else {
                out.writeByte(RDBValueType.set.rawValue)
                out.writeLength(set.count)
                for member in set.members { out.writeString(member) }
            }
        case .zset(let zset):
            if zset.isListpack {
                out.writeByte(RDBValueType.zsetListpack.rawValue)
                var lp = ListpackWriter()
                for (member, score) in zset.all {
                    lp.append(member)
                    Self.appendScore(score, to: &lp)
                }
                out.writeString(lp.bytes)
            } else {
                // Highest first, as Redis walks its skiplist from the tail.
                out.writeByte(RDBValueType.zset2.rawValue)
                out.writeLength(zset.count)
                for (member, score) in zset.all.reversed() {
                    out.writeString(member)
                    out.writeBinaryDouble(score)
                }
            }
        case .hash(let hash):
            if hash.isListpack {
                out.writeByte(RDBValueType.hashListpack.rawValue)
                var lp = ListpackWriter()
                for (field, value) in hash.pairs {
                    lp.append(field)
                    lp.append(value)
                }
                out.writeString(lp.bytes)
            } else {
                out.writeByte(RDBValueType.hash.rawValue)
                out.writeLength(hash.count)
                for (field, value) in hash.pairs {
                    out.writeString(field)
                    out.writeString(value)
                }
            }
        case .stream(let stream):
            out.writeByte(RDBValueType.streamListpacks2.rawValue)
            RDBStreamEncoder.write(stream, to: &out)
        }
    }

    /// A score as zzlInsertAt stores it: an integer entry when the double is integral and within
    /// ±2^62 (double2ll), else its `%.17g` text.
    static func appendScore(_ score: Double, to lp: inout ListpackWriter) {
        let limit = Double(Int64.max / 2)
        if score >= -limit, score <= limit, score == score.rounded(.towardZero), !(score == 0 && score.sign == .minus) {
            lp.append(Int64(score))
        } else {
            lp.append(ByteString(RedisNumberFormat.double(score)))
        }
    }

    /// The list as quicklist nodes of packed listpacks, split where RPUSH would have started a
    /// new node (_quicklistNodeAllowInsert).
    private func writeQuicklist(_ elements: [ByteString], to out: inout RDBWriter) {
        var nodes: [[UInt8]] = []
        var current = ListpackWriter()
        for element in elements {
            if current.count > 0, !allowsInsert(current, element.count) {
                nodes.append(current.bytes)
                current = ListpackWriter()
            }
            current.append(element)
        }
        if current.count > 0 { nodes.append(current.bytes) }
        out.writeLength(nodes.count)
        for node in nodes {
            out.writeLength(2)   // QUICKLIST_NODE_CONTAINER_PACKED
            out.writeString(node)
        }
    }

    private func allowsInsert(_ node: ListpackWriter, _ size: Int) -> Bool {
        let newSize = node.byteCount + size + 8
        let levels = [4096, 8192, 16384, 32768, 65536]
        if listFill < 0 {
            let level = -listFill - 1
            if level < levels.count, newSize <= levels[level] { return true }
        }
        if newSize > 8192 { return false }
        return node.count < listFill
    }
}
