import Vapor

/// The migration page's body in HTML (`HTML`): what `migration.leaf` and its partials drew,
/// rendered in Swift because Leaf took three fifths of the page's time. The frame around it
/// (`Layout.frame`) is the one every page shares.
extension MigrationPage {
    var bodyHTML: HTML {
        var html: HTML = ""
        if !errorSummary.isEmpty {
            html += """
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                  <h2 id="error-summary-title">There is a problem</h2>
                  <ul>\(errorSummary.html { "<li><a href=\"#\($0.anchor)\">\($0.message)</a></li>" })</ul>
                </div>\n
                """
        }
        if stale {
            html += """
                <div class="notice" role="alert"><h2>Someone else changed this migration</h2><p>While you had the page open, another user saved a change. The page now shows their change; check the step and send it again if it is still needed.</p></div>\n
                """
        }
        if let notice, !notice.isEmpty { html += "<div class=\"notice\" role=\"status\">\(notice)</div>\n" }
        html += """

            <h1>\(summary.practice) <span class="hint">(\(summary.ods))</span></h1>
            <p class="lede">\(summary.route) · \(summary.status) · \(summary.phase)</p>
            <div class="grid summary">
              <div class="card"><strong>Go-live</strong><br><span class="countdown">\(summary.goLive)</span><br>\(summary.countdown) (\(summary.goLiveState))</div>
              <div class="card"><strong>Status</strong><br><span class="tag \(summary.rag)">\(summary.ragText)</span></div>
            </div>
            <p class="no-print">\(links)</p>\n
            """
        if findings.count > 0 { html += "\n<h2 id=\"findings\">Warnings</h2>\n\(findingsHTML)" }
        if let businessCase, businessCase.open { html += "\n" + Self.businessCaseHTML(businessCase) }
        html += "\n<h2 id=\"next-steps\">Your next steps</h2>\n"
        html += forms.isEmpty ? "<p>Nothing is waiting for you on this migration right now.</p>\n" : forms.html { formHTML($0) }
        if !done.isEmpty {
            html += """
                <details class="done-steps">
                <summary>Done so far (\(done.count))</summary>
                <ul class="steps">\(done.html { row in "<li class=\"done\">\(row.title) <span class=\"visually-hidden\">(done)</span>\(row.on.isEmpty ? "" : " <span class=\"hint\">on \(row.on)</span>" as HTML)</li>" })</ul>
                </details>\n
                """
        }
        html += "\n<h2 id=\"plan\">Plan</h2>\n"
        if let timeline, let table {
            html += Self.planHTML(timeline, table)
        } else {
            html += "<p>No go-live date yet: agree a provisional date to see the plan.</p>\n"
        }
        html += sectionsHTML
        return html
    }

    private var links: HTML {
        var html: HTML = ""
        if whatIfLink { html += "<a href=\"/migrations/\(id)/what-if\">What if the go-live moved?</a> · " }
        html += "<a href=\"/migrations/\(id)/print\">Print the plan</a> · "
        if let calendarURL, !calendarURL.isEmpty {
            html += "<a href=\"\(calendarURL)\">This plan in your calendar</a> (subscribe to this address)"
        } else {
            html += "<a href=\"/account#calendar\">Get a calendar address</a> for this plan"
        }
        return html
    }

    private var findingsHTML: HTML {
        findings.items.html { item in
            """
            <div class="warning-callout \(item.severity)">
            <h3><span class="visually-hidden">Important: </span>\(item.severityText)</h3>
            <p>\(item.message)</p>
            <p><strong>What to do:</strong> \(item.action)</p>
            </div>\n
            """
        }
    }

    static func businessCaseHTML(_ businessCase: BusinessCaseSummary) -> HTML {
        """
        <h2 id="business-case">Business case</h2>
        <p><strong>\(businessCase.state)</strong></p>
        <details class="business-case"\(businessCase.open ? " open" : "")>
        <summary>Read the business case</summary>
        <dl class="summary-list">
        \(businessCase.rows.html { "<dt>\($0.label)</dt><dd>\($0.value)</dd>" })
        </dl>
        </details>\n
        """
    }

    private func formHTML(_ form: StepForm) -> HTML {
        var html: HTML = """
            <form method="post" action="/migrations/\(id)/steps" id="form-\(form.key)" class="card" novalidate>
              <h3>\(form.title)</h3>\n
            """
        if let error = form.error, !error.isEmpty { html += "  <p class=\"error\" role=\"alert\">\(error)</p>\n" }
        html += """
              <input type="hidden" name="csrf" value="\(layout.csrf)">
              <input type="hidden" name="version" value="\(version)">
              <input type="hidden" name="step" value="\(form.step)">
              \(form.hidden.html { "<input type=\"hidden\" name=\"\($0.name)\" value=\"\($0.value)\">" })\n
            """
        for field in form.fields { html += Self.fieldHTML(field) }
        html += "  <button type=\"submit\" class=\"\(form.style)\">\(form.button)</button>\n</form>\n"
        return html
    }

