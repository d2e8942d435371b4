import MigrationKit

/// The migration page's part on the national order: the deployment survey as it stands and
/// each product's order line with its payment milestones, as far as the reader may see them.
struct OrderSection: Encodable {
    struct Row: Encodable { let label: String; let value: String }
    struct Line: Encodable { let product: String; let callOff: String; let m1Planned: String; let m1Actual: String; let m2: String; let cease: String }

    /// Nil when the reader may not see the survey.
    let survey: [Row]?
    let surveyState: String
    let lines: [Line]
    let counts: [String: Int]

    init(_ json: MigrationJSON, seesSurvey: Bool) {
        if let s = json.deploymentSurvey {
            surveyState = switch s.status {
            case .submitted: "Sent by the practice on \(s.submittedOn.longDescription); waiting for the order records' administrator to confirm it."
            case .confirmed: "Confirmed on \(s.decidedOn?.longDescription ?? ""): the go-live date is the actual M1."
            case .returned: "Returned to the practice on \(s.decidedOn?.longDescription ?? ""): \(s.returnReason ?? "")"
            }
            survey = [Row(label: "Go-live date", value: s.goLive.longDescription), Row(label: "Deployment score", value: "\(s.score) of 5"),
                      Row(label: "Comments", value: s.comments.isEmpty ? "None" : s.comments)]
        } else {
            surveyState = json.actualGoLive == nil ? "The practice fills in the deployment survey after go-live." : "Not yet filled in by the practice."
            survey = seesSurvey ? [] : nil
        }
        // An empty cell would read as missing data; say it is not set.
        func day(_ value: Day?) -> String { value?.page ?? "Not set" }
        lines = json.orderLines.map { line in
            Line(product: line.product.name, callOff: line.callOffId ?? "Not known", m1Planned: day(line.m1Planned), m1Actual: day(line.m1Actual),
                 m2: day(line.m2), cease: day(line.cease))
        }
        counts = ["survey": survey?.count ?? -1, "lines": lines.count]
    }
}
