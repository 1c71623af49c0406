import NIOCore
import RESP

extension ByteBuffer {
    /// Appends the wire form of `value` in one write: RESPEncoder measures it, then writes it
    /// straight into the buffer's storage, sparing a ByteBuffer call per piece of every reply.
    mutating func writeRESPValue(_ value: RESPValue) {
        let count = RESPEncoder.encodedCount(of: value)
        writeInPlace(count) { target in RESPEncoder.write(value, into: target) }
    }

    /// Appends encoded bytes (a pushed message) with one copy into the buffer's storage:
    /// ByteBuffer's `writeBytes` goes through its generic collection path, which costs more than
    /// the copy itself for a short message written to every subscriber.
    mutating func writeEncoded(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { source in
            writeInPlace(source.count) { target in
                target.copyMemory(from: source)
                return source.count
            }
        }
    }

    /// Makes room for `count` bytes at the writer index, lets `body` write at most that many
    /// there and moves the writer index past what it wrote. ByteBuffer's
    /// `writeWithUnsafeMutableBytes` slices its storage with `dropFirst`, which costs as much as
    /// encoding a short reply; the storage's pointer, offset here, costs nothing.
    @inline(__always)
    private mutating func writeInPlace(_ count: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
        guard count > 0 else { return }
        reserveCapacity(minimumWritableBytes: count)
        let start = writerIndex
        let written = withVeryUnsafeMutableBytes { storage in
            body(UnsafeMutableRawBufferPointer(start: storage.baseAddress! + start, count: count))
        }
        moveWriterIndex(forwardBy: written)
    }
}
