import Exercises
import Foundation
import REPL
import Synchronization

/// One browser's session: the Redis its tabs share, the exercise in progress, and the consoles
/// open on it. The exercise is the learner's, not a tab's (as in the terminal, one is open at a
/// time): any tab may type towards it, `:check` it or ask a hint, and every tab shows its result.
/// A tab that replaces the simulator (`:reset`, starting an exercise) brings the others along.
final class BrowserSession: Sendable {
    /// What a console is told about its session by another tab.
    enum Notice: Sendable {
        /// The shared server was replaced; the text says by what.
        case serverReplaced(String)
        /// Something another tab did that this one should know (an exercise started on a live Redis).
        case told(String)
        /// An exercise was checked (in any tab).
        case checked(Exercise, ExerciseResult)
    }

    /// The Redis the tabs share.
    let backend: ReplBackend
    /// The exercises, shared by the tabs (nil: the course has none).
    let workbench: ExerciseWorkbench?
    private let consoles: Consoles

    /// A session on `backend`; `makeWorkbench` is given where to report each check's result.
    init(backend: ReplBackend, makeWorkbench: (@escaping @Sendable (Exercise, ExerciseResult) -> Void) -> ExerciseWorkbench?) {
        let consoles = Consoles()
        self.backend = backend
        self.consoles = consoles
        workbench = makeWorkbench { exercise, result in consoles.tell(.checked(exercise, result), except: nil) }
    }

    /// Registers a console, told each notice through `listener`; returns its number for `leave`.
    func join(_ listener: @escaping @Sendable (Notice) -> Void) -> Int { consoles.add(listener) }

    /// A console closed.
    func leave(_ console: Int) { consoles.remove(console) }

    /// Tells every console but `console`.
    func tell(_ notice: Notice, except console: Int) { consoles.tell(notice, except: console) }

    /// Ends the session: the exercise in progress stops (its peers disconnect; on a live Redis
    /// its keys go), and the session's server closes (on a live Redis: the keys it created and
    /// its ACL user are deleted).
    func close() async {
        await workbench?.end()
        await backend.close()
    }

    /// The consoles, by number.
    private final class Consoles: Sendable {
        private let listeners = Mutex<(next: Int, all: [Int: @Sendable (Notice) -> Void])>((0, [:]))

        func add(_ listener: @escaping @Sendable (Notice) -> Void) -> Int {
            listeners.withLock { state in
                state.next += 1
                state.all[state.next] = listener
                return state.next
            }
        }

        func remove(_ console: Int) { listeners.withLock { _ = $0.all.removeValue(forKey: console) } }

        func tell(_ notice: Notice, except console: Int?) {
            // Listeners are called outside the lock: they only queue an event for their console.
            let targets = listeners.withLock { state in state.all.filter { $0.key != console }.map(\.value) }
            for listener in targets { listener(notice) }
        }
    }
}
