@testable import Grading

/// Two small exercises for the tests that do not run Redis.
enum SampleExercises {
    static let counter = GradedExercise(
        id: "counter", title: "Count to three", answerKind: .redis, points: 10,
        checks: [.init(name: "counter is 3", points: 6), .init(name: "no extra keys", points: 4, hidden: true)],
        hints: ["Start from nothing.", "INCR adds one.", "INCR counter three times"])
    static let lock = GradedExercise(
        id: "lock", title: "A lock in Lua", answerKind: .lua, points: 5,
        checks: [.init(name: "takes the lock", points: 5)], hints: ["SET with NX."])
    static let all = [counter, lock]
}
