import LessonKit
import Synchronization

/// The learner's place in the course: the catalog, the current lesson, and the state file
/// that remembers it between sessions.
public final class CourseNavigator: @unchecked Sendable {
    /// The lessons, in reading order.
    public let catalog: LessonCatalog
    /// The index of the current lesson in `catalog.lessons`.
    public private(set) var position: Int
    /// How lessons are rendered for `:lesson`.
    public var renderer: TerminalRenderer
    /// When true, `:lesson` goes through the pager (on a terminal).
    public var usePager: Bool
    /// The environment the pager reads (`PAGER`, `LESS`).
    public var environment: [String: String]
    /// Called with the lesson each time the learner opens one to read (`:lesson`), so the
    /// program can record it; nil records nothing.
    public var lessonRead: (@Sendable (Lesson) -> Void)?
    /// Called with a lesson and the seconds the learner spent on it, when they move to another
    /// lesson and when the session ends (`finishTiming`); nil records nothing.
    public var timeSpent: (@Sendable (Lesson, Double) -> Void)?
    /// A stretch on one lesson counts for at most this long: a session left open overnight is
    /// not an evening of study.
    public static let longestCountedStretch: Double = 3600
    /// The lesson being timed and since when; the session's clock records from its own task
    /// while the learner sits at the prompt, so it is guarded.
    private let stretch: Mutex<(lesson: Int, since: ContinuousClock.Instant)>
    let store: StateStore?
    var state: LearnerState

    /// A navigator at `position`, saving moves to `store` (nil: nothing is saved).
    public init(
        catalog: LessonCatalog, position: Int, store: StateStore?, state: LearnerState,
        renderer: TerminalRenderer = TerminalRenderer(), usePager: Bool = false, environment: [String: String] = [:]
    ) {
        precondition(!catalog.lessons.isEmpty, "a course needs at least one lesson")
        self.catalog = catalog
        self.position = min(max(0, position), catalog.lessons.count - 1)
        stretch = Mutex((lesson: self.position, since: .now))
        self.store = store
        self.state = state
        self.renderer = renderer
        self.usePager = usePager
        self.environment = environment
    }

    /// The current lesson.
    public var current: Lesson { catalog.lessons[position] }

    /// Where a session starts: the lesson asked for, else the saved one, else the first. A
    /// requested lesson that does not exist is an error naming what exists; a saved one that
    /// no longer exists starts at the first lesson, with a note.
    public static func startPosition(
        in catalog: LessonCatalog, requested: String?, state: LearnerState
    ) -> (position: Int?, note: String?) {
        if let requested {
            guard let lesson = catalog.lesson(matching: requested),
                  let index = catalog.lessons.firstIndex(where: { $0.slug == lesson.slug }) else {
                return (nil, "No lesson '\(requested)'. Lessons: \(listing(catalog)).")
            }
            return (index, nil)
        }
        if let saved = state.lesson {
            if let index = catalog.lessons.firstIndex(where: { $0.slug == saved }) { return (index, nil) }
            return (0, "The lesson you were reading ('\(saved)') is no longer in the course; starting at the first one.")
        }
        return (0, nil)
    }

    /// The lessons as `03 redis-caching-strategies, 14 …`.
    public static func listing(_ catalog: LessonCatalog) -> String {
        catalog.lessons.map { "\($0.paddedNumber) \($0.slug)" }.joined(separator: ", ")
    }

    /// Makes lesson `index` current and saves it.
    public func move(to index: Int) throws(StateFileError) {
        let now = ContinuousClock.now
        position = min(max(0, index), catalog.lessons.count - 1)
        endStretch(at: now, thenTiming: position)
        try save()
    }

    /// How often time is recorded by default while the learner works: a session that ends
    /// without a goodbye (a crash, a closed terminal) loses at most about this much.
    public static let recordingInterval: Duration = .seconds(30)
    /// How often time is recorded while the learner works (`recordingInterval` unless set).
    public var recordingInterval: Duration = CourseNavigator.recordingInterval

    /// Reports the time spent on the current lesson since it was entered (or last reported),
    /// and starts counting again.
    public func finishTiming(at now: ContinuousClock.Instant = .now) {
        endStretch(at: now)
    }

    /// Reports the time so far when `recordingInterval` has passed since the last report. The
    /// session calls it after every line and on a clock of its own while the prompt waits, so
    /// time is kept as it accrues, even while the learner reads without typing.
    public func recordTimeIfDue(at now: ContinuousClock.Instant = .now) {
        endStretch(at: now, ifItLasted: recordingInterval)
    }

    /// Ends the stretch being timed at `now` and reports it (only once it has lasted `minimum`,
    /// when given); the next stretch times lesson `next`, or the same lesson again.
    ///
    /// The report is made while the stretch is held, so reports come one after another: when a
    /// hang-up's report and the session's own last one meet, the second (after which the
    /// process ends) waits for the first to be written instead of ending it half-way.
    private func endStretch(at now: ContinuousClock.Instant, ifItLasted minimum: Duration? = nil, thenTiming next: Int? = nil) {
        let catalog = self.catalog, report = timeSpent
        stretch.withLock { stretch in
            if let minimum, now - stretch.since < minimum { return }
            let ended = stretch.lesson, elapsed = now - stretch.since
            // A caller that read the clock before another's report took its turn ends nothing.
            stretch = (lesson: next ?? ended, since: max(now, stretch.since))
            guard elapsed > .zero else { return }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            report?(catalog.lessons[ended], min(seconds, Self.longestCountedStretch))
        }
    }

    /// Saves the current lesson in the state file.
    public func save() throws(StateFileError) {
        state.lesson = current.slug
        try store?.save(state)
    }

    /// The lesson's title and how to read it and try it.
    public var introduction: String {
        let lesson = current
        let blocks = lesson.runnableBlocks.count
        let run = blocks == 0 ? "" : blocks == 1 ? ", :run 1 runs its example" : ", :run 1 … :run \(blocks) run its examples"
        return "Lesson \(lesson.paddedNumber) (\(position + 1) of \(catalog.lessons.count)): \(lesson.title)\n"
            + "Type :lesson to read it\(run), :next for the next lesson, :help for more."
    }

    /// The current lesson rendered for the terminal.
    public func rendered() -> String {
        // Links to other lessons name the lesson and the meta-command that opens it, as `show`
        // names its command, rather than the raw file target.
        var renderer = self.renderer
        let catalog = self.catalog, lesson = current
        renderer.linkNote = { catalog.linkNote($0, from: lesson) { ":lesson \($0.paddedNumber)" } }
        return renderer.render(lesson, catalog: catalog)
    }
}
