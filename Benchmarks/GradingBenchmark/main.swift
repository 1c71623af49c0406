import Exercises
import Foundation
import Grading
import LessonKit
import RedisBackends

// Grades 1,000 generated submissions (250 students × 4 exercises: correct, partial, wrong and
// empty answers, commands and Lua) on the built-in simulator, in worker processes as
// `redislings grade` does, and prints the time. Run with: swift run -c release GradingBenchmark
// (`--jobs N` to change the parallelism; the default is the number of cores).

let lessonText = """
    ---
    number: 1
    title: "Benchmark"
    slug: benchmark
    ---

    # Benchmark
    """

let exerciseFiles: [String: String] = [
    "01-counter.md": """
        ---
        id: counter
        lesson: benchmark
        title: "Counter"
        points: 10
        keys: [counter]
        checks:
          - name: the counter is 3
            points: 6
            run: GET counter
            expect: "3"
            message: "counter does not hold 3."
          - name: it expires
            points: 4
            run: TTL counter
            expect: {between: [1, 60]}
            message: "counter does not expire within a minute."
        hints: [INCR, EXPIRE]
        solution: |
          INCR counter
        ---
        Count.
        """,
    "02-publish.md": """
        ---
        id: publish
        lesson: benchmark
        title: "Publish"
        points: 4
        keys: [news]
        peers:
          - name: listener
            steps: [SUBSCRIBE news]
        checks:
          - name: heard
            points: 4
            client: listener
            received:
              - [message, news, hello]
            message: "nothing heard."
        hints: [PUBLISH]
        solution: |
          PUBLISH news hello
        ---
        Publish.
        """,
    "03-lock.md": """
        ---
        id: lock
        lesson: benchmark
        title: "Lock"
        points: 6
        answer: lua
        keys: [lock]
        checks:
          - name: first
            points: 3
            run: EVAL $SCRIPT 1 lock a
            expect: 1
            message: "not taken."
          - name: second
            points: 3
            run: [EVAL $SCRIPT 1 lock a, EVAL $SCRIPT 1 lock b]
            expect: 0
            message: "taken twice."
        hints: [SET NX]
        solution: |
          return redis.call('SET', KEYS[1], ARGV[1], 'NX') and 1 or 0
        ---
        Lock.
        """,
    "04-stream.md": """
        ---
        id: stream
        lesson: benchmark
        title: "Stream"
        points: 5
        keys: [orders]
        checks:
          - name: two orders
            points: 3
            run: XLEN orders
            expect: 2
            message: "not two."
          - name: a group
            points: 2
            run: XINFO GROUPS orders
            expect: {length: 1}
            message: "no group."
        hints: [XADD]
        solution: |
          XADD orders * a 1
        ---
        Stream.
        """,
]

let answers: [(file: String, variants: [String])] = [
    ("counter.redis", ["INCR counter\nINCR counter\nINCR counter\nEXPIRE counter 60\n", "SET counter 3\n", "SET count 3\n", ""]),
    ("publish.redis", ["PUBLISH news hello\n", "PUBLISH news hi\n", "SET news hello\n", ""]),
    ("lock.lua", ["return redis.call('SET', KEYS[1], ARGV[1], 'NX') and 1 or 0\n", "return 1\n", "return 0\n", ""]),
    ("stream.redis", ["XADD orders * a 1\nXADD orders * a 2\nXGROUP CREATE orders g 0\n", "XADD orders * a 1\nXGROUP CREATE orders g 0\n", "XADD order * a 1\n", ""]),
]

let arguments = CommandLine.arguments
if arguments.count == 4, arguments[1] == "--worker" {
    // The worker side: load the generated course and serve requests on standard input.
    let lessons = try LessonCatalog.load(directory: arguments[2])
    let catalog = ExerciseCatalog.load(directory: arguments[3], lessons: lessons)
    await GradingWorker.serve(exercises: catalog.exercises, limits: .grading, backend: SimulatorBackend(), addressSpaceBytes: 2_048 << 20)
    exit(0)
}

let jobs = arguments.firstIndex(of: "--jobs").flatMap { Int(arguments[$0 + 1]) } ?? ProcessInfo.processInfo.activeProcessorCount
let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grading-benchmark-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: root) }
let lessonsDirectory = root.appendingPathComponent("Lessons")
let exercisesDirectory = root.appendingPathComponent("Exercises")
let classDirectory = root.appendingPathComponent("Class")
try FileManager.default.createDirectory(at: lessonsDirectory, withIntermediateDirectories: true)
try FileManager.default.createDirectory(at: exercisesDirectory.appendingPathComponent("benchmark"), withIntermediateDirectories: true)
try lessonText.write(to: lessonsDirectory.appendingPathComponent("01. Benchmark.md"), atomically: true, encoding: .utf8)
for (name, text) in exerciseFiles {
    try text.write(to: exercisesDirectory.appendingPathComponent("benchmark/\(name)"), atomically: true, encoding: .utf8)
}
for student in 0..<250 {
    let folder = classDirectory.appendingPathComponent(String(format: "student-%03d", student))
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (index, answer) in answers.enumerated() {
        let variant = answer.variants[(student + index) % answer.variants.count]
        try variant.write(to: folder.appendingPathComponent(answer.file), atomically: true, encoding: .utf8)
    }
}

let lessons = try LessonCatalog.load(directory: lessonsDirectory.path)
let catalog = ExerciseCatalog.load(directory: exercisesDirectory.path, lessons: lessons)
guard catalog.problems.isEmpty, catalog.exercises.count == 4 else {
    print("the generated exercises do not load: \(catalog.problems)")
    exit(1)
}
let exercises = catalog.exercises.map(GradedExercise.init)
let inventory = try SubmissionScanner(exercises: exercises).scan(classDirectory)
let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? arguments[0]
let grader = ProcessGrader(wallClock: .seconds(20), memoryBudgetText: "64 MB") { _ in
    [executable, "--worker", lessonsDirectory.path, exercisesDirectory.path]
}
let classGrader = ClassGrader(exercises: exercises, scheduler: GradingScheduler(parallelism: jobs, watchdog: .seconds(30)))
let started = ContinuousClock.now
let results = await classGrader.grade(inventory, with: grader)
let elapsed = ContinuousClock.now - started
grader.shutDown()

let submissions = results.students.reduce(0) { $0 + $1.exercises.filter { $0.status != .missing }.count }
let statuses = Dictionary(grouping: results.students.flatMap(\.exercises), by: \.status).mapValues(\.count)
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("Graded \(submissions) submissions of \(results.students.count) students with \(jobs) jobs in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", Double(submissions) / seconds)) submissions/s).")
print("Statuses: " + GradeStatus.allCases.map { "\($0.rawValue) \(statuses[$0] ?? 0)" }.joined(separator: ", "))
let total = results.students.reduce(0) { $0 + $1.score }
print("Points given: \(Int(total)) of \(Int(results.students.reduce(0) { $0 + $1.maxScore }))")
