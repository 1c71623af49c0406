import CourseProgress
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import LessonKit
import Logging
import RedisBackends
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

    init(limits: WebLimits = WebLimits()) {
        let progress = FileManager.default.temporaryDirectory.appendingPathComponent("web-tests-\(UUID().uuidString).sqlite").path
        app = WebApp(configuration: WebAppConfiguration(
            host: "127.0.0.1", port: 0, catalog: Self.catalog,
            makeBackend: { SimulatorBackend() }, makeQuizBackend: { SimulatorBackend() },
            commandNames: SimulatorBackend.commandNames,
            openProgress: { try ProgressStore(path: progress) }, limits: limits))
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
