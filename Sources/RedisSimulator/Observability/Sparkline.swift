/// The ASCII sparkline LATENCY GRAPH draws (Redis's sparkline.c, filled style): `rows` rows of
/// `_o#|` bars scaled between the lowest and highest sample, then each sample's label read
/// downwards, in blocks of `columns` samples.
struct Sparkline {
    var samples: [(value: Double, label: String)] = []

    func render(columns: Int, rows: Int) -> String {
        guard !samples.isEmpty else { return "" }
        let values = samples.map(\.value)
        let low = values.min() ?? 0, high = values.max() ?? 0
        var output = ""
        var start = 0
        while start < samples.count {
            if start != 0 { output += "\n" }
            let block = Array(samples[start..<min(samples.count, start + columns)])
            output += renderBlock(block, low: low, high: high, rows: rows)
            start += columns
        }
        return output
    }

    private func renderBlock(_ block: [(value: Double, label: String)], low: Double, high: Double, rows: Int) -> String {
        let fill: [Character] = ["_", "o", "#"]
        let steps = fill.count * rows
        let range = high - low == 0 ? 1 : high - low
        let hasLabels = samples.contains { !$0.label.isEmpty }
        var output = ""
        var row = 0
        while true {
            var line = [Character](repeating: " ", count: block.count)
            var more = false
            for (index, sample) in block.enumerated() {
                var step = Int(Double(Int((sample.value - low) * Double(steps))) / range)
                step = max(0, min(step, steps - 1))
                if row < rows {
                    more = true
                    let char = step - (rows - row - 1) * fill.count
                    if char >= 0 && char < fill.count {
                        line[index] = fill[char]
                    } else if char >= fill.count {
                        line[index] = "|"
                    }
                } else {
                    if hasLabels, row - rows < 1 {
                        more = true
                        break
                    }
                    let label = Array(sample.label)
                    let position = row - rows - 1
                    if position >= 0, label.count > position {
                        more = true
                        line[index] = label[position]
                    }
                }
            }
            guard more else { break }
            row += 1
            output += String(line) + "\n"
        }
        return output
    }
}
