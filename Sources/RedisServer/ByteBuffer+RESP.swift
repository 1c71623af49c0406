import NIOCore
import RESP

extension ByteBuffer {
    /// Appends the wire form of `value` in one write: RESPEncoder measures it, then writes it
    /// straight into the buffer's storage, sparing a ByteBuffer call per piece of every reply.
    mutating func writeRESPValue(_ value: RESPValue) {
        writeWithUnsafeMutableBytes(minimumWritableBytes: RESPEncoder.encodedCount(of: value)) { target in
            RESPEncoder.write(value, into: target)
        }
    }

    /// Appends encoded bytes (a pushed message) with one copy into the buffer's storage:
    /// ByteBuffer's `writeBytes` goes through its generic collection path, which costs more than
    /// the copy itself for a short message written to every subscriber.
    mutating func writeEncoded(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { source in
            writeWithUnsafeMutableBytes(minimumWritableBytes: source.count) { target in
                target.copyMemory(from: source)
                return source.count
            }
        }
    }
}
