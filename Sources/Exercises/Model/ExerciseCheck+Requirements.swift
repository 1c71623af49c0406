import Foundation

extension ExerciseCheck {
    /// True when a reply to `arguments` may satisfy this check (always, without `command`).
    public func accepts(command arguments: [String]) -> Bool {
        guard let command else { return true }
        let text = arguments.joined(separator: " ")
        return text.range(of: command, options: [.regularExpression, .caseInsensitive]) != nil
    }
}

extension Exercise {
    /// `results` (one per check, in order) with every check whose `requires` did not all pass
    /// turned into a failure worth nothing; applied in order, so requirements chain.
    public func applyingRequirements(to results: [CheckResult]) -> [CheckResult] {
        var results = results
        var passed: [String: Bool] = [:]
        for (index, check) in checks.enumerated() where index < results.count {
            let missing = check.requires.filter { passed[$0] != true }
            if !missing.isEmpty, results[index].status == .passed {
                results[index].status = .failed
                results[index].points = 0
                let first = checks.first { $0.name == missing[0] }
                let named = first?.hidden == true ? "an earlier check" : "`\(missing[0])`"
                results[index].message = "\(check.message) (This counts only once \(named) passes.)"
            }
            passed[check.name] = results[index].status == .passed
        }
        return results
    }
}
