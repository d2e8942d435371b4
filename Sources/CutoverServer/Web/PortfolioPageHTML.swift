/// The portfolio page's body, written in Swift like the migration page's: rendered by Leaf
/// it took 57% of the page's time (a profile of 2026-11-29 on the benchmark's data, a CSU's
/// page at 112 a second), most of it escaping and converting each value of the table and
/// the chart. Every value goes through `HTML`'s escaping.
extension PortfolioPage.Model {
    var body: HTML {
        func select(_ id: String, _ label: String, _ options: [Option]) -> HTML {
            let choices = options.html { option in
                "<option value=\"\(option.value)\"\(option.selected ? " selected" : "" as HTML)>\(option.label)</option>"
            }
            return "  <div class=\"field\"><label for=\"\(id)\">\(label)</label><select id=\"\(id)\" name=\"\(id)\">\(choices)</select></div>\n"
        }
        var html: HTML = """
            <h1>Portfolio</h1>
            <form method="get" action="/portfolio" class="filters" aria-label="Filter migrations">

            """
        html += select("phase", "Phase", phases) + select("status", "Status", statuses) + select("supplier", "Supplier", suppliers) + select("sort", "Sort by", sorts)
        html += """
              <div class="field"><input type="checkbox" id="overdue" name="overdue" value="true"\(overdue ? " checked" : "" as HTML)> <label for="overdue">Only with overdue deadlines</label></div>
              <button type="submit" class="secondary">Apply</button>
            </form>

            <h2>Go-lives per week by new-system supplier</h2>
            <p>A red bar means more than \(threshold) go-lives for one supplier in one week: a clash to resolve with the supplier.</p>

            """
        if !clashes.isEmpty {
            html += "<ul>\(clashes.html { "<li><span class=\"tag red\">Clashes</span> \($0)</li>" })</ul>"
        }
        html += "\n"
        if chartBars.isEmpty {
            html += "\n<p>No go-lives in the next 16 weeks.</p>\n"
        } else {
            html += """

                <div class="chart">
                <svg viewBox="0 0 860 \(chartHeight)" role="img" aria-labelledby="chart-title"><title id="chart-title">Go-lives per week for the next 16 weeks, one row per supplier</title>
                \(chartRows.html { "<text x=\"\($0.x)\" y=\"\($0.y)\">\($0.text)</text>" })
                \(chartBars.html { bar in
                    "<rect class=\"load\(bar.clash ? " clash" : "" as HTML)\" x=\"\(bar.x)\" y=\"\(bar.y)\" width=\"\(bar.width)\" height=\"\(bar.height)\"><title>\(bar.label)</title></rect>"
                })
                \(chartLabels.html { "<text x=\"\($0.x)\" y=\"\($0.y)\">\($0.text)</text>" })
                </svg>
                </div>

                """
        }
        html += """


            <h2>Migrations (\(total))</h2>
            <p><a href="\(csv)" download>Download this table as CSV</a> · <a href="/orders/export?format=order-tracker" download>Download the Order Tracker return</a> · <a href="/orders/export?format=order-csv" download>Download the orders as order CSV</a></p>

            """
        if rows.isEmpty {
            html += "\n<p>No migration matches these filters.</p>\n"
        } else {
            let table = rows.html { row in
                """
                <tr><td data-label="Practice"><a href="/migrations/\(row.id)">\(row.practice)</a></td><td data-label="Systems">\(row.route)</td>\
                <td data-label="Phase">\(row.phase)</td><td data-label="Go-live">\(row.goLive)</td>\
                <td data-label="Status"><span class="tag \(row.status)">\(row.statusText)</span></td></tr>
                """
            }
            html += """

                <table><caption class="visually-hidden">Migrations</caption>
                <thead><tr><th scope="col">Practice</th><th scope="col">Systems</th><th scope="col">Phase</th><th scope="col">Go-live</th><th scope="col">Status</th></tr></thead>
                <tbody>\(table)</tbody>
                </table>
                <nav class="pagination" aria-label="Pages">
                \(previous.map { "<a href=\"\($0)\">Previous page</a>" } ?? "" as HTML)
                <span>Page \(page) of \(pages)</span>
                \(next.map { "<a href=\"\($0)\">Next page</a>" } ?? "" as HTML)
                </nav>

                """
        }
        return html + "\n"
    }
}
