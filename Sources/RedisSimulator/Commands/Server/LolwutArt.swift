#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two drawings Redis's LOLWUT makes (version 5: Georg Nees's "Schotter" in Braille dots;
/// version 6: a city skyline in terminal grays), with the same geometry, arithmetic widths and
/// random draws as Redis 7.0.15: given the numbers C's rand() gave Redis, the same drawing.
enum LolwutArt {
    /// Redis's RAND_MAX: `rand` draws integers in 0...randMax, as C's rand() gives them.
    static let randMax = 2_147_483_647

    /// Schotter: `columns` terminal columns, a grid of squares that tilt and shift more on each
    /// lower row. Arguments are already clamped (columns 1...1000, squares 1...200).
    static func schotter(columns: Int, squaresPerRow: Int, squaresPerColumn: Int, rand: () -> Int) -> [UInt8] {
        let width = columns * 2
        let padding = width > 4 ? 2 : 0
        // Redis computes in C floats; the same widths keep every rounding identical.
        let side = Float(width - padding * 2) / Float(squaresPerRow)
        let height = Int(side * Float(squaresPerColumn) + Float(padding * 2))
        var canvas = BrailleCanvas(width: width, height: height)
        for y in 0..<squaresPerColumn {
            for x in 0..<squaresPerRow {
                var sx = Int(Float(x) * side + side / 2 + Float(padding))
                var sy = Int(Float(y) * side + side / 2 + Float(padding))
                var angle: Float = 0
                if y > 1 {
                    func draw() -> Float { Float(rand()) / Float(randMax) / Float(squaresPerColumn) * Float(y) }
                    var r1 = draw(), r2 = draw(), r3 = draw()
                    if rand() % 2 != 0 { r1 = -r1 }
                    if rand() % 2 != 0 { r2 = -r2 }
                    if rand() % 2 != 0 { r3 = -r3 }
                    angle = r1
                    sx = Int(Float(sx) + r2 * side / 3)
                    sy = Int(Float(sy) + r3 * side / 3)
                }
                canvas.drawSquare(x: sx, y: sy, size: side, angle: angle)
            }
        }
        return canvas.rendered()
    }

    /// The skyline: `columns` × `rows` cells (already clamped to 1...1000), light background
    /// towers, then dark foreground towers with lit windows.
    static func skyline(columns: Int, rows: Int, rand: () -> Int) -> [UInt8] {
        var canvas = GrayCanvas(width: columns, height: rows, background: 3)
        for color in [2, 1] {
            var offset = -10
            while offset < columns {
                offset += rand() % 8
                let width = 10 + rand() % 9
                let height = color == 2 ? rows / 2 + rand() % rows / 2 : rows / 2 + rand() % rows / 3
                canvas.drawTower(x: offset, width: width, height: height, windows: false, color: color, rand: rand)
                offset += color == 2 ? width / 2 : width + 1
            }
        }
        var offset = -10
        while offset < columns {
            offset += rand() % 8
            var width = 5 + rand() % 14
            if width % 4 != 0 { width += width % 3 }
            let height = rows / 3 + rand() % rows / 2
            canvas.drawTower(x: offset, width: width, height: height, windows: true, color: 0, rand: rand)
            offset += width + 5
        }
        return canvas.rendered()
    }
}

/// A one-bit canvas stored as Braille cells of 2×4 dots, which is also how it is printed:
/// a big drawing costs one byte per eight pixels.
struct BrailleCanvas {
    let width: Int
    let height: Int
    private var cells: [UInt8]
    private var cellColumns: Int { width / 2 }

    init(width: Int, height: Int) {
        self.width = width
        self.height = max(height, 0)
        cells = [UInt8](repeating: 0, count: (width / 2) * ((self.height + 3) / 4))
    }

    /// Dot (x, y) of a cell maps to the bit Unicode's Braille patterns give it.
    private static let bit: [[UInt8]] = [[0, 1, 2, 6], [3, 4, 5, 7]]

    mutating func setPixel(_ x: Int, _ y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        cells[(y / 4) * cellColumns + x / 2] |= 1 << Self.bit[x % 2][y % 4]
    }

