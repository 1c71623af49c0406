import Basics
import Foundation
import RESP
#if canImport(Glibc)
import Glibc
#endif

/// Sends seeded RESP frames, well-formed and hostile, over many pipelined connections to one
/// `redislings serve`, and checks that every connection gets exactly the replies its frames
/// owe (see `FrameEpisode`), that the server neither dies nor stops answering, and that when
/// the connections are gone it answers PING on a fresh one and holds the file descriptors it
/// held before. A `serve` that dies is restarted and the run goes on.
/// One run drives it from one thread (`run` or `runOffThePool`), hence `@unchecked`.
public final class FrameFuzzer: @unchecked Sendable {
    /// How a run is set up.
    public struct Options: Sendable {
        public var seed: UInt64
        /// Fuzzed frames to send.
        public var frames: Int
        /// The `redislings` executable whose `serve` is fuzzed.
        public var binary: String
        /// Connections open at once.
        public var connections = 32
        /// Frames in one connection's episode, at most.
        public var maxFramesPerEpisode = 24
        /// How long a connection may wait for a reply it is owed before it counts as a hang (seconds).
        public var replyBound = 30.0
        /// When set, no episode starts after this time (the report says how many frames were
        /// sent), so that a long run fits a time slot.
        public var deadline: Date?
        /// Called with progress lines.
        public var log: @Sendable (String) -> Void = { _ in }

        public init(seed: UInt64, frames: Int, binary: String) {
            self.seed = seed
            self.frames = frames
            self.binary = binary
        }
    }

    private let options: Options
    private var serve: ServeProcess
    private var generator: FrameGenerator
    private var random: SeededGenerator
    private var report: FrameFuzzReport
    private var connections: [FrameConnection] = []
    private var tokens = 0
    /// Set when serve died or froze during a step: it is replaced once the step is over.
    private var needsRestart = false

    /// Starts `serve`.
    public init(options: Options) throws {
        self.options = options
        serve = try ServeProcess(binary: options.binary, host: Self.host)
        generator = FrameGenerator(seed: options.seed)
        random = SeededGenerator(seed: options.seed ^ 0x5EED)
        report = FrameFuzzReport(seed: options.seed)
    }

    deinit { serve.stop() }

    /// Sends `options.frames` frames and returns what was found.
    public func run() throws -> FrameFuzzReport {
        report.baseline = settledResources()
        let start = Date()
        var nextLog = 100_000
        while !isOver || !connections.isEmpty {
            while !isOver, connections.count < options.connections {
                guard let connection = open() else { break }
                connections.append(connection)
            }
            try step()
            if report.frames >= nextLog {
                nextLog += 100_000
                let seconds = Date().timeIntervalSince(start)
                options.log("\(report.frames) frames, \(Int(Double(report.frames) / max(seconds, 0.001))) frames/s: \(report.crashes.count) crashes, \(report.hangs.count) hangs, \(report.desyncs.count) desyncs")
            }
            if Int(Date().timeIntervalSince(start)) > report.samples * 5 { sample() }
        }
        report.seconds = Date().timeIntervalSince(start)
        finish()
        return report
    }

    /// True once every frame was generated or the deadline passed.
    private var isOver: Bool {
        report.frames >= options.frames || options.deadline.map { Date() >= $0 } ?? false
    }

    /// A new connection with its first episode; nil (and a crash recorded, serve restarted)
    /// when serve no longer accepts.
    private func open() -> FrameConnection? {
        let episode = nextEpisode()
        if let connection = FrameConnection(host: serve.host, port: serve.port, episode: episode) {
            report.connections += 1
            return connection
        }
        report.crashes.append(FrameFuzzReport.Finding(frames: report.frames, detail: "serve refuses connections (\(serve.exitDescription))", episodes: [episode.bytes]))
        restart()  // Called between steps: no connection index is held.
        return nil
    }

    private func nextEpisode() -> FrameEpisode {
        tokens += 1
        let left = options.frames - report.frames
        let episode = FrameEpisode.make(
            generator: &generator, maxFrames: max(1, min(left, Int.random(in: 1...options.maxFramesPerEpisode, using: &random))),
            token: Array("token-\(tokens)".utf8))
        report.frames += episode.frames
        report.episodes += 1
        switch episode.ending {
        case .clean: break
        case .partial: report.partialEndings += 1
        case .protocolError: report.protocolErrors += 1
        }
        return episode
    }

