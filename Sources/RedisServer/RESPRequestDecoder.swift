import NIOCore
import RESP
import RedisSimulator

/// One request read from a client: a command, or a protocol error after which Redis replies
/// with the error and closes the connection.
enum RESPRequestFrame: Equatable {
    case command([ByteString])
    case protocolError(String)
}

/// Whether the client has authenticated, shared by the decoder (which limits request sizes for
/// unauthenticated clients, as Redis does) and the handler that learns it. Event-loop confined.
final class ClientAuthState {
    var authenticated = true
}

/// Splits the byte stream into requests with `RESPRequestParser`; stops at the first protocol
/// error, as Redis ignores whatever a client sends after one.
struct RESPRequestDecoder: ByteToMessageDecoder {
    typealias InboundOut = RESPRequestFrame

    let parser = RESPRequestParser()
    let auth: ClientAuthState
    private var failed = false

    init(auth: ClientAuthState) { self.auth = auth }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if failed {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
        let authenticated = auth.authenticated
        let parser = parser
        // Arguments become the simulator's byte strings straight from the read buffer: short
        // ones are stored inline, so most commands cost one array allocation.
        var arguments: [ByteString] = []
        let outcome: Result<RESPRequestParser.Step, RESPProtocolError> = buffer.withUnsafeReadableBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(RESPProtocolError) {
                return .success(try parser.parse(bytes, authenticated: authenticated) { argument in
                    arguments.append(ByteString(copying: UnsafeRawBufferPointer(argument)))
                })
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(.command(let consumed)):
            buffer.moveReaderIndex(forwardBy: consumed)
            context.fireChannelRead(wrapInboundOut(.command(arguments)))
            return .continue
        case .success(.empty(let consumed)):
            buffer.moveReaderIndex(forwardBy: consumed)
            return .continue
        case .success(.needMore):
            return .needMoreData
        case .failure(let error):
            failed = true
            buffer.moveReaderIndex(to: buffer.writerIndex)
            context.fireChannelRead(wrapInboundOut(.protocolError(error.message)))
            return .needMoreData
        }
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A command cut off by the client closing is dropped, as Redis drops it.
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
