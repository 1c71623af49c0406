/// The value types of Redis's RDB format (rdb.h's RDB_TYPE_*): the ones 7.0 writes and the
/// older ones it still reads.
enum RDBValueType: UInt8 {
    case string = 0
    case list = 1
    case set = 2
    case zset = 3
    case hash = 4
    case zset2 = 5
    case module = 6
    case module2 = 7
    case hashZipmap = 9
    case listZiplist = 10
    case setIntset = 11
    case zsetZiplist = 12
    case hashZiplist = 13
    case listQuicklist = 14
    case streamListpacks = 15
    case hashListpack = 16
    case zsetListpack = 17
    case listQuicklist2 = 18
    case streamListpacks2 = 19
}

/// The RDB format version Redis 7.0 writes and the newest it reads.
let rdbVersion: UInt16 = 10