    private static func fieldHTML(_ field: StepForm.Field) -> HTML {
        let optional: HTML = field.required ? "" : " (optional)"
        let hint = field.hint.flatMap { $0.isEmpty ? nil : $0 }
        let error = field.error.flatMap { $0.isEmpty ? nil : $0 }
        let hintHTML: HTML = hint.map { "    <span class=\"hint\" id=\"\(field.id)-hint\">\($0)</span>\n" } ?? ""
        let errorHTML: HTML = error.map { "    <span class=\"error\" id=\"\(field.id)-error\"><span class=\"visually-hidden\">Error:</span> \($0)</span>\n" } ?? ""
        let hasError: HTML = error == nil ? "" : " has-error"
        if let parts = field.parts {
            let describedBy: HTML = hint == nil ? "" : " aria-describedby=\"\(field.id)-hint\""
            return """
                  <fieldset class="field date-input\(hasError)" id="\(field.id)" role="group"\(describedBy)>
                    <legend>\(field.label)\(optional)</legend>
                \(hintHTML)    <span class="hint">For example, 27 3 2027</span>
                \(errorHTML)    <div class="date-input-items">\(parts.html { part in
                    "<div class=\"date-input-item\"><label for=\"\(part.id)\">\(part.label)</label><input class=\"\(part.width)\" id=\"\(part.id)\" name=\"\(part.name)\" type=\"text\" inputmode=\"numeric\" value=\"\(part.value)\"></div>"
                })</div>
                  </fieldset>\n
                """
        }
        let control: HTML = switch field.type {
        case "textarea": "<textarea id=\"\(field.id)\" name=\"\(field.name)\">\(field.value)</textarea>"
        case "select":
            "<select id=\"\(field.id)\" name=\"\(field.name)\">\((field.options ?? []).html { option in "<option value=\"\(option.value)\"\(option.selected ? " selected" : "")>\(option.label)</option>" })</select>"
        default: "<input type=\"\(field.type)\" id=\"\(field.id)\" name=\"\(field.name)\" value=\"\(field.value)\">"
        }
        return """
              <div class="field\(hasError)">
                <label for="\(field.id)">\(field.label)\(optional)</label>
            \(hintHTML)\(errorHTML)    \(control)
              </div>\n
            """
    }
}

