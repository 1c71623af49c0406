/// "1 lesson", "3 lessons": a number and a noun that takes an s, agreeing ("1 keys" reads as a slip).
public func count(_ number: Int, _ noun: String) -> String { number == 1 ? "1 \(noun)" : "\(number) \(noun)s" }
