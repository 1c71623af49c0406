extension ClassResults {
    /// The results with the instructor's overrides in force, totals recomputed.
    public func applying(_ overrides: [GradeKey: GradeOverride]) -> ClassResults {
        guard !overrides.isEmpty else { return self }
        var copy = self
        copy.students = students.map { student in
            StudentResult(student: student.student, exercises: student.exercises.map { grade in
                grade.overridden(by: overrides[GradeKey(student: student.student, exercise: grade.exercise)])
            })
        }
        copy.summary = ClassSummary(exercises: exercises, students: copy.students)
        return copy
    }
}
