import ArgumentParser
import Basics
import LessonKit

/// "Did you mean" for a mistyped subcommand: `redislings lsit` would otherwise be taken as a
/// lesson for the default `learn`, and `redislings help nosuch` would print the overview and
/// succeed.
enum SubcommandSuggestion {
    /// The names of the top-level subcommands.
    static var names: [String] {
        Redislings.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// The subcommand closest to `word`, when it is close enough to be a typo of it.
    static func closest(to word: String) -> String? {
        let lowered = word.lowercased()
        guard !names.contains(lowered) else { return nil }
        let best = names.min { editDistance(lowered, $0) < editDistance(lowered, $1) }
        guard let best, editDistance(lowered, best) <= min(2, max(1, best.count / 2)) else { return nil }
        return best
    }

    /// The error for `redislings help WORD` when WORD is no subcommand, else nil.
    static func unknownHelpTopic(_ arguments: [String]) -> CommandLineError? {
        guard arguments.first == "help", arguments.count >= 2 else { return nil }
        let topic = arguments[1]
        guard !topic.hasPrefix("-"), !names.contains(topic) else { return nil }
        let close = closest(to: topic).map { "Did you mean '\($0)'? " } ?? ""
        return CommandLineError(
            message: "No subcommand '\(topic)'.",
            help: "\(close)Subcommands: \(names.filter { $0 != "help" }.joined(separator: ", ")).")
    }
}
