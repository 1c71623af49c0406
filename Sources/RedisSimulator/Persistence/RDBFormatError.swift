/// Why a DUMP payload or an RDB file could not be read.
public enum RDBFormatError: Error, Equatable {
    /// The bytes end before the value does.
    case truncated
    /// The bytes are not a valid encoding; the text says which part.
    case corrupt(String)
    /// A type this server cannot hold (module values).
    case unsupportedType(UInt8)
}
