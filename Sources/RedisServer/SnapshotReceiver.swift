import NIOCore

/// Reads the RDB snapshot a primary sends after FULLRESYNC, in either of Redis's forms: a bulk
/// header `$<size>` and exactly that many bytes (no CRLF after them), or, diskless,
/// `$EOF:<40-byte mark>` and the bytes up to that mark. Newlines before the header are the
/// primary's keepalives while it prepares the snapshot.
struct SnapshotReceiver {
    enum Outcome: Equatable {
        /// More bytes are needed.
        case needMore
        /// The snapshot is whole; the bytes after it in the buffer are the command stream.
        case complete([UInt8])
        /// The header is not one a primary sends.
        case invalid(String)
    }

    private enum Stage {
        case header
        case sized(Int)
        case untilMark([UInt8])
    }

    private var stage = Stage.header
    private(set) var received: [UInt8] = []

    /// The announced size, once the header is read (-1 for the diskless form, until then).
    var announcedSize: Int64 {
        if case .sized(let size) = stage { return Int64(size) }
        return -1
    }

    /// True once the header was read.
    var hasHeader: Bool {
        if case .header = stage { return false }
        return true
    }

    static let markLength = 40

    /// Consumes what `buffer` holds of the snapshot.
    mutating func read(_ buffer: inout ByteBuffer) -> Outcome {
        if case .header = stage {
            while buffer.readableBytes > 0, buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) == UInt8(ascii: "\n") {
                buffer.moveReaderIndex(forwardBy: 1)
            }
            guard let view = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
                return buffer.readableBytes > 1024 ? .invalid("no snapshot header") : .needMore
            }
            let length = view - buffer.readerIndex + 1
            let bytes = buffer.readBytes(length: length) ?? []
            let line = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            if line.hasPrefix("-") { return .invalid(String(line.dropFirst())) }
            guard line.hasPrefix("$") else { return .invalid("unexpected reply '\(line)' instead of the snapshot") }
            if line.hasPrefix("$EOF:") {
                let mark = Array(line.utf8.dropFirst(5))
                guard mark.count == Self.markLength else { return .invalid("bad EOF mark in '\(line)'") }
                stage = .untilMark(mark)
            } else {
                guard let size = Int(line.dropFirst()), size >= 0 else { return .invalid("bad snapshot size in '\(line)'") }
                stage = .sized(size)
                received.reserveCapacity(min(size, 64 * 1024 * 1024))
            }
        }
        switch stage {
        case .header:
            return .needMore
        case .sized(let size):
            let take = min(size - received.count, buffer.readableBytes)
            received += buffer.readBytes(length: take) ?? []
            return received.count == size ? .complete(received) : .needMore
        case .untilMark(let mark):
            // The mark ends the transfer: nothing of the stream can come before the replica
            // acknowledges, so the tail of what was read is compared after each read.
            received += buffer.readBytes(length: buffer.readableBytes) ?? []
            guard received.count >= mark.count, received.suffix(mark.count).elementsEqual(mark) else { return .needMore }
            return .complete(Array(received.dropLast(mark.count)))
        }
    }
}
