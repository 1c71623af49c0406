extension CourseNavigator {
    /// The id of the exercise the learner was doing, from the state file.
    public var savedExercise: String? { state["exercise"] }

    /// Remembers the exercise in progress (nil: none) in the state file.
    public func rememberExercise(_ id: String?) throws(StateFileError) {
        state["exercise"] = id
        try store?.save(state)
    }
}
