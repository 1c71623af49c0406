import Foundation
import LessonKit

// Generates a course of 1,000 lessons in a temporary folder, each the size of a real lesson
// (front matter, sections, redis/python/json blocks, a table, links, a 12-question quiz), and
// times loading the catalog. Run with: swift run -c release CatalogBenchmark
let lessonCount = 1_000
let runs = 5
let directory = NSTemporaryDirectory() + "catalog-benchmark-" + UUID().uuidString
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }

func fileName(_ number: Int) -> String { String(format: "%04d. Generated Lesson %d.md", number, number) }

func lesson(_ number: Int) -> String {
    let previous = number > 1 ? "[generated-lesson-\(number - 1)]" : "[]"
    let link = number > 1 ? "[the previous lesson](./\(fileName(number - 1).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!))" : "the start"
    var text = """
    ---
    number: \(number)
    title: "Generated Lesson \(number)"
    slug: generated-lesson-\(number)
    level: intermediate
    tags: [redis, pubsub, streams]
    prerequisites: \(previous)
    estimated_minutes: 45
    contributors: ["benchmark"]
    diagrams: []
    examples: []
    canonical_id: generated-\(number)
    ---

    # Generated Lesson \(number)

    This lesson follows \(link). It has **strong** words, *emphasis* and `inline code`.

    """
    for section in 1...8 {
        text += """

        ## Section \(section)

        A paragraph that explains the idea of section \(section) with enough words to wrap over
        several lines, so the parser and the loader see the kind of text a real lesson holds.

        - ✅ Use Streams when messages must not be lost
        - ❌ Expect Pub/Sub to keep messages for later

        ```redis
        # section \(section)
        SET lesson:\(number):\(section) "value \(section)" EX 60
        PUBLISH news "section \(section)"
        XADD events * kind section n \(section)
        ```

        | Command | Reply |
        |---------|-------|
        | PUBLISH | receivers |
        | XADD | the entry id |

        ```python
        r.publish("news", json.dumps({"section": \(section)}))
        ```

        """
    }
    text += "\n## Quiz\n"
    for question in 1...12 {
        text += """

        ### Question \(question)
        What does command \(question) reply with?

        **A)** OK
        **B)** The number of receivers
        **C)** An id
        **D)** Nothing

        **Answer: B** - Explanation for question \(question).

        """
    }
    return text
}

for number in 1...lessonCount {
    try lesson(number).write(toFile: directory + "/" + fileName(number), atomically: false, encoding: .utf8)
}

/// CPU time used by this process so far (all threads), in seconds.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

var timings: [Double] = []
var cpuTimings: [Double] = []
var catalog: LessonCatalog?
for _ in 1...runs {
    catalog = nil
    let cpuStart = processCPUSeconds()
    let start = ContinuousClock.now
    catalog = try LessonCatalog.load(directory: directory)
    let elapsed = ContinuousClock.now - start
    cpuTimings.append(processCPUSeconds() - cpuStart)
    timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
guard let catalog, catalog.lessons.count == lessonCount, catalog.problems.isEmpty else {
    print("error: the generated course did not load cleanly: \(catalog?.lessons.count ?? 0) lessons, \(catalog?.problems.prefix(3) ?? [])")
    exit(1)
}
let checkStart = ContinuousClock.now
let problems = catalog.check()
let checkTime = ContinuousClock.now - checkStart
timings.sort()
let median = timings[timings.count / 2]
print(String(format: "Loaded %d lessons (%d quiz questions) in %.3f s (median of %d; best %.3f s, worst %.3f s); target < 0.5 s",
             lessonCount, catalog.lessons.reduce(0) { $0 + ($1.quiz?.questions.count ?? 0) }, median, runs, timings.first!, timings.last!))
cpuTimings.sort()
print(String(format: "CPU time per load (all cores): median %.3f s; the machine's load average shows how much of it waited", cpuTimings[cpuTimings.count / 2]))
print("dev check over the same course: \(checkTime), \(problems.count) problems")
if median >= 0.5 { exit(1) }
