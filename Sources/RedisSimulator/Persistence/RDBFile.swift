/// Redis 7.0's RDB file (rdb.c's rdbSaveRio and rdbLoadRio): the `REDIS0010` magic, auxiliary
/// fields, function libraries, each non-empty database as SELECTDB, RESIZEDB and its keys
/// (with EXPIRETIME_MS before a key that has a TTL), EOF, and a CRC-64 of all of it.
enum RDBFile {
    private enum Opcode {
        static let function2: UInt8 = 245
        static let function: UInt8 = 246
        static let moduleAux: UInt8 = 247
        static let idle: UInt8 = 248
        static let freq: UInt8 = 249
        static let aux: UInt8 = 250
        static let resizeDB: UInt8 = 251
        static let expireTimeMilliseconds: UInt8 = 252
        static let expireTime: UInt8 = 253
        static let selectDB: UInt8 = 254
        static let eof: UInt8 = 255
    }

    /// The file's bytes. `now` is its `ctime`; `usedMemory` its `used-mem`.
    static func encode(_ snapshot: RDBSnapshot, now: Int64, usedMemory: Int64, encoder: RDBValueEncoder) -> [UInt8] {
        var out = RDBWriter()
        out.writeRaw(Array("REDIS00\(rdbVersion)".utf8))
        for (name, value) in [("redis-ver", "7.0.15"), ("redis-bits", "64"), ("ctime", String(now / 1000)),
                              ("used-mem", String(usedMemory)), ("aof-base", "0")] {
            out.writeByte(Opcode.aux)
            out.writeString(Array(name.utf8))
            out.writeString(Array(value.utf8))
        }
        for code in snapshot.functionLibraries {
            out.writeByte(Opcode.function2)
            out.writeString(code)
        }
        for index in snapshot.databases.keys.sorted() {
            guard let entries = snapshot.databases[index], !entries.isEmpty else { continue }
            out.writeByte(Opcode.selectDB)
            out.writeLength(index)
            out.writeByte(Opcode.resizeDB)
            out.writeLength(entries.count)
            out.writeLength(entries.filter { $0.expiresAt != nil }.count)
            for entry in entries {
                if let when = entry.expiresAt {
                    out.writeByte(Opcode.expireTimeMilliseconds)
                    out.writeMilliseconds(when)
                }
                // The type byte comes before the key: write the value's type, then the key, then the value.
                var value = RDBWriter()
                value.compresses = out.compresses
                encoder.write(entry.value, to: &value)
                out.writeByte(value.bytes[0])
                out.writeString(entry.key)
                out.writeRaw(value.bytes.dropFirst())
            }
        }
        out.writeByte(Opcode.eof)
        out.writeLittleEndian(CRC64.checksum(out.bytes), count: 8)
        return out.bytes
    }

    /// The snapshot in `bytes`, checked against its checksum (when the file has one); its
    /// values convert by `limits`.
    static func decode(_ bytes: [UInt8], limits: EncodingLimits) throws(RDBFormatError) -> RDBSnapshot {
        guard bytes.count >= 9, Array(bytes[0..<5]) == Array("REDIS".utf8),
              let version = Int(String(decoding: bytes[5..<9], as: UTF8.self)) else {
            throw .corrupt("wrong signature trying to load DB from file")
        }
        guard version >= 1, version <= Int(rdbVersion) else { throw .corrupt("can't handle RDB format version \(version)") }
        var reader = RDBReader(bytes)
        _ = try reader.readRaw(9)
        var snapshot = RDBSnapshot()
        var database = 0
        var expiresAt: Int64?
        while true {
            let type = try reader.readByte()
            switch type {
            case Opcode.expireTime:
                expiresAt = Int64(try reader.readLittleEndian(4)) * 1000
                continue
            case Opcode.expireTimeMilliseconds:
                expiresAt = try reader.readMilliseconds()
                continue
            case Opcode.freq:
                _ = try reader.readByte()
                continue
            case Opcode.idle:
                _ = try reader.readLength()
                continue
            case Opcode.eof:
                break
            case Opcode.selectDB:
                let index = try reader.readLength()
                guard index < 16 else { throw .corrupt("FATAL: Data file was created with a Redis server configured to handle more than 16 databases") }
                database = Int(index)
                continue
            case Opcode.resizeDB:
                _ = try reader.readLength()
                _ = try reader.readLength()
                continue
            case Opcode.aux:
                _ = try reader.readString()
                _ = try reader.readString()
                continue
            case Opcode.moduleAux:
                throw .unsupportedType(type)
            case Opcode.function:
                throw .corrupt("Pre-release function format not supported")
            case Opcode.function2:
                snapshot.functionLibraries.append(ByteString(try reader.readString()))
                continue
            default:
                let key = ByteString(try reader.readString())
                let value = try RDBValueDecoder.read(type: type, from: &reader, limits: limits)
                snapshot.databases[database, default: []].append(RDBSnapshot.Entry(key: key, value: value, expiresAt: expiresAt))
                expiresAt = nil
                continue
            }
            break
        }
        if version >= 5 {
            let checksumStart = reader.position
            let stored = try reader.readLittleEndian(8)
            if stored != 0, stored != CRC64.checksum(bytes[..<checksumStart]) {
                throw .corrupt("Wrong RDB checksum")
            }
        }
        return snapshot
    }
}
