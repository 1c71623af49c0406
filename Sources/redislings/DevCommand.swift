import ArgumentParser

/// `redislings dev …`: tools for people who write the course.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Tools for course authors.",
        subcommands: [DevCheckCommand.self])
}
