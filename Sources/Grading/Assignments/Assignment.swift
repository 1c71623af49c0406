import Foundation
import LessonKit
import Yams

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
public struct Assignment: Sendable, Hashable {
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

    public static func == (lhs: Assignment, rhs: Assignment) -> Bool {
        lhs.name == rhs.name && lhs.exercises.map(\.id) == rhs.exercises.map(\.id) && lhs.exercises.map(\.points) == rhs.exercises.map(\.points)
            && lhs.points == rhs.points && lhs.deadline == rhs.deadline && lhs.latePenaltyPercent == rhs.latePenaltyPercent
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(exercises.map(\.id))
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

    /// Reads an assignment file; every mistake is an error naming the file and the field.
    public static func load(_ url: URL) throws -> Assignment {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw GradingError("cannot read the assignment \(url.path): \(error.localizedDescription)", help: "Pass --assignment with a YAML file you can read.")
        }
        return try parse(text, file: url.path)
    }

    /// Parses an assignment's YAML.
    public static func parse(_ text: String, file: String) throws -> Assignment {
        let help = "An assignment has `name`, `exercises` (a list of ids, each optionally `id: points`), and optionally `points`, `deadline` and `late_penalty`."
        let node: Any?
        do {
            // Times stay text, so a bare date keeps its meaning (the end of that day).
            node = try Yams.load(yaml: text, Resolver.default.removing(.timestamp))
        } catch let error as YamlError {
            throw GradingError("\(file): not YAML: \(error)", help: help)
        } catch {
            throw GradingError("\(file): not YAML: \(error)", help: help)
        }
        guard let fields = node as? [String: Any] else { throw GradingError("\(file): expected fields (name, exercises, …)", help: help) }
        let known: Set<String> = ["name", "exercises", "points", "deadline", "late_penalty"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw GradingError("\(file): unknown field `\(unknown)`", help: help)
        }
        guard let name = (fields["name"] as? String)?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw GradingError("\(file): `name` is missing or not text", help: help)
        }
        guard let list = fields["exercises"] as? [Any], !list.isEmpty else {
            throw GradingError("\(file): `exercises` must list at least one exercise id", help: help)
        }
        var exercises: [(id: String, points: Double?)] = []
        for (index, item) in list.enumerated() {
            let place = "\(file): exercises[\(index + 1)]"
            if let id = item as? String {
                exercises.append((id, nil))
            } else if let pair = item as? [String: Any], pair.count == 1, let (id, value) = pair.first {
                guard let points = number(value), points.isFinite, points >= 0 else {
                    throw GradingError("\(place): the points of \(id) must be a number, 0 or more", help: help)
                }
                exercises.append((id, points))
            } else {
                throw GradingError("\(place): expected an exercise id, or `id: points`", help: help)
            }
            if exercises.dropLast().contains(where: { $0.id == exercises.last!.id }) {
                throw GradingError("\(place): \(exercises.last!.id) is listed twice", help: help)
            }
        }
        var points: Double?
        if let value = fields["points"] {
            guard let total = number(value), total.isFinite, total > 0 else { throw GradingError("\(file): `points` must be a number above 0", help: help) }
            points = total
        }
        var deadline: Date?
        if let value = fields["deadline"] {
            let text = value as? String ?? (value as? Date).map { ReportText.iso8601($0) } ?? "\(value)"
            guard let date = LatePolicy.parseDeadline(text) else {
                throw GradingError("\(file): `deadline` \(text) is not a date", help: "Write it like 2026-12-01T23:59:00Z (or 2026-12-01 for the end of that day, UTC).")
            }
            deadline = date
        }
        var penalty: Double?
        if let value = fields["late_penalty"] {
            guard let percent = LatePolicy.parsePercent("\(value)") else {
                throw GradingError("\(file): `late_penalty` \(value) is not a percentage from 0 to 100", help: "Write it like 10 or 12.5%.")
            }
            penalty = percent
        }
        return Assignment(name: name, exercises: exercises, points: points, deadline: deadline, latePenaltyPercent: penalty)
    }

    private static func number(_ value: Any) -> Double? {
        if let value = value as? Int { return Double(value) }
        if let value = value as? Double { return value }
        return nil
    }
}
