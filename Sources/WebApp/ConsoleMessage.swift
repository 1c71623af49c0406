/// What a page's console sends over its WebSocket, as JSON (`{"type": "line", "text": "…"}`).
struct ConsoleRequest: Decodable, Sendable {
    /// `line` (a line typed), `run` (a lesson's block), `complete` or `hint` (for the line so far).
    var type: String
    /// The line, for `line`, `complete` and `hint`.
    var text: String?
    /// The lesson's slug, for `run`.
    var lesson: String?
    /// The block's index among the lesson's `redis` blocks, for `run`.
    var block: Int?
}

/// What the server sends to a console, as JSON.
struct ConsoleReply: Encodable, Sendable {
    /// `output`, `prompt`, `completions`, `hint`, `result` or `error`.
    var type: String
    /// Text to show (`output`, `prompt`, `hint`), or the error's message (`error`).
    var text: String?
    /// For `prompt`: the connection is in MULTI.
    var transaction: Bool?
    /// For `prompt`: the connection is subscribed.
    var subscribed: Bool?
    /// For `completions`: the word completed and its candidates.
    var word: String?
    var candidates: [String]?
    /// For `result`: a check of the exercise in progress (run in this tab or another).
    var report: CheckReport?

    static func output(_ text: String) -> ConsoleReply { ConsoleReply(type: "output", text: text) }
    static func error(_ text: String) -> ConsoleReply { ConsoleReply(type: "error", text: text) }
}
