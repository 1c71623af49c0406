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
/// The connection's handler calls it directly, one request at a time, so that a command which
/// changes whether the client is authenticated (and so the size limits) runs before the next
/// request is read, as in Redis.
struct RESPRequestDecoder {
    private let parser = RESPRequestParser()
    private var failed = false
    /// The arguments of the request being read; kept to reuse its capacity, so each command
    /// costs one exactly sized array.
    private var scratch: [ByteString] = []

    init() {}

    /// The next complete request at the front of `buffer`, whose bytes it consumes; nil when
    /// the buffer holds no complete request. Frames without a command (an empty line, `*0`)
    /// are consumed and skipped.
    mutating func next(from buffer: inout ByteBuffer, authenticated: Bool) -> RESPRequestFrame? {
        while true {
            if failed {
                buffer.moveReaderIndex(to: buffer.writerIndex)
                return nil
            }
            scratch.removeAll(keepingCapacity: true)
            let parser = parser
            // Arguments become the simulator's byte strings straight from the read buffer:
            // short ones are stored inline, with no allocation of their own.
            let outcome: Result<RESPRequestParser.Step, RESPProtocolError> = buffer.withUnsafeReadableBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                do throws(RESPProtocolError) {
                    return .success(try parser.parse(bytes, authenticated: authenticated) { argument in
                        scratch.append(ByteString(copying: UnsafeRawBufferPointer(argument)))
                    })
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .success(.command(let consumed)):
                buffer.moveReaderIndex(forwardBy: consumed)
                return .command(Array(scratch))
            case .success(.empty(let consumed)):
                buffer.moveReaderIndex(forwardBy: consumed)
            case .success(.needMore):
                return nil
            case .failure(let error):
                failed = true
                buffer.moveReaderIndex(to: buffer.writerIndex)
                return .protocolError(error.message)
            }
        }
    }
}
