import ArgumentParser

@main
struct Redislings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redislings",
        abstract: "Learn Redis Pub/Sub, Streams and their patterns, on a built-in Redis or a live one.",
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
}
