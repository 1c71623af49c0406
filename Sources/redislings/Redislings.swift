import ArgumentParser
import Foundation

@main
struct Redislings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redislings",
        abstract: "Learn Redis Pub/Sub, Streams and their patterns, on a built-in Redis or a live one.",
        discussion: """
            Shell completion: `redislings --generate-completion-script bash` (or zsh, fish) prints \
            a script to install, e.g. in ~/.local/share/bash-completion/completions/redislings.
            """,
        subcommands: [
            LearnCommand.self,
            WebCommand.self,
            ListCommand.self,
            ShowCommand.self,
            ExerciseCommand.self,
            HintCommand.self,
            WatchCommand.self,
            QuizCommand.self,
            ReviewCommand.self,
            ProgressCommand.self,
            ResetCommand.self,
            DevCommand.self,
            ServeCommand.self,
            GradeCommand.self,
            GradebookCommand.self,
            GradeWorkerCommand.self,
        ],
        defaultSubcommand: LearnCommand.self)

    @OptionGroup var course: CourseOptions

    @Flag(name: .customLong("version"), help: "Show the version.")
    var showVersion = false

    /// Parses and runs as swift-argument-parser does, after two checks it does not make:
    /// `--version` (the parser only offers it without a default subcommand) and `help TOPIC`
    /// for a TOPIC that is no subcommand (it would print the overview and succeed).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] {
            print("redislings \(RedislingsVersion.current)")
            return
        }
        if let error = SubcommandSuggestion.unknownHelpTopic(arguments) {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
