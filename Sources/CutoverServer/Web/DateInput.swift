import MigrationKit

/// Dates as the NHS.UK date input asks for them: day, month and year boxes, named
/// "<field>-day", "<field>-month" and "<field>-year" ("<list>-day[]" and so on for a list
/// of dates, which form parsers read as lists), joined here into the "YYYY-MM-DD" the
/// steps decode. Three empty boxes mean "not given"; a box that is wrong is named in the
/// error, so the page can point at it.
enum DateInput {
    static let boxes = ["day", "month", "year"]

    struct Problem: Error {
        /// The field without "[]", then the box: "goLive-month".
        let field: String
        let message: String
    }

    /// One box of a date field, for the page.
    struct Part: Encodable {
        let id: String, name: String, label: String, value: String, width: String
    }

    /// The three boxes of the date field `name` (id `id`), showing `value` when it is a day.
    static func parts(id: String, name: String, value: String, raw: [String: String] = [:]) -> [Part] {
        let day = try? Day(parsing: value)
        let shown = day.map { d in let p = d.parts; return [String(p.day), String(p.month), String(p.year)] } ?? ["", "", ""]
        return boxes.enumerated().map { index, box in
            let boxName = boxName(name, box)
            return Part(id: "\(id)-\(box)", name: boxName, label: box.capitalizingFirst, value: raw[boxName] ?? shown[index],
                        width: box == "year" ? "width-4" : "width-2")
        }
    }

    /// "goLive-day"; "dataProductionDays-day[]" for the list "dataProductionDays[]".
    static func boxName(_ name: String, _ box: String) -> String {
        name.hasSuffix("[]") ? "\(name.dropLast(2))-\(box)[]" : "\(name)-\(box)"
    }

    /// The date field and box a sent name belongs to, if it is a box.
    static func box(of name: String) -> (field: String, box: String)? {
        for box in boxes {
            if name.hasSuffix("-\(box)[]") { return (String(name.dropLast(box.count + 3)) + "[]", box) }
            if name.hasSuffix("-\(box)") { return (String(name.dropLast(box.count + 1)), box) }
        }
        return nil
    }

    /// `pairs` as sent, with each date's boxes joined into one "<field>" pair where its
    /// first box was (so repeated list fields keep their order), and what was wrong.
    static func join(_ pairs: [(String, String)]) -> (pairs: [(String, String)], problems: [Problem]) {
        var entries: [(base: String, boxes: [String: String])] = []
        var slots: [Int: Int] = [:]   // position in the output -> entry
        var output: [(String, String)] = []
        for (name, value) in pairs {
            guard let (base, box) = box(of: name) else { output.append((name, value)); continue }
            if let index = entries.firstIndex(where: { $0.base == base && $0.boxes[box] == nil }) {
                entries[index].boxes[box] = value
            } else {
                entries.append((base, [box: value]))
                slots[output.count] = entries.count - 1
                output.append((base, ""))
            }
        }
        var problems: [Problem] = []
        for (position, index) in slots {
            let entry = entries[index]
            switch value(entry.boxes, field: entry.base.replacingOccurrences(of: "[]", with: "")) {
            case .success(let text): output[position].1 = text
            case .failure(let problem): problems.append(problem)
            }
        }
        return (output, problems)
    }

    private static func value(_ boxes: [String: String], field: String) -> Result<String, Problem> {
        let text = Self.boxes.map { (boxes[$0] ?? "").trimmingCharacters(in: .whitespaces) }
        if text.allSatisfy(\.isEmpty) { return .success("") }
        func problem(_ box: String, _ message: String) -> Result<String, Problem> { .failure(Problem(field: "\(field)-\(box)", message: message)) }
        guard let day = Int(text[0]), (1...31).contains(day) else { return problem("day", "Enter the day as a number from 1 to 31") }
        guard let month = Int(text[1]), (1...12).contains(month) else { return problem("month", "Enter the month as a number from 1 to 12") }
        guard text[2].count == 4, let year = Int(text[2]) else { return problem("year", "Enter the year as four digits, for example 2027") }
        do {
            return .success(try Day(year: year, month: month, day: day).description)
        } catch .yearOutOfRange {
            return problem("year", "Enter the year as four digits, for example 2027")
        } catch {
            return problem("day", "\(Day.monthNames[month - 1]) \(year) has no day \(day)")
        }
    }
}
