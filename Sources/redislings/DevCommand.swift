import ArgumentParser

/// `redislings dev …`: tools for people who write the course.
struct DevCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Tools for course authors.",
        subcommands: [DevCheckCommand.self])
}
