import RedisSimulator

extension SimulatorBackend {
    /// Every command the simulator knows, by name, with the words of its subcommands
    /// (`config` → `get`, `set`, …), for completion.
    public static var commandNames: [String: [String]] {
        var names: [String: [String]] = [:]
        for spec in CommandTable.standard.commands.values {
            names[spec.name] = spec.subcommands.compactMap { $0.name.split(separator: "|").last.map(String.init) }
        }
        return names
    }
}
