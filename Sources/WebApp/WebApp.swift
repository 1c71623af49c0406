import Foundation
import Hummingbird
import HummingbirdWebSocket
import LessonKit
import Logging
import NIOCore
import REPL

/// `redislings web`: the course in the browser, over the same lessons, session logic, checks
/// and progress database as the terminal.
public struct WebApp: Sendable {
    /// What it serves.
    public let configuration: WebAppConfiguration
    /// The browser sessions and their Redis instances.
    public let sessions: BrowserSessions

    /// The app for `configuration`.
    public init(configuration: WebAppConfiguration) {
        self.configuration = configuration
        let makeBackend = configuration.makeBackend, makeWorkbench = configuration.makeWorkbench
        sessions = BrowserSessions(limits: configuration.limits) {
            BrowserSession(backend: ReplBackend(makeBackend()), makeWorkbench: makeWorkbench)
        }
    }

    /// The Hummingbird application; `onRunning` is told the port it listens on.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: BasicWebSocketRequestContext.self)
        addPageRoutes(to: router)
        addConsoleRoute(to: router)
        addChatRoute(to: router)
        var logger = Logger(label: "redislings-web")
        logger.logLevel = .warning
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(
                webSocketRouter: router,
                configuration: .init(ws: .init(maxFrameSize: configuration.limits.maxMessageBytes, autoPing: .enabled(timePeriod: .seconds(30))))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "redislings"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until interrupted (Ctrl-C or SIGTERM), then ends every browser session (on a live
    /// Redis: the keys they created and their ACL users go).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        do {
            try await application(onRunning: onRunning).runService()
        } catch {
            await sessions.closeAll()
            throw error
        }
        await sessions.closeAll()
    }
}
