import Exercises
import Foundation
import HummingbirdWebSocket
import LessonKit
import NIOCore
import NIOWebSocket
import REPL
import Synchronization

/// One page's console: a REPL session over a WebSocket, the second front end over the same
/// `ReplSession` the terminal uses. Lines, lesson blocks, pushed messages and what the browser
/// session's other tabs did are handled one at a time, in the order they arrive.
struct ConsoleSocket {
    let session: ReplSession
    let browser: BrowserSession
    let output: ConsoleOutput
    let catalog: LessonCatalog
    let limits: WebLimits
    let completer: Completer
    let hints: ArgumentHints

    enum Event: Sendable {
        case message(WebSocketMessage)
        case pushes
        case tooLarge
        case fromSession(BrowserSession.Notice)
    }

    /// Runs the console until the page closes it or sends something it cannot read.
    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let (events, continuation) = AsyncStream<Event>.makeStream()
        // One push event waits at a time: a flood of messages is printed in batches, not queued one by one.
        let pushPending = Mutex(false)
        session.onPush {
            let schedule = pushPending.withLock { pending -> Bool in
                defer { pending = true }
                return !pending
            }
            if schedule { continuation.yield(.pushes) }
        }
        let maxMessage = limits.maxMessageBytes
        let reader = Task {
            var iterator = inbound.messages(maxSize: maxMessage).makeAsyncIterator()
            do {
                while let message = try await iterator.next() { continuation.yield(.message(message)) }
            } catch {
                continuation.yield(.tooLarge)
            }
            continuation.finish()
        }
        defer { reader.cancel() }
        let member = browser.join { continuation.yield(.fromSession($0)) }
        await send(promptReply(), on: outbound)
        events: for await event in events {
            switch event {
            case .fromSession(.serverReplaced(let reason)):
                // Another tab replaced the server: this one follows (unless it has already).
                guard session.connectedServer !== session.backend.server else { continue }
                if await session.reconnect() { session.say(reason) }
                await flush(on: outbound)
            case .fromSession(.told(let text)):
                session.say(text)
                await flush(on: outbound)
            case .fromSession(.checked(let exercise, let result)):
                await send(ConsoleReply(type: "result", report: CheckReport(exercise, result)), on: outbound)
            case .pushes:
                pushPending.withLock { $0 = false }
                session.showWaitingPushes()
                await flush(on: outbound)
            case .tooLarge:
                await refuse("The message was larger than \(maxMessage) bytes; this console is closed. Reload the page to open a new one.", code: .messageTooLarge, on: outbound)
                break events
            case .message(let message):
                let exerciseBefore = session.exercises?.active, serverBefore = session.connectedServer
                guard await handle(message, on: outbound) else { break events }
                let exerciseAfter = session.exercises?.active
                let started = exerciseAfter.flatMap { $0 !== exerciseBefore ? $0.exercise : nil }
                // This tab's line moved it to a new server (`:reset`, an exercise): the others follow.
                // A server another tab replaced meanwhile is not this line's: its notice is on its way.
                if session.connectedServer !== serverBefore {
                    browser.tell(.serverReplaced(started.map { Self.startedText($0, freshServer: true) } ?? Self.resetText), except: member)
                } else if let started {
                    // On a live Redis an exercise starts on the same server: the other tabs are only told.
                    browser.tell(.told(Self.startedText(started, freshServer: false)), except: member)
                }
            }
            if session.isFinished {
                try? await outbound.close(.normalClosure, reason: "quit")
                break events
            }
        }
        continuation.finish()
        browser.leave(member)
        session.onPush(nil)
        await session.detach()
    }

    /// What the other tabs are told when this one started `exercise` (on a fresh simulator, or on the live Redis they share).
    static func startedText(_ exercise: Exercise, freshServer: Bool) -> String {
        "Another tab started exercise \(exercise.shortName) \(exercise.title)"
            + (freshServer ? " on a fresh simulator; this console is connected to it now, so" : ";")
            + " what you type here counts for the exercise, and :check here checks it."
    }

    /// What the other tabs are told when this one reset the simulator.
    static let resetText = "Another tab reset the simulator (no keys, no clients, clock back to real time); this console is connected to the fresh one now."

    /// Handles one message; false when the socket was closed for sending junk.
    private func handle(_ message: WebSocketMessage, on outbound: WebSocketOutboundWriter) async -> Bool {
        guard case .text(let text) = message else {
            await refuse("This console reads JSON text messages, not binary ones; it is closed. Reload the page.", code: .unacceptableData, on: outbound)
            return false
        }
        let request: ConsoleRequest
        do {
            request = try JSONDecoder().decode(ConsoleRequest.self, from: Data(text.utf8))
        } catch {
            await refuse("The message is not the console's JSON ({\"type\": \"line\", \"text\": \"PING\"}); this console is closed. Reload the page.", code: .unacceptableData, on: outbound)
            return false
        }
        if let line = request.text, line.utf8.count > limits.maxLineBytes {
            await send(.error("That line is longer than \(limits.maxLineBytes) bytes; it was not run."), on: outbound)
            return true
        }
        switch request.type {
        case "line":
            await session.handle(line: request.text ?? "")
            await flush(on: outbound)
        case "run":
            await runBlock(lesson: request.lesson ?? "", index: request.block ?? -1)
            await flush(on: outbound)
        case "complete":
            let (word, candidates) = completer.candidates(for: request.text ?? "")
            await send(ConsoleReply(type: "completions", word: word, candidates: candidates), on: outbound)
        case "hint":
            await send(ConsoleReply(type: "hint", text: hints.hint(for: request.text ?? "") ?? ""), on: outbound)
        default:
            await refuse("Unknown message type '\(request.type.prefix(40))' (expected line, run, complete or hint); this console is closed. Reload the page.", code: .unacceptableData, on: outbound)
            return false
        }
        return true
    }

    private func runBlock(lesson slug: String, index: Int) async {
        guard let lesson = catalog.lesson(matching: slug) else {
            session.say("No lesson '\(slug.prefix(60))'.")
            return
        }
        let blocks = lesson.runnableBlocks
        guard blocks.indices.contains(index) else {
            session.say("Lesson \(lesson.paddedNumber) has no redis block \(index + 1).")
            return
        }
        for command in blocks[index].commands {
            session.say(session.prompt + command.text)
            await session.runScriptedLine(command.text)
        }
    }

    private func flush(on outbound: WebSocketOutboundWriter) async {
        var text = output.take()
        if text.utf8.count > limits.maxOutputBytes {
            text = String(decoding: text.utf8.prefix(limits.maxOutputBytes), as: UTF8.self)
                + "\n… (output cut at \(limits.maxOutputBytes) bytes; narrow the command, e.g. LRANGE key 0 99)\n"
        }
        if !text.isEmpty { await send(.output(text), on: outbound) }
        await send(promptReply(), on: outbound)
    }

    private func promptReply() -> ConsoleReply {
        ConsoleReply(type: "prompt", text: session.prompt, transaction: session.state.inTransaction, subscribed: session.state.isSubscribed)
    }

    private func refuse(_ message: String, code: WebSocketErrorCode, on outbound: WebSocketOutboundWriter) async {
        await send(.error(message), on: outbound)
        try? await outbound.close(code, reason: String(message.prefix(100)))
    }

    private func send(_ reply: ConsoleReply, on outbound: WebSocketOutboundWriter) async {
        guard let data = try? JSONEncoder().encode(reply) else { return }
        try? await outbound.write(.text(String(decoding: data, as: UTF8.self)))
    }
}
