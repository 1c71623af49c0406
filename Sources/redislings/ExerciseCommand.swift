import ArgumentParser

/// `redislings exercise …`: list, read and check exercises.
struct ExerciseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "List, show and check the hands-on exercises.",
        subcommands: [ExerciseListCommand.self, ExerciseShowCommand.self, ExerciseCheckCommand.self])
}
