import Foundation
import RESP

extension ExerciseSession {
    /// The first error the learner's work met: their script's (it failed to load, or a check
    /// running it got an error), else the first error reply to one of their commands.
    func firstLearnerError() -> LearnerError? {
        if let scriptError = state.withLock({ $0.scriptError }) { return scriptError }
        guard let exchange = learner.exchanges.first(where: { $0.reply.isError }), case .error(let text) = exchange.reply else {
            return nil
        }
        return LearnerError(line: exchange.line > 0 ? exchange.line : nil, command: Self.commandText(exchange.command), reply: text.text)
    }

    /// `firstLearnerError()` with advice for an unknown command, the names asked of the server
    /// itself (COMMAND LIST), so live Redis and the simulator both suggest what they know.
    func learnerErrorWithAdvice() async -> LearnerError? {
        guard var error = firstLearnerError() else { return nil }
        guard UnknownCommandAdvice.isUnknownCommand(error.reply),
              let exchange = learner.exchanges.first(where: { $0.reply.isError }) else { return error }
        var names: [String] = []
        if let connection = try? await environment.connect() {
            if case .array(let items)? = try? await connection.send([Array("COMMAND".utf8), Array("LIST".utf8)]) {
                names = items.compactMap(\.stringValue)
            }
            await connection.close()
        }
        error.advice = UnknownCommandAdvice.advice(command: exchange.command, error: error.reply, known: names)
        return error
    }

    /// Files the first error a command running the learner's script got.
    func noteScriptError(_ reply: RESPValue, arguments: [String]) {
        guard script != nil, case .error(let text) = reply,
              arguments.contains(where: { $0 == "$SCRIPT" || $0 == "$SHA" }) else { return }
        state.withLock { if $0.scriptError == nil { $0.scriptError = LearnerError.script(reply: text.text) } }
    }
}
