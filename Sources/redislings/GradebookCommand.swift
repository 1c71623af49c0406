import ArgumentParser

/// `redislings gradebook …`: the instructor's gradebook kept by `redislings grade`.
struct GradebookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradebook",
        abstract: "Read the gradebook that `redislings grade` keeps, and set grades by hand.",
        subcommands: [GradebookExportCommand.self, GradebookOverrideCommand.self, GradebookRunsCommand.self])
}
