/// `junit.xml`: a test suite per student, a test case per exercise check, for CI dashboards.
/// Hidden checks appear as "hidden check N", without their message, as students see them.
public enum JUnitXML {
    /// The report as a JUnit XML document.
    public static func render(_ results: ClassResults) -> String {
        var suites: [String] = []
        var totalTests = 0, totalFailures = 0, totalErrors = 0
        for student in results.students {
            var cases: [String] = []
            var failures = 0, errors = 0
            for grade in student.exercises {
                let names = ReportText.studentNames(of: grade.checks)
                for (check, name) in zip(grade.checks, names) {
                    let points = "\(ReportText.points(check.points))/\(ReportText.points(check.maxPoints)) points"
                    var body = "      <system-out>\(escape(points))</system-out>\n"
                    if grade.status != .error, let error = grade.error {
                        body += "      <system-err>\(escape("the student's code met an error: " + ReportText.capped(error)))</system-err>\n"
                    }
                    let message = check.hidden ? "\(name) failed" : ReportText.capped(check.message)
                    switch (grade.status, check.status) {
                    case (_, .passed):
                        break
                    case (.missing, _):
                        failures += 1
                        body = "      <failure message=\"\(escape("no submission"))\" type=\"missing\"/>\n" + body
                    case (_, .failed):
                        failures += 1
                        body = "      <failure message=\"\(escape(message))\" type=\"failed\"/>\n" + body
                    case (_, .error):
                        errors += 1
                        let reason = ReportText.capped(grade.error ?? check.message)
                        body = "      <error message=\"\(escape(reason))\" type=\"error\"/>\n" + body
                    }
                    cases.append("    <testcase classname=\"\(escape("\(student.student).\(grade.exercise)"))\" name=\"\(escape(name))\">\n\(body)    </testcase>")
                }
            }
            totalTests += cases.count
            totalFailures += failures
            totalErrors += errors
            suites.append(
                "  <testsuite name=\"\(escape(student.student))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
                    + cases.map { $0 + "\n" }.joined() + "  </testsuite>")
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="redislings grading" tests="\(totalTests)" failures="\(totalFailures)" errors="\(totalErrors)">
            \(suites.map { $0 + "\n" }.joined())</testsuites>

            """
    }

    /// `text` safe inside an XML attribute or element: markup escaped, characters XML 1.0
    /// forbids (control characters) replaced.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            case "\t": result += "&#9;"
            case "\r": result += "&#13;"
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) || (0xD800...0xDFFF).contains(scalar.value) {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
