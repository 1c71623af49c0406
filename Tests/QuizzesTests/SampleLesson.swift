import LessonKit

/// A small lesson with one question of every kind: one right letter, several right letters,
/// and a command answer.
enum SampleLesson {
    static let text = """
    ---
    number: 7
    title: "Sample"
    slug: sample
    level: beginner
    tags: []
    prerequisites: []
    estimated_minutes: 5
    contributors: []
    diagrams: []
    examples: []
    canonical_id: test-beginner-07
    ---

    # Sample

    ## Quiz

    ### Question 1
    What does PUBLISH reply with?

    **A)** OK
    **B)** The number of receivers
    **C)** The message id
    **D)** Nothing

    **Answer: B** - It counts deliveries.

    ### Question 2
    Which commands subscribe?

    **A)** SUBSCRIBE
    **B)** PUBLISH
    **C)** PSUBSCRIBE
    **D)** XADD
    **E)** GET

    **Answer: A, C** - Both enter subscribed mode.

    ### Question 3
    Take the lock `lock:a` with token `t1` for 30 seconds, only if it is free.

    **Answer (command):** `SET lock:a t1 NX EX 30` - NX and EX in one command.
    """

    static func lesson() -> Lesson {
        guard let lesson = LessonParser.parse(text, file: "07. Sample.md").lesson else {
            fatalError("the sample lesson does not parse")
        }
        return lesson
    }
}
