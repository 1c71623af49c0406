import CourseProgress
import Exercises
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import LessonKit
import Logging
import RedisBackends
import REPL
import RESP
import WebApp

/// A web app over the course's own lessons, on fresh simulators, with a progress database in a
/// temporary folder; `withServer` runs it on a real socket.
struct WebAppFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog: LessonCatalog = {
        (try? LessonCatalog.load(directory: repository.appendingPathComponent("Lessons").path))
            ?? LessonCatalog(directory: "/nonexistent", results: [])
    }()

    let app: WebApp

    /// The course's own exercises.
    static let exercises = ExerciseCatalog.load(directory: repository.appendingPathComponent("Exercises").path, lessons: catalog)

    /// The app; with `exercises`, each browser session has the course's exercises, hint use
    /// kept in a temporary file.
    init(limits: WebLimits = WebLimits(), exercises: Bool = false) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("web-tests-\(UUID().uuidString)")
        let progress = scratch.path + ".sqlite"
        let catalog = exercises ? Self.exercises : nil
        app = WebApp(configuration: WebAppConfiguration(
            host: "127.0.0.1", port: 0, catalog: Self.catalog, exercises: catalog,
            makeBackend: { SimulatorBackend() }, makeQuizBackend: { SimulatorBackend() },
            commandNames: SimulatorBackend.commandNames,
            makeWorkbench: { report in
                catalog.map { catalog in
                    ExerciseWorkbench(
                        catalog: catalog, hintLog: HintFile(path: scratch.appendingPathComponent("hints.json").path),
                        workspace: ExerciseWorkspace(directory: scratch.appendingPathComponent("work").path),
                        recordResult: { report($0, $1) })
                }
            },
            openProgress: { try ProgressStore(path: progress) }, limits: limits))
    }

    /// The session cookie the server gives a browser on its first page.
    static func sessionCookie(_ client: TestClientProtocol) async throws -> String {
        let page = try await client.execute(uri: "/", method: .get)
        guard let cookie = page.headers[.setCookie]?.split(separator: ";").first?.split(separator: "=").last.map(String.init) else {
            throw FixtureError("the first page set no session cookie")
        }
        return cookie
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A console (or the socket at `path`) kept open while `body` types into it and waits for
    /// what comes back (a tab).
    static func withConsole(
        port: Int, path: String = "/ws/console", cookie: String, _ body: @escaping @Sendable (LiveConsole) async throws -> Void
    ) async throws {
        _ = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)\(path)",
            configuration: {
                var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20)
                configuration.additionalHeaders[.cookie] = "\(BrowserSessions.cookieName)=\(cookie)"
                return configuration
            }(),
            logger: Logger(label: "test")
        ) { inbound, outbound, _ in
            let collected = Collected()
            let reader = Task {
                for try await frame in inbound.messages(maxSize: 1 << 22) {
                    if case .text(let text) = frame { await collected.add(text) }
                }
            }
            do {
                try await body(LiveConsole(outbound: outbound, collected: collected))
            } catch {
                reader.cancel()
                throw error
            }
            try? await outbound.close(.normalClosure, reason: nil)
            _ = await reader.result
        }
    }

    /// An open console: send lines, wait for messages.
    struct LiveConsole: Sendable {
        let outbound: WebSocketOutboundWriter
        let collected: Collected

        /// Types `line`.
        func type(_ line: String) async throws {
            let data = try JSONEncoder().encode(["type": "line", "text": line])
            try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
        }

        /// Waits (30 s at most) until a message after the first `from` satisfies `condition`;
        /// returns its index.
        @discardableResult
        func waitFor(after from: Int = 0, _ what: String, _ condition: @escaping @Sendable (String) -> Bool) async throws -> Int {
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let items = await collected.items
                if items.count > from, let index = items[from...].firstIndex(where: condition) { return index }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw FixtureError("never came: \(what); got \(await collected.items.suffix(8))")
        }

        /// How many messages came so far.
        var count: Int { get async { await collected.items.count } }

        /// Every message so far.
        var messages: [String] { get async { await collected.items } }
    }

    /// Runs `body` with the app listening on a real port.
    func withServer(_ body: @escaping @Sendable (TestClientProtocol, Int) async throws -> Void) async throws {
        try await app.application().test(.live) { client in
            try await body(client, client.port ?? 0)
        }
    }

    /// Opens a console socket, sends `messages` (text frames, or binary when `binary`), and
    /// collects what the server sends until it closes or `until` says enough.
    static func console(
        port: Int, path: String = "/ws/console", cookie: String? = nil, messages: [String], binary: Bool = false,
        maxFrameSize: Int = 1 << 20, until done: @escaping @Sendable ([String]) -> Bool = { _ in false }
    ) async throws -> (received: [String], closeCode: String?) {
        var configuration = WebSocketClientConfiguration(maxFrameSize: maxFrameSize)
        if let cookie { configuration.additionalHeaders[.cookie] = "\(BrowserSessions.cookieName)=\(cookie)" }
        let collected = Collected()
        let close = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)\(path)", configuration: configuration, logger: Logger(label: "test")
        ) { inbound, outbound, _ in
            for message in messages {
                if binary {
                    try await outbound.write(.binary(ByteBuffer(string: message)))
                } else {
                    try await outbound.write(.text(message))
                }
            }
            for try await frame in inbound.messages(maxSize: 1 << 22) {
                if case .text(let text) = frame { await collected.add(text) }
                if done(await collected.items) { break }
            }
        }
        return (await collected.items, close.map { "\($0.closeCode)" })
    }

    actor Collected {
        var items: [String] = []
        func add(_ item: String) { items.append(item) }
    }
}
