/// The pages' own script and stylesheet, served by the binary itself: no build step, no CDN.
enum Assets {
    /// A served file: its bytes and content type.
    struct File: Sendable {
        let body: String
        let contentType: String
    }

    /// The files by URL path.
    static let files: [String: File] = [
        "/static/app.css": File(body: style, contentType: "text/css; charset=utf-8"),
        "/static/app.js": File(body: resultScript + consoleScript + pageScript, contentType: "text/javascript; charset=utf-8"),
        "/static/chat.js": File(body: chatScript, contentType: "text/javascript; charset=utf-8"),
    ]
}
