/// What the shared source scanner needs to know about a programming language.
struct LanguageSyntax: Sendable {
    var keywords: Set<String>
    var builtins: Set<String> = []
    var literals: Set<String> = []
    var lineComments: [String]
    var blockComment: (open: String, close: String)?
    var quotes: [String]
    /// Lua's `[[ … ]]` strings and `--[[ … ]]` comments.
    var longBrackets = false
    /// Python's `@decorator`.
    var decorators = false

    static func named(_ name: String) -> LanguageSyntax? {
        switch name.lowercased() {
        case "python", "py": return python
        case "lua": return lua
        case "javascript", "js", "typescript", "ts": return javascript
        case "bash", "sh", "shell": return shell
        case "swift": return swift
        default: return nil
        }
    }

    static let python = LanguageSyntax(
        keywords: ["and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
                   "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
                   "raise", "return", "try", "while", "with", "yield"],
        builtins: ["print", "len", "range", "str", "int", "float", "dict", "list", "set", "tuple", "open", "isinstance", "super",
                   "enumerate", "zip", "min", "max", "sorted", "json", "time", "self"],
        literals: ["True", "False", "None"],
        lineComments: ["#"], blockComment: nil, quotes: ["\"\"\"", "'''", "\"", "'"], decorators: true)

    static let lua = LanguageSyntax(
        keywords: ["and", "break", "do", "else", "elseif", "end", "for", "function", "if", "in", "local", "not", "or", "repeat",
                   "return", "then", "until", "while"],
        builtins: ["redis", "KEYS", "ARGV", "tonumber", "tostring", "type", "pairs", "ipairs", "table", "string", "math", "cjson", "error", "pcall"],
        literals: ["true", "false", "nil"],
        lineComments: ["--"], blockComment: nil, quotes: ["\"", "'"], longBrackets: true)

    static let javascript = LanguageSyntax(
        keywords: ["async", "await", "break", "case", "catch", "class", "const", "continue", "default", "else", "export", "for",
                   "function", "if", "import", "let", "new", "of", "return", "switch", "throw", "try", "var", "while", "from"],
        builtins: ["console", "JSON", "Date", "Promise", "require", "module", "this"],
        literals: ["true", "false", "null", "undefined"],
        lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\"", "'", "`"])

    static let shell = LanguageSyntax(
        keywords: ["if", "then", "else", "fi", "for", "do", "done", "while", "case", "esac", "in", "function", "export"],
        builtins: ["echo", "cd", "redis-cli", "redis-server", "redislings", "swift", "sudo", "apt-get"],
        lineComments: ["#"], blockComment: nil, quotes: ["\"", "'"])

    static let swift = LanguageSyntax(
        keywords: ["let", "var", "func", "if", "else", "guard", "return", "for", "in", "while", "struct", "class", "enum",
                   "import", "try", "await", "async", "throws", "switch", "case", "default"],
        literals: ["true", "false", "nil"],
        lineComments: ["//"], blockComment: ("/*", "*/"), quotes: ["\"\"\"", "\""])
}
