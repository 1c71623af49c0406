import Basics
import Foundation

/// The grading run as one HTML document (`report.html`): the class's charts, then each
/// student's checks, scores and overrides. The web app's instructor page shows the same body.
public enum ReportHTML {
    /// The whole self-contained page, to mail or put on an LMS.
    public static func page(_ results: ClassResults) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Grading report · \(ClassChartsSVG.escape(results.assignment ?? "redislings"))</title>
        <style>body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:1em auto;padding:0 1em}
        .charts{display:flex;flex-wrap:wrap;gap:1.5em}.student{border-top:1px solid #ddd;padding:.4em 0}
        .override{color:#8e24aa}.passed{color:#2e7d32}.failed{color:#c62828}td,th{padding:.1em .6em;text-align:left}</style>
        </head><body>
        \(body(results))
        </body></html>
        """
    }

    /// The report without its page: headline, charts per exercise, students.
    public static func body(_ results: ClassResults) -> String {
        var out = "<h1>Grading run \(ClassChartsSVG.escape(results.assignment ?? ""))</h1>"
        out += "<p>Graded \(ISO8601DateFormatter().string(from: results.gradedAt)) · \(count(results.students.count, "student")) · \(count(results.exercises.count, "exercise"))</p>"
        for exercise in results.summary.exercises {
            let title = results.exercises.first { $0.id == exercise.id }?.title ?? exercise.id
            out += "<section class=\"exercise\" id=\"exercise-\(ClassChartsSVG.escape(exercise.id))\"><h2>\(ClassChartsSVG.escape(title))</h2>"
            out += "<p>\(exercise.submitted) handed in, \(exercise.missing) missing, \(exercise.errors) could not be graded, \(exercise.passed) passed every check.</p>"
            out += "<div class=\"charts\">" + ClassChartsSVG.distribution(exercise) + ClassChartsSVG.passRates(exercise) + "</div></section>"
        }
        out += "<h2 id=\"students\">Students</h2>"
        for student in results.students {
            out += "<div class=\"student\"><h3>\(ClassChartsSVG.escape(student.student)) — \(ClassChartsSVG.number(student.score))/\(ClassChartsSVG.number(student.maxScore))</h3><table>"
            for grade in student.exercises {
                out += "<tr><th>\(ClassChartsSVG.escape(grade.exercise))</th><td>\(ClassChartsSVG.escape("\(grade.status)"))</td><td>\(ClassChartsSVG.number(grade.score))/\(ClassChartsSVG.number(grade.maxScore))</td><td>"
                if let error = grade.error { out += "<span class=\"failed\">\(ClassChartsSVG.escape(error))</span>" }
                // The report is the instructor's, like results.json: hidden checks are named, and marked.
                for check in grade.checks {
                    let passed = check.status == .passed
                    let name = check.hidden ? check.name + " (hidden)" : check.name
                    out += "<div class=\"\(passed ? "passed" : "failed")\">\(passed ? "✓" : "✗") \(ClassChartsSVG.escape(name)) (\(ClassChartsSVG.number(check.points))/\(ClassChartsSVG.number(check.maxPoints)))"
                    if !passed, !check.message.isEmpty { out += " — \(ClassChartsSVG.escape(check.message))" }
                    out += "</div>"
                }
                if let override = grade.override {
                    out += "<div class=\"override\">Override: \(ClassChartsSVG.number(override.score)) points — \(ClassChartsSVG.escape(override.comment))</div>"
                }
                out += "</td></tr>"
            }
            out += "</table></div>"
        }
        return out
    }
}
