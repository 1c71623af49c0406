import Foundation
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import RESP
import REPL

/// The chat capstone, live: a room is a Pub/Sub channel and its history a stream. Posting is
/// `XADD` then `PUBLISH` of the new entry's id; a window that comes back asks `XRANGE` for what
/// came after the last id it saw, so nothing posted while it was away is lost. Every command is
/// sent to the page as well, so the pattern is visible.
struct ChatSocket {
    let browser: BrowserSession
    let room: String
    let name: String
    let lastSeen: String?
    let limits: WebLimits

    static func channel(_ room: String) -> String { "chat:room:" + room }
    static func stream(_ room: String) -> String { "chat:history:" + room }

    /// A room name or user name the page may use: 1 to 32 letters, digits, `-` or `_`.
    static func isValidName(_ text: String) -> Bool {
        (1...32).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// A stream id as XADD returns it (`1700000000000-0`).
    static func isStreamID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 20 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    struct Outgoing: Encodable {
        var type: String
        var text: String?
        var id: String?
        var user: String?
        var history: Bool?
        var count: Int?
    }

    /// What PUBLISH carries: the entry XADD stored, with its id, so a live window needs no second read.
    struct Posted: Codable {
        var id: String
        var user: String
        var text: String
    }

    struct Incoming: Decodable {
        var type: String
        var text: String?
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let subscriber: any RedisConnection, commands: any RedisConnection
        // A tab that replaces the browser's simulator (`:reset`, an exercise) ends this window's
        // connections to the old one: the page rejoins on the fresh one by itself.
        let member = browser.join { notice in
            guard case .serverReplaced = notice else { return }
            Task {
                await send(Outgoing(type: "error", text: "Another tab reset the simulator; rejoining on the fresh one."), outbound)
                try? await outbound.close(.normalClosure, reason: "the simulator was replaced")
            }
        }
        defer { browser.leave(member) }
        do {
            subscriber = try await browser.backend.connect()
            commands = try await browser.backend.connect()
        } catch {
            await send(Outgoing(type: "error", text: "No connection to Redis could be opened: \(error.message)"), outbound)
            return
        }
        defer { Task { await subscriber.close(); await commands.close() } }
        let (pushes, continuation) = AsyncStream<RESPValue>.makeStream()
        if !subscriber.deliverPushes(to: { continuation.yield($0) }) {
            let stream = subscriber.pushes
            Task { for await message in stream { continuation.yield(message) } }
        }
        // Subscribe first, then read the history: a message posted in between arrives both ways
        // and the page drops the repeat by id, where the other order could lose it.
        _ = await command(["SUBSCRIBE", Self.channel(room)], on: subscriber, outbound)
        let from = lastSeen.map { "(" + $0 } ?? "-"
        let history = await command(["XRANGE", Self.stream(room), from, "+", "COUNT", "500"], on: commands, outbound)
        var caughtUp = 0
        for entry in history?.arrayValue ?? [] {
            guard let message = Self.message(fromEntry: entry) else { continue }
            caughtUp += 1
            await send(Outgoing(type: "message", text: message.text, id: message.id, user: message.user, history: true), outbound)
        }
        await send(Outgoing(type: "caught-up", text: lastSeen, count: caughtUp), outbound)
        let forward = Task {
            for await push in pushes {
                guard let items = push.arrayValue, items.count == 3, items[0].stringValue == "message",
                      let payload = items[2].stringValue,
                      let posted = try? JSONDecoder().decode(Posted.self, from: Data(payload.utf8)) else { continue }
                await send(Outgoing(type: "message", text: posted.text, id: posted.id, user: posted.user, history: false), outbound)
            }
        }
        defer { forward.cancel(); continuation.finish() }
        do {
            for try await message in inbound.messages(maxSize: limits.maxMessageBytes) {
                guard case .text(let text) = message, let incoming = try? JSONDecoder().decode(Incoming.self, from: Data(text.utf8)),
                      incoming.type == "post", let body = incoming.text else {
                    await send(Outgoing(type: "error", text: "The chat reads {\"type\": \"post\", \"text\": \"…\"}; this window is closed. Reload it."), outbound)
                    try? await outbound.close(.unacceptableData, reason: "not a chat message")
                    return
                }
                let trimmed = String(body.prefix(2000))
                guard !trimmed.isEmpty else { continue }
                guard let id = await command(["XADD", Self.stream(room), "MAXLEN", "~", "10000", "*", "user", name, "text", trimmed], on: commands, outbound)?.stringValue
                else { continue }
                let payload = String(decoding: (try? JSONEncoder().encode(Posted(id: id, user: name, text: trimmed))) ?? Data(), as: UTF8.self)
                _ = await command(["PUBLISH", Self.channel(room), payload], on: commands, outbound)
            }
        } catch {
            await send(Outgoing(type: "error", text: "The message was larger than \(limits.maxMessageBytes) bytes; this window is closed. Reload it."), outbound)
            try? await outbound.close(.messageTooLarge, reason: "message too large")
        }
    }

    /// Sends `arguments` on `connection` and shows the page the command and its reply.
    private func command(_ arguments: [String], on connection: any RedisConnection, _ outbound: WebSocketOutboundWriter) async -> RESPValue? {
        let line = arguments.map { $0.contains(" ") || $0.isEmpty ? ReplyFormatter.quoted(Array($0.utf8)) : $0 }.joined(separator: " ")
        let reply: RESPValue
        do {
            reply = try await connection.send(strings: arguments)
        } catch {
            await send(Outgoing(type: "command", text: "> \(line)\n(error) \(error.message)"), outbound)
            return nil
        }
        let shown = ReplyFormatter.format(reply)
        await send(Outgoing(type: "command", text: "> \(line)\n" + (shown.count > 400 ? String(shown.prefix(400)) + " …" : shown)), outbound)
        return reply
    }

    /// An entry of the history stream: `[id, [user, U, text, T]]`.
    static func message(fromEntry entry: RESPValue) -> (id: String, user: String, text: String)? {
        guard let parts = entry.arrayValue, parts.count == 2, let id = parts[0].stringValue, let fields = parts[1].arrayValue else { return nil }
        var values: [String: String] = [:]
        var index = 0
        while index + 1 < fields.count {
            if let key = fields[index].stringValue, let value = fields[index + 1].stringValue { values[key] = value }
            index += 2
        }
        guard let user = values["user"], let text = values["text"] else { return nil }
        return (id, user, text)
    }

    private func send(_ message: Outgoing, _ outbound: WebSocketOutboundWriter) async {
        guard let data = try? JSONEncoder().encode(message) else { return }
        try? await outbound.write(.text(String(decoding: data, as: UTF8.self)))
    }
}
