import Hummingbird
import HummingbirdWebSocket
import LessonKit
import REPL

extension WebApp {
    /// `/ws/console?lesson=SLUG`: a console on the browser session's Redis (a session of its
    /// own when the page came without the session cookie).
    func addConsoleRoute(to router: Router<BasicWebSocketRequestContext>) {
        let sessions = self.sessions, configuration = self.configuration
        router.ws("/ws/console") { request, _ in
            sessions.openSockets < configuration.limits.maxSockets ? .upgrade([:]) : .dontUpgrade
        } onUpgrade: { inbound, outbound, context in
            let cookie = context.request.cookies[BrowserSessions.cookieName]?.value
            let id = cookie.flatMap { sessions.knows($0) ? $0 : nil } ?? BrowserSessions.newID()
            guard let browser = sessions.attach(id) else {
                try? await outbound.write(.text(#"{"type":"error","text":"The server has as many consoles open as it allows; close a tab and reload."}"#))
                return
            }
            defer { sessions.release(id) }
            let lesson = context.request.uri.queryParameters["lesson"].map(String.init)
            await Self.serveConsole(browser: browser, lesson: lesson, configuration: configuration, inbound: inbound, outbound: outbound)
        }
    }

    static func serveConsole(
        browser: BrowserSession, lesson: String?, configuration: WebAppConfiguration,
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter
    ) async {
        let output = ConsoleOutput()
        let session: ReplSession
        do {
            session = try await ReplSession(backend: browser.backend, input: ConsoleInput(), output: output)
        } catch {
            try? await outbound.write(.text(#"{"type":"error","text":"No connection to Redis could be opened."}"#))
            return
        }
        let catalog = configuration.catalog
        if !catalog.lessons.isEmpty {
            let position = lesson.flatMap { slug in catalog.lessons.firstIndex { $0.slug == slug } } ?? 0
            session.course = CourseNavigator(catalog: catalog, position: position, store: nil, state: LearnerState())
        }
        session.exercises = browser.workbench
        let table = session.metaCommands
        let console = ConsoleSocket(
            session: session, browser: browser, output: output, catalog: catalog, limits: configuration.limits,
            completer: .standard(commands: configuration.commandNames, metaCommands: table.commands.map(\.name)),
            hints: ArgumentHints(metaUsages: table.usages))
        await console.run(inbound: inbound, outbound: outbound)
    }
}
