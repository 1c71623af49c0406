extension Exercise {
    /// How long a run waits in real time on a live Redis for the `advance` and `sleep` steps of
    /// its setup, peers and checks, in milliseconds (the simulator moves its clock instead).
    public var liveWaitMilliseconds: Int64 {
        var steps = setup + peers.flatMap(\.steps)
        for check in checks {
            if case .run(let checkSteps, _) = check.kind { steps += checkSteps }
        }
        return steps.reduce(0) { sum, step in
            switch step.action {
            case .advance(let milliseconds), .sleep(let milliseconds):
                let (next, overflow) = sum.addingReportingOverflow(max(0, milliseconds))
                return overflow ? .max : next
            default: return sum
            }
        }
    }
}
