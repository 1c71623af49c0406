import LessonKit

extension MetaCommandTable {
    /// The meta-commands that move through the course and run a lesson's examples.
    public static let lessons = MetaCommandTable([
        MetaCommand(":lesson", usage: "[N]", summary: "Read the current lesson, or open lesson N (number or slug)") { session, words in
            guard let course = session.requireCourse() else { return }
            if let wanted = words.first {
                guard let lesson = course.catalog.lesson(matching: wanted),
                      let index = course.catalog.lessons.firstIndex(where: { $0.slug == lesson.slug }) else {
                    session.say("No lesson '\(wanted)'. Lessons: \(CourseNavigator.listing(course.catalog)).")
                    return
                }
                session.moveCourse(course, to: index)
            }
            session.showLesson(course)
        },
        MetaCommand(":lessons", summary: "List the lessons; * marks the current one") { session, _ in
            guard let course = session.requireCourse() else { return }
            for (index, lesson) in course.catalog.lessons.enumerated() {
                session.say("\(index == course.position ? "*" : " ") \(lesson.paddedNumber)  \(lesson.title)")
            }
        },
        MetaCommand(":next", summary: "Go to the next lesson") { session, _ in
            guard let course = session.requireCourse() else { return }
            guard course.position + 1 < course.catalog.lessons.count else {
                session.say("This is the last lesson. :lessons lists them all.")
                return
            }
            session.moveCourse(course, to: course.position + 1)
            session.say(course.introduction)
        },
        MetaCommand(":prev", summary: "Go back to the previous lesson") { session, _ in
            guard let course = session.requireCourse() else { return }
            guard course.position > 0 else {
                session.say("This is the first lesson. :lessons lists them all.")
                return
            }
            session.moveCourse(course, to: course.position - 1)
            session.say(course.introduction)
        },
        MetaCommand(":run", usage: "N", summary: "Run the lesson's Nth redis example, command by command") { session, words in
            guard let course = session.requireCourse() else { return }
            let blocks = course.current.runnableBlocks
            guard !blocks.isEmpty else {
                session.say("Lesson \(course.current.paddedNumber) has no runnable examples.")
                return
            }
            guard words.count == 1, let number = Int(words[0]), (1...blocks.count).contains(number) else {
                // Say what was wrong before listing what there is.
                if words.count > 1 {
                    session.say(":run takes one number, not \(words.count) words.")
                } else if let word = words.first {
                    session.say(Int(word) == nil
                        ? "'\(word)' is not a number."
                        : "Lesson \(course.current.paddedNumber) has no example \(word): its examples are 1 to \(blocks.count).")
                }
                session.say("Usage: :run N, where N is 1 to \(blocks.count). The examples of lesson \(course.current.paddedNumber):")
                for (index, block) in blocks.enumerated() {
                    let commands = block.commands
                    let more = commands.count > 1 ? "  (+\(commands.count - 1) more)" : ""
                    session.say("  \(index + 1)) \(commands.first?.text ?? "(empty)")\(more)")
                }
                return
            }
            for command in blocks[number - 1].commands {
                session.say(session.prompt + command.text)
                await session.runScriptedLine(command.text)
            }
        },
    ])
}

extension ReplSession {
    /// The course, or nil after telling the learner there is none.
    func requireCourse() -> CourseNavigator? {
        if course == nil { say("No course is loaded: start redislings where it can find its Lessons folder (--lessons DIR).") }
        return course
    }

    /// Moves `course` to lesson `index`, telling the learner when the move could not be saved.
    func moveCourse(_ course: CourseNavigator, to index: Int) {
        do {
            try course.move(to: index)
        } catch {
            notice("warning: your place could not be saved: \(error)")
        }
    }

    /// Shows the current lesson, through the pager when the course asks for it.
    func showLesson(_ course: CourseNavigator) {
        course.lessonRead?(course.current)
        let text = course.rendered()
        if course.usePager {
            Pager.show(text, enabled: true, environment: course.environment)
        } else {
            output.write(text.hasSuffix("\n") ? text : text + "\n")
        }
    }
}

extension MetaCommandTable {
    /// Every meta-command of the learner's REPL: `:help`, the course's, then the rest.
    public static let learner = MetaCommandTable(
        Array(standard.commands.prefix(1)) + lessons.commands + exercises.commands + standard.commands.dropFirst())
}