    /// Bresenham's line from (x1, y1) to (x2, y2), ends included.
    mutating func drawLine(_ x1: Int, _ y1: Int, _ x2: Int, _ y2: Int) {
        var x = x1, y = y1
        let dx = abs(x2 - x1), dy = abs(y2 - y1)
        let sx = x1 < x2 ? 1 : -1, sy = y1 < y2 ? 1 : -1
        var err = dx - dy
        while true {
            setPixel(x, y)
            if x == x2 && y == y2 { break }
            let e2 = err * 2
            if e2 > -dy { err -= dy; x += sx }
            if e2 < dx { err += dx; y += sy }
        }
    }

    /// A square of side `size` centred on (x, y), turned by `angle` radians: its corners lie
    /// on a circle, a quarter turn apart.
    mutating func drawSquare(x: Int, y: Int, size: Float, angle: Float) {
        let radius = Float((Double(size) / 1.4142135623).rounded())
        var k = Float(Double.pi / 4 + Double(angle))
        var px = [Int](repeating: 0, count: 4), py = [Int](repeating: 0, count: 4)
        for j in 0..<4 {
            px[j] = Int((sin(Double(k)) * Double(radius) + Double(x)).rounded())
            py[j] = Int((cos(Double(k)) * Double(radius) + Double(y)).rounded())
            k = Float(Double(k) + Double.pi / 2)
        }
        for j in 0..<4 { drawLine(px[j], py[j], px[(j + 1) % 4], py[(j + 1) % 4]) }
    }

    /// One UTF-8 Braille character per cell, rows separated by newlines (none after a last
    /// row that ends exactly on the canvas's last pixel row, as Redis prints it).
    func rendered() -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(cells.count * 3 + height / 4 + 1)
        var y = 0
        while y < height {
            for column in 0..<cellColumns {
                let code = 0x2800 + Int(cells[(y / 4) * cellColumns + column])
                text.append(UInt8(0xE0 | (code >> 12)))
                text.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
                text.append(UInt8(0x80 | (code & 0x3F)))
            }
            if y != height - 1 { text.append(UInt8(ascii: "\n")) }
            y += 4
        }
        return text
    }
}

/// A canvas of four grays (0 black … 3 white), printed as terminal color escapes.
struct GrayCanvas {
    let width: Int
    let height: Int
    private var pixels: [UInt8]

    init(width: Int, height: Int, background: UInt8) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: background, count: width * height)
    }

    func pixel(_ x: Int, _ y: Int) -> Int {
        guard x >= 0, x < width, y >= 0, y < height else { return 0 }
        return Int(pixels[x + y * width])
    }

    mutating func setPixel(_ x: Int, _ y: Int, _ color: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        pixels[x + y * width] = UInt8(color)
    }

    /// A tower standing on the bottom row, its roof two pixels narrower on each side; with
    /// `windows`, lit windows two pixels wide on every other row, each lit at random.
    mutating func drawTower(x left: Int, width: Int, height: Int, windows: Bool, color: Int, rand: () -> Int) {
        let bottom = self.height - 1
        let top = bottom - height + 1
        var y = bottom
        while y >= top {
            for x in left..<max(left, left + width) {
                if y == top && (x <= left + 1 || x >= left + width - 2) { continue }
                var paint = color
                if windows, x > left + 1, x < left + width - 2, y > top + 1, y < bottom - 1 {
                    let relativeX = x - (left + 1), relativeY = y - (top + 1)
                    if (relativeX / 2) % 2 != 0 && relativeY % 2 != 0 {
                        repeat { paint = 1 + rand() % 2 } while paint == color
                        if relativeX % 2 != 0 { paint = pixel(x - 1, y) }
                    }
                }
                setPixel(x, y, paint)
            }
            y -= 1
        }
    }

    /// A space in the chosen colors, then the attributes reset.
    private static let reset: [UInt8] = [UInt8(ascii: " "), 0x1B] + Array("[0m".utf8)
    private static let escapes: [[UInt8]] = ["0;30;40m", "0;90;100m", "0;37;47m", "0;97;107m"].map { Array($0.utf8) }

    func rendered() -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(width * height * 16)
        for y in 0..<height {
            for x in 0..<width {
                text.append(contentsOf: [0x1B, UInt8(ascii: "[")])
                text.append(contentsOf: Self.escapes[pixel(x, y)])
                text.append(contentsOf: Self.reset)
            }
            if y != height - 1 { text.append(UInt8(ascii: "\n")) }
        }
        return text
    }
}
