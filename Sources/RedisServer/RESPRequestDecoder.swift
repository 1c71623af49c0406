import NIOCore
import RESP
import RedisSimulator

/// One request read from a client: a command, or a protocol error after which Redis replies
/// with the error and closes the connection.
enum RESPRequestFrame: Equatable {
    case command([ByteString])
    case protocolError(String)
}

/// Splits a connection's byte stream into requests with `RESPRequestParser`. After the first
/// protocol error it yields nothing more, as Redis ignores whatever a client sends after one.
///
/// It reads incrementally: the arguments of a request still arriving are taken out of the
/// buffer as each becomes whole, and the parser goes on from where it stopped, so a request
/// that arrives a byte at a time is still read once.
///
/// The connection's handler calls it directly, one request at a time, so that a command which
/// changes whether the client is authenticated (and so the size limits) runs before the next
/// request is read, as in Redis.
struct RESPRequestDecoder {
    private var parser = RESPRequestParser()
    private var progress = RESPRequestParser.Progress()
    private var failed = false
    /// The arguments of the request being read, kept between reads; reused for its capacity,
    /// so each command costs one exactly sized array.
    private var scratch: [ByteString] = []

    init() {}

    /// The bytes the bulk argument being read still needs (with its CRLF), when its `$` line
    /// has been read: a server may make room for them at once, as Redis does for big arguments.
    var bytesAwaited: Int64? { progress.bulkLength >= 0 ? progress.bulkLength + 2 : nil }

    /// The next complete request at the front of `buffer`, whose bytes it consumes; nil when
    /// the buffer holds no complete request (the whole arguments of one begun are consumed
    /// and kept). Frames without a command (an empty line, `*0`) are consumed and skipped.
    /// `maxBulkLength` is `proto-max-bulk-len`.
    mutating func next(
        from buffer: inout ByteBuffer, authenticated: Bool, maxBulkLength: Int64 = 512 * 1024 * 1024
    ) -> RESPRequestFrame? {
        parser.maxBulkLength = maxBulkLength
        while true {
            if failed {
                buffer.moveReaderIndex(to: buffer.writerIndex)
                return nil
            }
            if !progress.isInsideRequest { scratch.removeAll(keepingCapacity: true) }
            let parser = parser
            var progress = progress
            // Arguments become the simulator's byte strings straight from the read buffer:
            // short ones are stored inline, with no allocation of their own.
            let outcome: Result<RESPRequestParser.IncrementalStep, RESPProtocolError> = buffer.withUnsafeReadableBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                do throws(RESPProtocolError) {
                    return .success(try parser.parse(bytes, progress: &progress, authenticated: authenticated) { argument in
                        scratch.append(ByteString(copying: UnsafeRawBufferPointer(argument)))
                    })
                } catch {
                    return .failure(error)
                }
            }
            self.progress = progress
            switch outcome {
            case .success(.command(let consumed)):
                buffer.moveReaderIndex(forwardBy: consumed)
                return .command(Array(scratch))
            case .success(.empty(let consumed)):
                buffer.moveReaderIndex(forwardBy: consumed)
            case .success(.partial(let consumed)):
                buffer.moveReaderIndex(forwardBy: consumed)
                return nil
            case .failure(let error):
                failed = true
                scratch.removeAll()
                buffer.moveReaderIndex(to: buffer.writerIndex)
                return .protocolError(error.message)
            }
        }
    }
}
