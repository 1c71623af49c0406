import Foundation
import Hummingbird
import HummingbirdWebSocket
import LessonKit
import NIOCore
import Quizzes

extension WebApp {
    /// The HTML pages, the static files, and the quiz's answers.
    func addPageRoutes(to router: Router<BasicWebSocketRequestContext>) {
        let configuration = self.configuration, sessions = self.sessions
        router.get("/") { request, _ -> Response in
            let progress = LearnerProgress.load(configuration.openProgress)
            return Self.html(CatalogPage.render(catalog: configuration.catalog, exercises: configuration.exercises, progress: progress), request, sessions)
        }
        router.get("/lessons/:slug") { request, context -> Response in
            let slug = context.parameters.get("slug") ?? ""
            guard let lesson = configuration.catalog.lesson(matching: slug) else {
                return Self.notFound("No lesson '\(slug)' in this course.")
            }
            Self.recordRead(lesson, configuration)
            return Self.html(LessonPage.render(lesson, catalog: configuration.catalog, exercises: configuration.exercises), request, sessions)
        }
        router.get("/exercises/:id") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let exercise = configuration.exercises?.exercise(matching: id) else {
                return Self.notFound("No exercise '\(id)' in this course.")
            }
            return Self.html(ExercisePage.render(exercise, catalog: configuration.catalog), request, sessions)
        }
        router.post("/quiz/:slug") { request, context -> Response in
            let slug = context.parameters.get("slug") ?? ""
            guard let lesson = configuration.catalog.lesson(matching: slug), let quiz = lesson.quiz else {
                return Self.json(QuizEndpoint.Failure(error: "No quiz for lesson '\(slug)'."), status: .notFound)
            }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: configuration.limits.maxMessageBytes)
            } catch {
                return Self.json(QuizEndpoint.Failure(error: "The answers are larger than \(configuration.limits.maxMessageBytes) bytes."), status: .contentTooLarge)
            }
            guard let submission = try? JSONDecoder().decode(QuizEndpoint.Submission.self, from: Data(buffer: body)) else {
                return Self.json(QuizEndpoint.Failure(error: "Expected JSON like {\"answers\": {\"1\": \"B\"}}."), status: .badRequest)
            }
            let graded = await QuizEndpoint.grade(submission, quiz: quiz, lesson: lesson, configuration: configuration)
            return Self.json(graded, status: .ok)
        }
        for (path, file) in Assets.files {
            router.get(RouterPath(path)) { _, _ -> Response in
                Response(
                    status: .ok, headers: [.contentType: file.contentType, .cacheControl: "no-cache"],
                    body: .init(byteBuffer: ByteBuffer(string: file.body)))
            }
        }
        addInstructorRoutes(to: router)
    }

    /// An HTML page, giving the browser a session cookie when it has none this server keeps.
    static func html(_ page: String, _ request: Request, _ sessions: BrowserSessions) -> Response {
        var response = Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
        if let id = request.cookies[BrowserSessions.cookieName]?.value, sessions.knows(id) { return response }
        let id = BrowserSessions.newID()
        sessions.open(id)
        response.setCookie(Cookie(name: BrowserSessions.cookieName, value: id, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    static func notFound(_ message: String) -> Response {
        let page = PageLayout.page(title: "Not found", body: "<h1>Not found</h1><p>\(message.htmlEscaped) <a href=\"/\">See the lessons.</a></p>", console: false)
        return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func recordRead(_ lesson: Lesson, _ configuration: WebAppConfiguration) {
        // Reading must not fail because the record cannot be written: the page still shows.
        try? configuration.openProgress().recordLessonRead(lesson: lesson.progressKey, at: Date())
    }
}