extension MigrationPage {
    /// The plan as a timeline and as tables.
    static func planHTML(_ chart: TimelineChart, _ table: PlanTable) -> HTML {
        let bottom = chart.linesBottom
        var svg: HTML = ""
        svg += chart.months.html { "<line class=\"month\" x1=\"\($0.x)\" x2=\"\($0.x)\" y1=\"16\" y2=\"\(bottom)\"></line><text x=\"\($0.x)\" y=\"12\" text-anchor=\"middle\">\($0.label)</text>" }
        svg += "\n  " + chart.holidays.html { "<rect class=\"holiday\" x=\"\($0.x)\" y=\"28\" width=\"\($0.width)\" height=\"\(bottom)\"><title>\($0.label)</title></rect>" }
        svg += "\n  " + chart.blackouts.html { "<rect class=\"blackout\" x=\"\($0.x)\" y=\"28\" width=\"\($0.width)\" height=\"\(bottom)\"><title>\($0.label)</title></rect>" }
        svg += "\n  " + chart.deadlines.html { "<rect class=\"deadline\" x=\"\($0.x)\" y=\"\($0.y)\" width=\"3\" height=\"10\"><title>\($0.label)</title></rect>" }
        svg += "\n" + chart.bars.html { bar in
            """
              <text x="4" y="\(bar.labelY)">\(bar.label)</text>
              <rect class="bar\(bar.alongside ? " alongside" : "")\(bar.done ? " done" : "")" x="\(bar.x)" y="\(bar.y)" width="\(bar.width)" height="16"><title>\(bar.label): \(bar.dates)</title></rect>\n
            """
        }
        let goLive = chart.goLive
        svg += """
              <line class="go-live" x1="\(goLive.x)" x2="\(goLive.x)" y1="28" y2="\(bottom)"></line>
              <text class="line-label" x="\(goLive.labelX)" y="\(goLive.labelY)" text-anchor="\(goLive.anchor)">\(goLive.label)</text>\n
            """
        if let today = chart.today {
            svg += """
                  <line class="today" x1="\(today.x)" x2="\(today.x)" y1="16" y2="\(bottom)"></line>
                  <text class="line-label" x="\(today.labelX)" y="\(today.labelY)" text-anchor="\(today.anchor)">\(today.label)</text>\n
                """
        }
        let blackoutKey: HTML = chart.blackouts.isEmpty ? "" : "<li><span class=\"swatch blackout\"></span>Blackout</li>"
        let shaded: HTML = chart.shadedInWords.isEmpty ? "" : "<p class=\"hint\">Shaded on the chart: \(chart.shadedInWords.joined(separator: "; ")).</p>\n"
        return """
            <div class="timeline">
            <svg viewBox="0 0 \(chart.width) \(chart.height)" role="img" aria-labelledby="timeline-title timeline-desc">
              <title id="timeline-title">\(chart.title)</title>
              <desc id="timeline-desc">Phases as bars (done phases in green), deadlines as red marks, today as a dashed line, the go-live as a solid line, blackouts and bank holidays shaded. The same plan is in the tables below.</desc>
              \(svg)</svg>
            <ul class="legend" aria-label="Key to the chart">
              <li><span class="swatch bar"></span>Phase</li>
              <li><span class="swatch bar alongside"></span>Phase running alongside</li>
              <li><span class="swatch bar done"></span>Phase done</li>
              <li><span class="swatch deadline"></span>Deadline</li>
              <li><span class="swatch today"></span>Today</li>
              <li><span class="swatch go-live"></span>Go-live</li>
              <li><span class="swatch holiday"></span>Bank holiday</li>
              \(blackoutKey)
            </ul>
            \(shaded)</div>
            <h3>The plan as a table</h3>
            <table>
            <caption class="visually-hidden">Phases with planned and actual dates</caption>
            <thead><tr><th scope="col">Phase</th><th scope="col">Planned</th><th scope="col">Actual</th></tr></thead>
            <tbody>\(table.rows.html { "<tr><th scope=\"row\">\($0.number). \($0.title)</th><td data-label=\"Planned\">\($0.start) to \($0.end)</td><td data-label=\"Actual\">\($0.actual)</td></tr>" })</tbody>
            </table>
            <table>
            <caption class="visually-hidden">Deadlines</caption>
            <thead><tr><th scope="col">Deadline</th><th scope="col">Due</th><th scope="col">Who</th><th scope="col">Status</th></tr></thead>
            <tbody>\(table.deadlines.html { "<tr><th scope=\"row\">\($0.title)</th><td data-label=\"Due\">\($0.due)</td><td data-label=\"Who\">\($0.owner)</td><td data-label=\"Status\"><span class=\"tag \($0.status)\">\($0.statusText)</span></td></tr>" })</tbody>
            </table>\n
            """
    }

    /// A table with its caption and column headings, or what to say when it has no rows.
    private static func table(_ caption: String, _ headings: [String], rows: HTML, isEmpty: Bool, otherwise: HTML) -> HTML {
        guard !isEmpty else { return otherwise }
        return """
            <table><caption class="visually-hidden">\(caption)</caption>
            <thead><tr>\(headings.html { "<th scope=\"col\">\($0)</th>" })</tr></thead>
            <tbody>\(rows)</tbody>
            </table>\n
            """
    }

