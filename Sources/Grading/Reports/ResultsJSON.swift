import Foundation

/// `results.json`: the whole run in one schema (see `ClassResults`).
public enum ResultsJSON {
    /// The results encoded as pretty-printed JSON with ISO 8601 dates.
    public static func encode(_ results: ClassResults) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(results)
        data.append(0x0A)
        return data
    }

    /// Reads results written by `encode`.
    public static func decode(_ data: Data) throws -> ClassResults {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ClassResults.self, from: data)
    }
}
