import LessonKit

/// A lesson's quiz as a form: options as checkboxes (or a command field), answered all at once;
/// the page's script posts the answers and shows each question's feedback and explanation.
enum QuizForm {
    static func render(_ quiz: Quiz, lesson: Lesson) -> String {
        var out = "<h2 id=\"quiz\">Quiz</h2><form class=\"quiz\" data-lesson=\"\(lesson.slug.htmlEscaped)\">"
        for question in quiz.questions {
            out += "<fieldset class=\"question\" data-question=\"\(question.number)\"><legend>Question \(question.number)</legend>"
            out += "<p>\(HTMLRenderer().renderInline(markdown: question.prompt))</p>"
            switch question.answer {
            case .command:
                out += "<label>Your command: <input type=\"text\" name=\"q\(question.number)\" class=\"command-answer\" autocomplete=\"off\"></label>"
            case .choices(let letters):
                let type = letters.count > 1 ? "checkbox" : "radio"
                for option in question.options {
                    out += "<label class=\"option\"><input type=\"\(type)\" name=\"q\(question.number)\" value=\"\(option.letter)\"> "
                        + "<b>\(option.letter))</b> \(HTMLRenderer().renderInline(markdown: option.text))</label>"
                }
            }
            out += "<div class=\"feedback\"></div></fieldset>"
        }
        return out + "<button type=\"submit\" class=\"check-quiz\">Check my answers</button> <span class=\"quiz-score\"></span></form>\n"
    }
}
