import Foundation
import LessonKit

/// What an instructor grades at once: a name, its exercises (each worth its own points, or
/// points given here), and optionally a deadline and late penalty. Read from a YAML file:
///
/// ```yaml
/// name: Week 3 — messaging
/// exercises:
///   - ex-counter
///   - ex-publish: 12        # worth 12 points in this assignment (its checks scaled)
/// points: 20                # optional: the total, when no exercise names its points
/// deadline: 2026-12-01T23:59:00Z
/// late_penalty: 10%
/// ```
public struct Assignment: Sendable {
    public var name: String
    /// Exercise ids in order, each with the points it is worth here (nil: its own points).
    public var exercises: [(id: String, points: Double?)]
    /// The assignment's total, when given.
    public var points: Double?
    public var deadline: Date?
    public var latePenaltyPercent: Double?

    public init(name: String, exercises: [(id: String, points: Double?)], points: Double? = nil, deadline: Date? = nil, latePenaltyPercent: Double? = nil) {
        self.name = name
        self.exercises = exercises
        self.points = points
        self.deadline = deadline
        self.latePenaltyPercent = latePenaltyPercent
    }

    /// `catalog`'s exercises of this assignment, in its order, each worth what the assignment
    /// says; an id the catalog lacks is an error naming the file.
    public func select(from catalog: [GradedExercise], file: String) throws -> [GradedExercise] {
        var selected: [GradedExercise] = []
        for entry in exercises {
            guard var exercise = catalog.first(where: { $0.id == entry.id }) else {
                let close = catalog.map(\.id).filter { editDistance($0, entry.id) <= max(2, entry.id.count / 4) }
                throw GradingError(
                    "\(file): no exercise has the id \(entry.id)",
                    help: close.isEmpty ? "Exercise ids: \(catalog.map(\.id).joined(separator: ", "))." : "Did you mean \(close.joined(separator: ", "))?")
            }
            exercise.worth = entry.points
            selected.append(exercise)
        }
        if let points, exercises.allSatisfy({ $0.points == nil }) {
            // The total is shared out in proportion to each exercise's own points.
            let declared = selected.reduce(0) { $0 + $1.points }
            guard declared > 0 else { throw GradingError("\(file): the exercises are worth no points, so `points` cannot be shared out") }
            for index in selected.indices { selected[index].worth = points * Double(selected[index].points) / Double(declared) }
        } else if let points {
            let total = selected.reduce(0) { $0 + $1.maxScore }
            guard abs(total - points) < 0.005 else {
                throw GradingError(
                    "\(file): `points` is \(ReportText.points(points)) but the exercises add up to \(ReportText.points(total))",
                    help: "Make them agree, or leave out `points`.")
            }
        }
        return selected
    }
}
