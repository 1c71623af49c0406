/// What a reply must look like (`expect`, `replied`, and the items of `received`).
public indirect enum Expectation: Sendable, Equatable {
    /// A bulk or simple string with exactly this text.
    case string(String)
    /// An integer reply.
    case integer(Int64)
    /// A null bulk string or null array.
    case null
    /// An array of this length whose items match in order.
    case array([Expectation])
    /// An error reply whose text starts with this.
    case error(String)
    /// A string (or an integer, as text) matching the regular expression.
    case matches(String)
    /// An integer (or a string holding one) in the range, both ends included.
    case between(Int64, Int64)
    /// An array with these items in any order.
    case unordered([Expectation])
    /// An array or string of this length.
    case length(Int)
    /// Any reply that is not an error.
    case any
    /// Anything that does not match the inner expectation.
    case not(Expectation)
}
