import Quizzes
import RedisBackends

extension AnswerGrader {
    /// A grader whose command answers run on the built-in simulator, as `redislings quiz` grades them.
    static var simulated: AnswerGrader { AnswerGrader(judge: CommandAnswerJudge(backend: SimulatorBackend())) }
}
