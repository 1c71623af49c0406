/// The chat capstone: rooms, messages, and the Redis commands each action sends.
enum ChatPage {
    static func render() -> String {
        let body = """
            <h1>Chat capstone: Pub/Sub for live messages, a stream for history</h1>
            <p>Each room is a channel (<code>chat:room:NAME</code>) and its history a stream (<code>chat:history:NAME</code>). \
            Open this page in a second window, post in one and watch the other. Close one, post, reopen it: \
            it catches up with <code>XRANGE</code> from the last id it saw.</p>
            <p><label>Your name <input id="chat-name" value="guest" size="12"></label>
            <button id="chat-join">Join</button> <span id="chat-status"></span></p>
            <div class="chat">
            <div><b>Rooms</b><ul class="rooms" id="chat-rooms"><li data-room="lobby">lobby</li><li data-room="redis">redis</li><li data-room="random">random</li></ul></div>
            <div><div id="chat-messages" aria-live="polite"></div>
            <form id="chat-form"><input id="chat-text" autocomplete="off" size="40" placeholder="Say something"> <button>Post</button></form></div>
            <div><b>Redis commands sent</b><pre id="chat-commands"></pre></div>
            </div>
            """
        return PageLayout.page(title: "Chat", body: body, console: false, script: "/static/chat.js")
    }
}
