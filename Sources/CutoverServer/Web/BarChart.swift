import Foundation

/// A horizontal bar chart drawn as SVG by its Leaf template: one labelled bar per row, the
/// value written at the bar's end, and a value axis with ticks and gridlines, so nothing
/// needs hovering. The same numbers are always in a table beside it.
struct BarChart: Encodable {
    struct Bar: Encodable { let y: Int; let width: Int; let label: String; let value: String; let labelY: Int; let valueX: Int }
    struct Tick: Encodable { let x: Int; let text: String }

    let title: String
    let axis: String
    let bars: [Bar]
    let ticks: [Tick]
    let height: Int
    let axisY: Int

    /// Bars start after a 240-unit label column and share the next 520 units of an 860-wide view.
    static let left = 240, span = 520, rowHeight = 26

    /// `rows` as (label, value, value as written); `maximum` is the axis's end, and `ticks`
    /// how many steps it has.
    init(title: String, axis: String, rows: [(label: String, value: Double, text: String)], maximum: Double, ticks steps: Int, tickText: (Double) -> String) {
        self.title = title
        self.axis = axis
        let top = 10
        let scale = maximum > 0 ? Double(Self.span) / maximum : 0
        bars = rows.enumerated().map { index, row in
            let width = max(0, Int((row.value * scale).rounded()))
            let y = top + index * Self.rowHeight
            return Bar(y: y, width: max(width, 1), label: row.label, value: row.text, labelY: y + 15, valueX: Self.left + width + 6)
        }
        axisY = top + rows.count * Self.rowHeight + 4
        ticks = (0...steps).map { step in
            let value = maximum * Double(step) / Double(steps)
            return Tick(x: Self.left + Int((value * scale).rounded()), text: tickText(value))
        }
        height = axisY + 40
    }
}
