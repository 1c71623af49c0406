import Foundation
import RESP
#if canImport(Glibc)
import Glibc
#endif

/// One non-blocking connection of the frame fuzzer: it writes an episode's bytes in pieces of
/// random sizes (so the server's reads split frames anywhere) and reads the replies back,
/// checking each against what the episode owes.
final class FrameConnection {
    let fd: Int32
    private(set) var episode: FrameEpisode
    private var written = 0
    private var received: [UInt8] = []
    private var readOffset = 0
    /// Replies read for the current episode.
    private(set) var replies = 0
    /// When the connection last wrote or read something.
    private(set) var lastProgress = Date()
    /// The last episodes' bytes, for a finding's report.
    private(set) var history: [[UInt8]] = []
    private let parser = RESPReplyParser()

    /// What the connection's latest step found.
    enum Event {
        /// Nothing settled yet.
        case working
        /// The episode was sent and answered in full (it ended clean or inside a frame).
        case episodeDone
        /// The server closed after the protocol error it owed.
        case closedAsOwed
        /// The reply stream broke: the reason.
        case desync(String)
        /// The server closed early (or reset the connection).
        case closed(String)
    }

    /// Connects to `host`:`port` and starts sending `episode`; nil when nothing accepts.
    init?(host: String, port: Int, episode: FrameEpisode) {
        guard let fd = connectedLoopbackSocket(port: port, host: host) else { return nil }
        self.fd = fd
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        self.episode = episode
        history = [episode.bytes]
    }

    deinit { Glibc.close(fd) }

    /// True while bytes of the episode are left to write.
    var wantsToWrite: Bool { written < episode.bytes.count }

    /// True when every byte was written (the server owes the rest).
    var sentAll: Bool { written == episode.bytes.count }

    /// Starts the next episode on this connection (the previous one answered in full).
    func begin(_ next: FrameEpisode) {
        episode = next
        written = 0
        replies = 0
        history.append(next.bytes)
        if history.count > 4 { history.removeFirst() }
    }

    /// Writes up to `limit` bytes; false when the connection broke.
    func write(limit: Int) -> Bool {
        let count = min(limit, episode.bytes.count - written)
        let n = episode.bytes[written..<(written + count)].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if n > 0 {
            written += n
            lastProgress = Date()
            return true
        }
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
    }

    /// Reads what arrived and checks the replies in it.
    func read() -> Event {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return .working }
            return closedEvent("reset (errno \(errno))")
        }
        if n == 0 { return closedEvent("closed") }
        lastProgress = Date()
        received += chunk[0..<n]
        while readOffset < received.count {
            let parsed: (RESPValue, consumed: Int)?
            do {
                parsed = try received.withUnsafeBufferPointer { buffer throws(RESPProtocolError) in
                    try parser.parse(UnsafeBufferPointer(rebasing: buffer[readOffset...]))
                }
            } catch {
                return .desync("the reply stream is not RESP: \(error)")
            }
            guard let (value, consumed) = parsed else { break }
            readOffset += consumed
            replies += 1
            if let problem = check(value) { return .desync(problem) }
        }
        if readOffset == received.count {
            received.removeAll(keepingCapacity: received.count < 1 << 20)
            readOffset = 0
        }
        return isAnswered ? .episodeDone : .working
    }

    /// True when the episode was sent and every reply it owes came (a protocol error's close
    /// aside, which `read` reports).
    var isAnswered: Bool { sentAll && replies == episode.replies && episode.ending != .protocolError }

    /// What is wrong with the reply just counted, if anything.
    private func check(_ value: RESPValue) -> String? {
        guard replies <= episode.replies else { return "an extra reply after the \(episode.replies) owed: \(DifferentialFuzzer.short(value))" }
        guard replies == episode.replies else { return nil }
        if let token = episode.token, value != .bulkString(token) {
            return "the closing ECHO got \(DifferentialFuzzer.short(value)) instead of its token"
        }
        if episode.ending == .protocolError {
            guard case .error(let text) = value, text.hasPrefix("ERR Protocol error") else {
                return "the last reply owed is a protocol error, got \(DifferentialFuzzer.short(value))"
            }
        }
        return nil
    }

    private func closedEvent(_ how: String) -> Event {
        if episode.ending == .protocolError, replies == episode.replies, readOffset == received.count { return .closedAsOwed }
        if readOffset < received.count { return .desync("\(how) inside a reply, after \(replies) of \(episode.replies) replies") }
        return .closed("\(how) after \(replies) of \(episode.replies) replies (ending \(episode.ending))")
    }
}