    /// Schedule As to history: the record of the migration below the plan.
    fileprivate var sectionsHTML: HTML {
        var html: HTML = "\n<h2 id=\"schedule-as\">Schedule As</h2>\n"
        html += Self.table("Schedule As", ["For", "Product", "Called off", "Status", "Details"], rows: scheduleAs.html { row in
            "<tr><td data-label=\"For\">\(row.kind)</td><td data-label=\"Product\">\(row.product)</td><td data-label=\"Called off\">\(row.calledOff)</td><td data-label=\"Status\"><span class=\"tag \(row.status)\">\(row.statusText)</span></td><td data-label=\"Details\">\(row.detail)</td></tr>"
        }, isEmpty: scheduleAs.isEmpty, otherwise: "<p>No Schedule A has been called off yet.</p>\n")

        html += "\n<h2 id=\"extracts\">Data extracts</h2>\n"
        html += extracts.isEmpty ? "<p>No data extract concerns you here.</p>\n" : extracts.html { extract in
            """
            <div class="card"><h3>\(extract.supplier)</h3>
            <ol class="steps">\(extract.steps.html { step in
                step.done
                    ? "<li class=\"done\">\(step.title) <span class=\"visually-hidden\">(done)</span> \(step.when)</li>"
                    : "<li class=\"todo\">\(step.title) <span class=\"visually-hidden\">(not yet)</span></li>"
            })</ol>
            </div>\n
            """
        }

        if let notices {
            html += "\n<h2 id=\"notices\">Notices to linked services and suppliers</h2>\n"
            html += Self.table("Notices", ["Who", "Kind", "Sent"], rows: notices.html { row in
                "<tr><td data-label=\"Who\">\(row.recipient)</td><td data-label=\"Kind\">\(row.service)</td><td data-label=\"Sent\">\(row.sent)</td></tr>"
            }, isEmpty: notices.isEmpty, otherwise: "<p>No notices recorded yet. EPS needs 5 weeks' notice, other services 5 days.</p>\n")
        }

        html += "\n<h2 id=\"checklist\">Your checklist: \(checklistTitle)</h2>\n"
        html += checklist.isEmpty ? "<p>Nothing on your checklist for this phase.</p>\n" : "<ul class=\"steps\">\n\(checklist.html { checklistItemHTML($0) })</ul>\n"

        html += "\n<h2 id=\"action-items\">Action items</h2>\n"
        html += Self.table("Action items", ["What", "Who", "Due", "Status"], rows: actionItems.html { row in
            "<tr><td data-label=\"What\">\(row.title)</td><td data-label=\"Who\">\(row.owner)</td><td data-label=\"Due\">\(row.due)</td><td data-label=\"Status\"><span class=\"tag \(row.status)\">\(row.statusText)</span></td></tr>"
        }, isEmpty: actionItems.isEmpty, otherwise: "<p>No action items.</p>\n")

        html += "\n<h2 id=\"sign-offs\">Sign-offs</h2>\n"
        html += Self.table("Sign-offs", ["Sign-off", "By", "On", "Comment"], rows: signOffs.html { row in
            "<tr><td data-label=\"Sign-off\">\(row.kind)</td><td data-label=\"By\">\(row.signer)</td><td data-label=\"On\">\(row.when)</td><td data-label=\"Comment\">\(row.comment)</td></tr>"
        }, isEmpty: signOffs.isEmpty, otherwise: "<p>No sign-offs yet.</p>\n")

        html += "\n" + orderHTML
        if let businessCase, !businessCase.open { html += "\n" + Self.businessCaseHTML(businessCase) }

        html += "\n<h2 id=\"history\">History</h2>\n"
        html += Self.table("The latest changes", ["When", "Who", "What"], rows: history.html { row in
            "<tr><td data-label=\"When\">\(row.when)</td><td data-label=\"Who\">\(row.who)</td><td data-label=\"What\">\(row.what)</td></tr>"
        }, isEmpty: history.isEmpty, otherwise: "<p>No changes yet.</p>\n")
        return html
    }

    private func checklistItemHTML(_ item: ChecklistRow) -> HTML {
        var html: HTML = "<li class=\"\(item.ticked ? "done" : "todo")\">\(item.text)\n"
        if canTick {
            let (value, label): (String, String) = item.ticked ? ("false", "Untick") : ("true", "Tick")
            html += """
                <form method="post" action="/migrations/\(id)/checklist" class="inline-form">
                <input type="hidden" name="csrf" value="\(layout.csrf)"><input type="hidden" name="item" value="\(item.id)">
                <input type="hidden" name="ticked" value="\(value)"><button type="submit" class="secondary">\(label)<span class="visually-hidden">: \(item.text)</span></button>
                </form>\n
                """
        }
        return html + "</li>\n"
    }

    /// The deployment survey (for those who may see it) and the order's lines.
    private var orderHTML: HTML {
        var html: HTML = order.survey == nil ? "<h2 id=\"order\">Payment milestones</h2>\n" : "<h2 id=\"order\">Deployment survey and payment</h2>\n"
        if let survey = order.survey {
            html += "<p>\(order.surveyState)</p>\n"
            if !survey.isEmpty { html += "<dl class=\"summary-list\">\(survey.html { "<dt>\($0.label)</dt><dd>\($0.value)</dd>" })</dl>\n" }
        }
        let after: HTML = order.survey == nil ? ""
            : " Actual M1 comes with the confirmed deployment survey, M2 from the commissioner after go-live, and the old system's cease date with its decommissioning Schedule A."
        html += Self.table("The order's lines and payment milestones", ["Product", "Call-off", "M1 planned", "Actual M1", "M2", "Cease"], rows: order.lines.html { line in
            "<tr><td data-label=\"Product\">\(line.product)</td><td data-label=\"Call-off\">\(line.callOff)</td><td data-label=\"M1 planned\">\(line.m1Planned)</td><td data-label=\"Actual M1\">\(line.m1Actual)</td><td data-label=\"M2\">\(line.m2)</td><td data-label=\"Cease\">\(line.cease)</td></tr>"
        }, isEmpty: order.lines.isEmpty, otherwise: "<p>No payment milestones recorded yet.\(after)</p>\n")
        return html
    }
}

extension Request {
    /// The migration page, written in Swift, in the shared frame.
    func migrationPage(_ page: MigrationPage, status: HTTPResponseStatus = .ok) -> Response {
        self.page(page.layout.frame(page.bodyHTML), status: status)
    }
}
