import Foundation
import Yams

extension Assignment {
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
