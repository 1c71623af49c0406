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
    /// The arguments of the request being read, kept between reads; handed out whole when the
    /// request is complete.
    private var scratch: [ByteString] = []
    /// Argument arrays of commands that have run, emptied, to hold the arguments of the next
    /// ones: a pipelined command then costs neither an allocation nor a free of its own.
    private var spare: [[ByteString]] = []

    /// The most argument arrays kept for reuse, and the largest capacity kept: a huge MSET's
    /// array is not kept around for small commands.
    static let spareLimit = 64
    static let spareCapacityLimit = 32

    init() { scratch = Self.newArguments() }

    private static func newArguments() -> [ByteString] {
        var arguments: [ByteString] = []
        arguments.reserveCapacity(8)
        return arguments
    }

    /// Takes back the argument arrays of commands that have run, emptying `commands`, to fill
    /// them again with the next commands read. An array something still holds (a queued
    /// transaction) stays that holder's: emptying this copy of it gives a new buffer.
    mutating func recycle(_ commands: inout [[ByteString]]) {
        if spare.isEmpty, commands.count <= Self.spareLimit {
            // The usual case, every spare array in use: the arrays are emptied where they are
            // and the whole list becomes the spares, sparing a move out and in for each.
            for index in commands.indices {
                if commands[index].capacity <= Self.spareCapacityLimit {
                    commands[index].removeAll(keepingCapacity: true)
                } else {
                    commands[index] = []
                }
            }
            swap(&spare, &commands)
            return
        }
        while var arguments = commands.popLast() {
            guard spare.count < Self.spareLimit, arguments.capacity <= Self.spareCapacityLimit else { continue }
            arguments.removeAll(keepingCapacity: true)
            spare.append(arguments)
        }
    }

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
            if !progress.isInsideRequest, !scratch.isEmpty { scratch.removeAll(keepingCapacity: true) }
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
                let arguments = scratch
                scratch = spare.popLast() ?? Self.newArguments()
                return .command(arguments)
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
