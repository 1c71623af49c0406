import Hummingbird
import HummingbirdWebSocket
import LessonKit
import NIOCore

extension WebApp {
    /// `/chat`: the capstone's page; `/ws/chat?room=R&name=N&after=ID`: one window in a room,
    /// on the browser session's Redis, caught up from the last stream id it saw.
    func addChatRoute(to router: Router<BasicWebSocketRequestContext>) {
        let sessions = self.sessions, limits = configuration.limits
        router.get("/chat") { request, _ -> Response in
            Self.html(ChatPage.render(), request, sessions)
        }
        router.ws("/ws/chat") { request, _ in
            let query = request.uri.queryParameters
            guard sessions.openSockets < limits.maxSockets,
                  let room = query["room"].map(String.init), ChatSocket.isValidName(room),
                  let name = query["name"].map(String.init), ChatSocket.isValidName(name),
                  query["after"].map({ ChatSocket.isStreamID(String($0)) }) ?? true else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let query = context.request.uri.queryParameters
            let cookie = context.request.cookies[BrowserSessions.cookieName]?.value
            let id = cookie.flatMap { sessions.knows($0) ? $0 : nil } ?? BrowserSessions.newID()
            guard let browser = sessions.attach(id) else { return }
            defer { sessions.release(id) }
            let chat = ChatSocket(
                browser: browser, room: String(query["room"] ?? "lobby"), name: String(query["name"] ?? "guest"),
                lastSeen: query["after"].map(String.init), limits: limits)
            await chat.run(inbound: inbound, outbound: outbound)
        }
    }
}
