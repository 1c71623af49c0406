import RESP
import RedisSimulator

/// Sends a text command to a simulator client and returns the reply (for one-line tests).
public func run(_ simulator: Simulator, _ client: SimulatorClient, _ arguments: String...) -> ExecutionResult {
    simulator.execute(arguments.map { Array($0.utf8) }, for: client)
}
