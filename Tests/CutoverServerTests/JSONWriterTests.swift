import Foundation
import MigrationKit
import NIOCore
import SQLKit
import Testing
@testable import CutoverServer

/// The answers that write themselves (`JSONWritable`) write the very bytes their
/// `Encodable` conformance writes through `JSONStream`: the same members, in the same order,
/// the same escaping, nil members left out.
@Suite struct JSONWriterTests {
    private static func written(_ value: some JSONWritable) -> String {
        String(decoding: JSONWriter.bytes(of: value), as: UTF8.self)
    }

    private static func encoded(_ value: some Encodable) throws -> String {
        String(buffer: try JSONStream.encodeThroughEncoder(value))
    }

    @Test func valuesAreWrittenAsTheEncoderWritesThem() throws {
        let texts = ["", "plain", "quote \" backslash \\ slash / newline \n tab \t return \r bell \u{07} unit \u{1F} é 🙂 \u{8}\u{C}", "\u{0}"]
        #expect(Self.written(texts) == (try Self.encoded(texts)))
        let numbers = [0, 7, -1, 10, 1_000_000, Int.max, Int.min]
        #expect(Self.written(numbers) == (try Self.encoded(numbers)))
        #expect(Self.written([true, false]) == (try Self.encoded([true, false])))
        // A plan for a go-live of 9999-12-31 runs into year 10000; arithmetic can go before year 1.
        let days = [Day(daysSinceEpoch: 0), Day(daysSinceEpoch: 20_420), try Day(year: 1, month: 1, day: 1), try Day(year: 9999, month: 12, day: 31),
                    try Day(year: 9999, month: 12, day: 31) + 400, try Day(year: 1, month: 1, day: 1) - 400, Day(daysSinceEpoch: -1_000_000)]
        #expect(Self.written(days) == (try Self.encoded(days)))
        let ids = [UUID(uuidString: "9DD461C7-C19A-4A41-BD92-7469295C3A62")!, UUID(uuid: (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255))]
        #expect(Self.written(ids) == (try Self.encoded(ids)))
        let dictionary = ["zeta": 1, "alpha": 2, "mid/dle": 3, "Beta": 4]
        #expect(Self.written(dictionary) == (try Self.encoded(dictionary)))
        #expect(Self.written([String: Int]()) == "{}")
        #expect(Self.written([[Int]]()) == "[]")
        #expect(Self.written([[1, 2], [], [3]]) == "[[1,2],[],[3]]")
        // Far more than the writer starts with room for, in pieces of every size: it grows.
        let long = (0..<3_000).map { String(repeating: "ab\"/", count: $0 % 97) }
        #expect(Self.written(long) == (try Self.encoded(long)))
        #expect(Self.written([String(repeating: "x", count: 50_000)]) == (try Self.encoded([String(repeating: "x", count: 50_000)])))
    }

    /// Every demo migration as every user who may read it, its list pages and portfolio as
    /// each user sees them.
    @Test func answersAreWrittenAsTheEncoderWritesThem() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let policy = app.cutover.policy, today = app.cutover.today
            var migrations = 0, items = 0
            for aggregate in aggregates {
                for (_, actor) in actors where policy.canSee(actor, aggregate.parties) {
                    let json = MigrationJSON(aggregate, for: actor, policy: policy, today: today)
                    #expect(Self.written(json) == (try Self.encoded(json)))
                    let created = CreatedJSON(id: UUID(), migration: json)
                    #expect(Self.written(created) == (try Self.encoded(created)))
                    migrations += 1
                }
            }
            for (_, actor) in actors {
                let list = MigrationList(sql: app.db as! any SQLDatabase, actor: actor, policy: policy, today: today)
                let page = try await list.page(MigrationFilter(pagination: Pagination(page: 1, per: 100)))
                #expect(Self.written(page) == (try Self.encoded(page)))
                items += page.items.count
                let store = PortfolioStore(list: list)
                let summary = try await store.summary(goLivesPerWeek: try await store.weekLoads(threshold: 1), threshold: 1)
                #expect(Self.written(summary) == (try Self.encoded(summary)))
            }
            #expect(migrations > 50)
            #expect(items > 50)
        }
    }

    /// Plans on either side of today, with deadlines met and findings, and one with no
    /// feasible go-live (its earliest written as null).
    @Test func plansAreWrittenAsTheEncoderWritesThem() throws {
        let today = try Day(year: 2026, month: 11, day: 25)
        let planner = Planner(calendar: WorkingCalendar())
        var reports: [PlanReport] = []
        for weeks in [-20, 2, 8, 30, 60] {
            let report = planner.report(goLive: today + 7 * weeks, today: today)
            #expect(!report.plan.deadlines.isEmpty)
            let first = report.plan.deadlines[0]
            reports.append(report)
            reports.append(PlanReport(plan: report.plan, today: today, feasible: false, earliestFeasibleGoLive: nil,
                                      findings: report.findings, done: [first.key], metOn: [first.key: today - 3]))
        }
        #expect(reports.contains { !$0.findings.isEmpty })
        for report in reports {
            #expect(Self.written(report) == (try Self.encoded(report)))
        }
    }

    /// The members left out when nil, and those that may hold any text.
    @Test func missingMembersAndOddTextAreWrittenAsTheEncoderWritesThem() throws {
        let listed = try JSONDecoder().decode(MigrationList.Listed.self, from: Data("""
            {"id":"\(UUID())","practiceOdsCode":"A/1","practiceName":"The \\"Surgery\\"\\n","sourceProduct":"Old","targetProduct":"New",
             "status":"proposed","currentPhase":"decision-and-funding","goLiveConfirmed":false,"overdueDeadlines":0,"deadlineStatus":"on-track"}
            """.utf8))
        let item = MigrationList.Item(listedJSON: listed.json, rag: RAG(colour: .green, reason: "Nothing is late or at risk"))
        let page = Page(items: [item, item], page: 3, per: 2, total: 5)
        #expect(Self.written(page) == (try Self.encoded(page)))
        let approval = MigrationJSON.Approval(approvedBy: nil, approvedOn: nil, fundingAmount: nil, fundingSource: nil)
        #expect(Self.written(approval) == "{}")
        #expect(Self.written(approval) == (try Self.encoded(approval)))
    }
}
