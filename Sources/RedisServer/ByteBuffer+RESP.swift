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
}