    /// One poll over every connection: writes pieces, reads replies, settles episodes.
    private func step() throws {
        var polls = connections.map { pollfd(fd: $0.fd, events: Int16(POLLIN | ($0.wantsToWrite ? POLLOUT : 0)), revents: 0) }
        let ready = poll(&polls, nfds_t(polls.count), 200)
        var finished: [Int: Bool] = [:]  // index: whether to keep the connection for another episode
        if ready > 0 {
            for (index, entry) in polls.enumerated() where entry.revents != 0 {
                let connection = connections[index]
                if entry.revents & Int16(POLLOUT) != 0, connection.wantsToWrite {
                    // Mostly large pieces; one write in eight is a few bytes, so frames split anywhere.
                    let limit = random.chance(12) ? Int.random(in: 1...7, using: &random) : Int.random(in: 8...16384, using: &random)
                    if !connection.write(limit: limit) {
                        finished[index] = settle(connection, .closed("write failed (errno \(errno))"))
                        continue
                    }
                }
                if entry.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                    let event = connection.read()
                    if case .working = event { continue }
                    finished[index] = settle(connection, event)
                }
            }
        }
        let now = Date()
        for (index, connection) in connections.enumerated() where finished[index] == nil {
            if connection.isAnswered {
                finished[index] = settle(connection, .episodeDone)
            } else if now.timeIntervalSince(connection.lastProgress) > options.replyBound {
                finished[index] = false
                recordHang(connection)
            }
        }
        if !serve.isRunning || needsRestart {
            if !serve.isRunning && !needsRestart {
                report.crashes.append(FrameFuzzReport.Finding(frames: report.frames, detail: "serve died (\(serve.exitDescription))", episodes: []))
            }
            restart()
            return
        }
        for index in finished.keys.sorted(by: >) {
            if finished[index] == true, !isOver {
                connections[index].begin(nextEpisode())
            } else {
                connections.remove(at: index)
            }
        }
    }

    /// Tallies how a connection's episode ended; true when the connection may go on.
    private func settle(_ connection: FrameConnection, _ event: FrameConnection.Event) -> Bool {
        switch event {
        case .working:
            return true
        case .episodeDone:
            report.repliesChecked += connection.replies
            if connection.episode.ending == .partial {
                report.droppedMidFrame += 1
                return false
            }
            // One connection in ten is dropped at an episode's end, the others go on.
            return !random.chance(10)
        case .closedAsOwed:
            report.repliesChecked += connection.replies
            return false
        case .desync(let reason):
            report.desyncs.append(FrameFuzzReport.Finding(frames: report.frames, detail: reason, episodes: connection.history))
            return false
        case .closed(let how):
            if serve.isRunning {
                report.desyncs.append(FrameFuzzReport.Finding(frames: report.frames, detail: "serve \(how)", episodes: connection.history))
            } else {
                report.crashes.append(FrameFuzzReport.Finding(frames: report.frames, detail: "serve died (\(serve.exitDescription))", episodes: connection.history))
                needsRestart = true
            }
            return false
        }
    }

    private func recordHang(_ connection: FrameConnection) {
        let alive = serve.isRunning && Self.answersPing(host: serve.host, port: serve.port)
        report.hangs.append(FrameFuzzReport.Finding(
            frames: report.frames,
            detail: "no reply within \(options.replyBound) s after \(connection.replies) of \(connection.episode.replies) owed; serve \(alive ? "still answers others" : "answers nobody")",
            episodes: connection.history))
        if !alive { needsRestart = true }
    }

    /// A new `serve` in place of one that died or froze; the open connections are dropped.
    private func restart() {
        needsRestart = false
        connections.removeAll()
        serve.stop()
        report.restarts += 1
        do {
            serve = try ServeProcess(binary: options.binary, host: Self.host)
            report.baseline = settledResources()
        } catch {
            options.log("cannot restart serve: \(error)")
        }
    }

    private func sample() {
        report.samples += 1
        guard let now = ProcessResources(pid: serve.pid) else { return }
        report.peakResidentKilobytes = max(report.peakResidentKilobytes, now.residentKilobytes)
    }

    /// serve's resources once a PING on a fresh connection was answered and the connection
    /// closed again (up to 10 s for the descriptor count to settle).
    private func settledResources() -> ProcessResources? {
        _ = Self.answersPing(host: serve.host, port: serve.port)
        var last = ProcessResources(pid: serve.pid)
        for _ in 0..<50 {
            usleep(200_000)
            let now = ProcessResources(pid: serve.pid)
            if now?.fileDescriptors == last?.fileDescriptors { return now }
            last = now
        }
        return last
    }

    /// The end of a run: every connection closed, the keyspace emptied, then PING on a fresh
    /// connection and serve's resources (the descriptors awaited for up to 10 s).
    private func finish() {
        connections.removeAll()
        if let connection = FuzzConnection(port: serve.port, host: serve.host) {
            _ = connection.request([Array("FLUSHALL".utf8)], within: 30)
        }
        report.answersPingAtEnd = serve.isRunning && Self.answersPing(host: serve.host, port: serve.port)
        let baseline = report.baseline?.fileDescriptors ?? 0
        for _ in 0..<50 {
            report.end = ProcessResources(pid: serve.pid)
            if let end = report.end, end.fileDescriptors <= baseline { break }
            usleep(200_000)
        }
    }

    /// A loopback address of the fuzzer's own: a test running beside it that connects to
    /// 127.0.0.1 on a port it once used (a replica retrying its primary) cannot reach this
    /// serve and add descriptors the end-of-run check would count as leaked.
    static let host = "127.0.0.2"

    private static func answersPing(host: String, port: Int) -> Bool {
        guard let probe = FuzzConnection(port: port, host: host), case .reply(.simpleString("PONG")) = probe.request([Array("PING".utf8)], within: 10)
        else { return false }
        return true
    }
}

extension FrameFuzzer {
    /// `run()` on a thread of its own (`onOwnThread`), so that an async test does not hold one
    /// of the threads every task of the test process shares while it waits on sockets.
    public func runOffThePool() async throws -> FrameFuzzReport {
        try await onOwnThread(named: "frame-fuzz") { try self.run() }
    }
}
