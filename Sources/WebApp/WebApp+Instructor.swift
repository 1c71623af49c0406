import Foundation
import Grading
import Hummingbird
import HummingbirdWebSocket
import LessonKit
import NIOCore

extension WebApp {
    /// `/instructor`: the latest grading run of `--gradebook DIR`, as `report.html` shows it.
    func addInstructorRoutes(to router: Router<BasicWebSocketRequestContext>) {
        let configuration = self.configuration, sessions = self.sessions
        router.get("/instructor") { request, _ -> Response in
            Self.html(PageLayout.page(title: "Instructor", body: Self.instructorBody(configuration.gradebook), console: false), request, sessions)
        }
    }

    static func instructorBody(_ gradebook: String?) -> String {
        guard let gradebook else {
            return "<h1>Instructor</h1><p>Start the server with <code>redislings web --gradebook DIR</code>, where DIR is the "
                + "<code>--out</code> folder of <code>redislings grade</code>, to see the class's latest grading run here.</p>"
        }
        let path = (gradebook as NSString).appendingPathComponent("results.json")
        let results: ClassResults
        do {
            results = try ResultsJSON.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            return "<h1>Instructor</h1><p class=\"missing\">\(path.htmlEscaped) could not be read: \(String(describing: error).htmlEscaped).</p>"
                + "<p>Run <code>redislings grade … --out \(gradebook.htmlEscaped)</code> first.</p>"
        }
        return ReportHTML.body(results)
    }
}
