import LessonKit

/// The frame every page shares: the stylesheet and script the binary serves, the navigation,
/// and (on pages that have one) the console.
enum PageLayout {
    /// A whole page around `body`; `console` adds the REPL panel, tied to `lesson` when given.
    static func page(title: String, body: String, console: Bool, lesson: String? = nil, script: String = "/static/app.js") -> String {
        let lessonAttribute = lesson.map { " data-lesson=\"\($0.htmlEscaped)\"" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title.htmlEscaped) · redislings</title>
            <link rel="stylesheet" href="/static/app.css">
            <script src="\(script)" defer></script>
            </head><body\(lessonAttribute)>
            <nav class="top"><a href="/" class="brand">redislings</a><a href="/">Lessons</a><a href="/chat">Chat capstone</a><a href="/instructor">Instructor</a></nav>
            <main class="\(console ? "with-console" : "")"><article id="content">
            \(body)
            </article>\(console ? consolePanel : "")</main>
            </body></html>
            """
    }

    static let consolePanel = """
        <section id="console" aria-label="Redis console">
        <header><span id="console-title">Console</span> <span id="console-state"></span>
        <span class="help">Tab completes · ↑/↓ history · :help lists meta-commands · open another tab to be a second client</span></header>
        <pre id="console-output" aria-live="polite"></pre>
        <div class="console-line"><span id="console-prompt">…</span><input id="console-input" autocomplete="off" spellcheck="false" aria-label="command"><span id="console-hint"></span></div>
        </section>
        """
}
