import RESP
import Synchronization

/// Runs a case's steps on one backend and records what each step produced.
public enum DifferentialRunner {
    /// The outcome of every step that produces one, in step order (nil for steps that do not).
    public static func run(_ testCase: DifferentialCase, on backend: any RedisBackend) async -> [DifferentialOutcome?] {
        var clients: [String: ClientSession] = [:]
        var outcomes: [DifferentialOutcome?] = []
        for step in testCase.steps {
            func session() async -> ClientSession? {
                if let existing = clients[step.client] { return existing }
                guard let connection = try? await backend.connect() else { return nil }
                let created = ClientSession(connection)
                clients[step.client] = created
                return created
            }
            switch step.action {
            case .command(let args):
                guard let client = await session() else { outcomes.append(.connectionError); continue }
                outcomes.append(await client.call(args))
            case .send(let args):
                await session()?.sendWithoutReading(args)
                // Give the command time to reach the server before the next step runs.
                try? await Task.sleep(for: .milliseconds(30))
                outcomes.append(nil)
            case .receive:
                guard let client = await session() else { outcomes.append(.connectionError); continue }
                outcomes.append(await client.receive(timeoutMilliseconds: receiveTimeout(on: backend)))
            case .close:
                await clients[step.client]?.connection.close()
                clients[step.client] = nil
                outcomes.append(nil)
            case .sleep(let ms):
                // Time passes at once where the clock moves; a real server is waited for.
                if !backend.advanceClock(milliseconds: ms) { try? await Task.sleep(for: .milliseconds(ms)) }
                outcomes.append(nil)
            }
        }
        for client in clients.values { await client.connection.close() }
        return outcomes
    }

    /// How long RECV waits for a message before reporting that nothing arrived: an in-process
    /// server (one that makes fresh instances) delivers at once, a real one across a socket later.
    static func receiveTimeout(on backend: any RedisBackend) -> Int64 {
        backend.makesFreshInstances ? 300 : 1000
    }

    /// Runs `testCase` on both backends; returns one message per step whose outcomes differ.
    public static func compare(
        _ testCase: DifferentialCase, reference: any RedisBackend, candidate: any RedisBackend
    ) async -> [String] {
        let expected = await run(testCase, on: reference)
        let actual = await run(testCase, on: candidate)
        var mismatches: [String] = []
        for (index, step) in testCase.steps.enumerated() {
            guard let want = expected[index], let got = actual[index] else { continue }
            if !want.matches(got, under: step.comparison) {
                mismatches.append("""
                    \(testCase.file):\(step.line): \(step.text)
                      \(reference.label): \(want)
                      \(candidate.label): \(got)
                    """)
            }
        }
        return mismatches
    }
}

/// One client of a case: its connection and the replies and pushes waiting for RECV.
final class ClientSession: Sendable {
    let connection: any RedisConnection
    private let pump: Task<Void, Never>

    init(_ connection: any RedisConnection) {
        self.connection = connection
        let pushes = connection.pushes
        let box = Mailbox()
        pump = Task { for await message in pushes { box.deliver(.reply(message)) } }
        self.box = box
    }

    private let box: Mailbox

    func call(_ args: [[UInt8]]) async -> DifferentialOutcome {
        do { return .reply(try await connection.send(args)) } catch { return .connectionError }
    }

    func sendWithoutReading(_ args: [[UInt8]]) {
        let connection = self.connection, box = self.box
        Task {
            do { box.deliver(.reply(try await connection.send(args))) } catch { box.deliver(.connectionError) }
        }
    }

    func receive(timeoutMilliseconds: Int64) async -> DifferentialOutcome {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMilliseconds)
        while ContinuousClock.now < deadline {
            if let next = box.take() { return next }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return box.take() ?? .nothing
    }

    deinit { pump.cancel() }
}

/// Replies of SENT commands and pushed messages, in arrival order.
final class Mailbox: Sendable {
    private let items = Mutex<[DifferentialOutcome]>([])
    func deliver(_ outcome: DifferentialOutcome) { items.withLock { $0.append(outcome) } }
    func take() -> DifferentialOutcome? { items.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
}
