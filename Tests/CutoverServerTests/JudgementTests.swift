import Fluent
import Foundation
import MigrationKit
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

/// The lists read each migration's kept judgement (`JudgementStore`) instead of loading and
/// judging fifty migrations: kept or judged afresh, a list says what the migration's own
/// page says, and a kept judgement is used only for the version and the day it was made for.
@Suite struct JudgementTests {
    @Test func keptJudgementsSayWhatJudgingAfreshSays() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let today = app.cutover.today
            let refresher = JudgementRefresher(services: app.cutover, db: app.db)
            try await JudgementStore(app.db).forgetAll()
            let afresh = try await lists(app, actors)
            #expect(try await refresher.refresh() == aggregates.count)
            #expect(try await refresher.refresh() == 0, "all judged: nothing left to judge")
            let versions = Dictionary(uniqueKeysWithValues: aggregates.map { ($0.id, $0.record.version) })
            #expect(try await JudgementStore(app.db).current(versions, on: today).count == aggregates.count)
            let kept = try await lists(app, actors)
            #expect(kept == afresh)
            // And each item's status is the one its reader sees on the migration itself.
            var compared = 0
            for (who, actor) in actors {
                for item in kept[who] ?? [] {
                    let a = try #require(aggregates.first { $0.id == item.id })
                    let own = RAG(findings: a.seen(by: actor, policy: app.cutover.policy, today: today).findings)
                    #expect(item.rag == own.colour.rawValue && item.reason == own.reason, "\(who) on \(a.practice.name)")
                    #expect(item.next == a.state(today: today)?.nextDeadline?.key.rawValue, "\(who) on \(a.practice.name)")
                    compared += 1
                }
            }
            #expect(compared > 50)
        }
    }

    @Test func aKeptJudgementCountsOnlyForItsVersionAndDay() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let today = app.cutover.today
            let store = JudgementStore(app.db)
            try await JudgementRefresher(services: app.cutover, db: app.db).refresh()
            let a = try #require(aggregates.first { $0.state(today: today) != nil })
            let national = try #require(actors.first { $0.1.kind == .national }).1
            func item() async throws -> Seen? {
                try await lists(app, [("national", national)])["national"]?.first { $0.id == a.id }
            }
            let truth = try #require(try await item())
            // A judgement marked as today's for this version, but made from a year later's
            // state: the list shows what is kept (so it does read the kept one)...
            let forged = Judgement(a.state(today: today + 365), parties: a.parties, day: today)
            #expect(forged.overdueDeadlines != truth.overdue)
            try await store.keep([kept(a, a.record.version, forged)])
            #expect(try await item()?.overdue == forged.overdueDeadlines)
            // ...but not once the migration has moved on to another version...
            try await (app.db as! any SQLDatabase).raw("UPDATE migrations SET version = version + 1 WHERE id = \(bind: a.id)").run()
            #expect(try await item() == truth)
            // ...nor on another day.
            try await store.keep([kept(a, a.record.version + 1, Judgement(a.state(today: today + 365), parties: a.parties, day: today - 1))])
            #expect(try await store.current([a.id: a.record.version + 1], on: today).isEmpty)
            #expect(try await item() == truth)
        }
    }

    /// A list written from what was kept with each judgement is, byte for byte, the list
    /// written from the migrations judged as it is read, for every reader.
    @Test func aListFromKeptItemsIsTheListJudgedNow() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let sql = app.db as! any SQLDatabase
            func pages() async throws -> [String] {
                var pages: [String] = []
                for (_, actor) in actors {
                    let list = MigrationList(sql: sql, actor: actor, policy: app.cutover.policy, today: app.cutover.today)
                    let page = try await list.page(MigrationFilter(pagination: Pagination(page: 1, per: 100)))
                    pages.append(String(decoding: JSONWriter.bytes(of: page), as: UTF8.self))
                }
                return pages
            }
            try await JudgementStore(app.db).forgetAll()
            let judgedNow = try await pages()
            try await JudgementRefresher(services: app.cutover, db: app.db).refresh()
            let listed = try await sql.raw("SELECT COUNT(*) AS n FROM migration_judgements WHERE listed IS NOT NULL").first()?.decode(column: "n", as: Int.self)
            #expect(listed == aggregates.count)
            #expect(try await pages() == judgedNow)
            #expect(judgedNow.joined().contains("\"practiceName\""))
        }
    }

    /// Every reader's pages, in each order a list takes, hold each migration they may see
    /// once and in that order, whether its item was kept or is judged as it is read.
    @Test func pagesFollowEachOrderWithNoGapsOrRepeats() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let sql = app.db as! any SQLDatabase, policy = app.cutover.policy
            try await JudgementRefresher(services: app.cutover, db: app.db).refresh()
            // Every other judgement forgotten: pages mix kept items with items judged now.
            let forgotten = aggregates.map(\.id).sorted { $0.uuidString < $1.uuidString }.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            try await sql.raw("DELETE FROM migration_judgements WHERE migration_id IN (\(binds: forgotten))").run()
            let byID = Dictionary(uniqueKeysWithValues: aggregates.map { ($0.id, $0) })
            func key(_ a: MigrationAggregate, _ sort: MigrationList.Sort) -> [String] {
                // Ties (one practice's migrations on one day) may come in either order: the
                // id breaks them in the database's own collation.
                switch sort {
                case .goLive: [(a.record.actualGoLive ?? a.record.confirmedGoLive ?? a.record.provisionalGoLive)?.description ?? "9999-12-31", a.practice.odsCode]
                case .practice: [a.practice.odsCode]
                case .phase: [String(100 + a.record.currentPhase), a.practice.odsCode]
                }
            }
            var pages = 0
            for (who, actor) in actors {
                let visible = Set(aggregates.filter { policy.canSee(actor, $0.parties) }.map(\.id))
                let list = MigrationList(sql: sql, actor: actor, policy: policy, today: app.cutover.today)
                for sort in MigrationList.Sort.allCases {
                    var seen: [UUID] = []
                    for number in 1... {
                        let page = try await list.page(MigrationFilter(pagination: Pagination(page: number, per: 7)), sort: sort)
                        seen += try page.items.map { try $0.listed().id }
                        pages += 1
                        if page.items.count < 7 { break }
                    }
                    #expect(seen.count == visible.count && Set(seen) == visible, "\(who), \(sort)")
                    let keys = seen.compactMap { byID[$0].map { key($0, sort) } }
                    #expect(zip(keys, keys.dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) }, "\(who), \(sort): \(keys)")
                }
            }
            #expect(pages > 30)
        }
    }

    @Test func anOlderVersionNeverReplacesANewerOne() async throws {
        try await withDemoRegion { app, aggregates, _ in
            let today = app.cutover.today
            let store = JudgementStore(app.db)
            let a = try #require(aggregates.first { $0.state(today: today) != nil })
            let newer = Judgement(a.state(today: today), parties: a.parties, day: today)
            let older = Judgement(a.state(today: today + 365), parties: a.parties, day: today)
            try await store.keep([kept(a, a.record.version + 1, newer)])
            try await store.keep([kept(a, a.record.version, older)])
            #expect(try await store.current([a.id: a.record.version + 1], on: today)[a.id] == newer)
            // A later day of the same version does replace it.
            let tomorrow = Judgement(a.state(today: today + 1), parties: a.parties, day: today + 1)
            try await store.keep([kept(a, a.record.version + 1, tomorrow)])
            #expect(try await store.current([a.id: a.record.version + 1], on: today + 1)[a.id] == tomorrow)
        }
    }

    /// A batch of changes at the write gate may keep two versions of one migration at once:
    /// the later is kept, with its waiting steps alone.
    @Test func ofTwoVersionsKeptTogetherTheLaterIsKept() async throws {
        try await withDemoRegion { app, aggregates, _ in
            let today = app.cutover.today
            let a = try #require(aggregates.first { !$0.kept(policy: app.cutover.policy, today: today).steps.isEmpty })
            let steps = a.kept(policy: app.cutover.policy, today: today).steps
            let newer = Judgement(a.state(today: today), parties: a.parties, day: today)
            let older = Judgement(a.state(today: today + 365), parties: a.parties, day: today)
            try await JudgementStore(app.db).keep([
                JudgementStore.Kept(id: a.id, version: a.record.version + 2, judgement: newer, listed: listed(a, newer), steps: steps),
                JudgementStore.Kept(id: a.id, version: a.record.version + 1, judgement: older, listed: listed(a, older), steps: steps),
            ])
            #expect(try await JudgementStore(app.db).current([a.id: a.record.version + 2], on: today)[a.id] == newer)
            let versions = try await (app.db as! any SQLDatabase).raw("SELECT DISTINCT version FROM migration_steps WHERE migration_id = \(bind: a.id)").all()
            #expect(try versions.map { try $0.decode(column: "version", as: Int.self) } == [a.record.version + 2])
        }
    }

    /// The work queue reads the kept steps; they are the steps each reader's own commands
    /// say the migration waits on them for, and only for the migration's current version.
    @Test func theWorkQueueIsTheStepsEachReaderIsOffered() async throws {
        try await withDemoRegion { app, aggregates, actors in
            let policy = app.cutover.policy, today = app.cutover.today
            var compared = 0
            for (who, actor) in actors {
                let list = MigrationList(sql: app.db as! any SQLDatabase, actor: actor, policy: policy, today: today)
                let queued = try await WorkQueueStore(list: list).waiting(policy: policy)
                var expected: [UUID: Int] = [:]
                for a in aggregates where policy.canSee(actor, a.parties) {
                    let turns = a.facts(today: today).commands(for: actor, policy: policy, today: today).filter(\.isTurn).count
                    if turns > 0 { expected[a.id] = turns }
                }
                #expect(Dictionary(grouping: queued, by: \.migrationID).mapValues(\.count) == expected, "\(who)")
                compared += queued.count
            }
            #expect(compared > 10, "the demo region has steps waiting (\(compared))")
            // A step kept for an older version is not shown.
            let waiting = try #require(aggregates.first { a in actors.contains { policy.canSee($0.1, a.parties) && !a.facts(today: today).commands(for: $0.1, policy: policy, today: today).filter(\.isTurn).isEmpty } })
            try await (app.db as! any SQLDatabase).raw("UPDATE migrations SET version = version + 1 WHERE id = \(bind: waiting.id)").run()
            for (_, actor) in actors {
                let queued = try await WorkQueueStore(list: MigrationList(sql: app.db as! any SQLDatabase, actor: actor, policy: policy, today: today)).waiting(policy: policy)
                #expect(!queued.contains { $0.migrationID == waiting.id })
            }
        }
    }

    /// Two instances keeping one migration's steps at once cannot list a step twice.
    @Test func aStepIsKeptOncePerVersion() async throws {
        try await withDemoRegion { app, aggregates, _ in
            let policy = app.cutover.policy, today = app.cutover.today
            let a = try #require(aggregates.first { !$0.kept(policy: policy, today: today).steps.isEmpty })
            let kept = a.kept(policy: policy, today: today)
            try await JudgementStore(app.db).keep([kept])
            let sql = app.db as! any SQLDatabase
            let step = kept.steps[0]
            await #expect(throws: (any Error).self) {
                try await sql.raw("""
                    INSERT INTO migration_steps (id, migration_id, version, organisation_id, title)
                    VALUES (\(bind: UUID()), \(bind: a.id), \(bind: a.record.version), \(bind: step.organisation), \(bind: step.title))
                    """).run()
            }
        }
    }

    @Test func aStepAndAProductChangeKeepTheListsRight() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let id = try await world.createMigration(call)
            let store = JudgementStore(app.db)
            let version = { try await MigrationStore(app.db).load(UUID(uuidString: id)!)!.record.version }
            // Creating and each step keep the migration's judgement for its new version.
            #expect(try await store.current([UUID(uuidString: id)!: try await version()], on: app.cutover.today).count == 1)
            let added = try await call.send(.POST, "/api/v1/migrations/\(id)/action-items", as: world.token(.deliveryPartner), json: #"{"title": "Book the trainer", "phase": "kick-off", "owner": "practice"}"#)
            #expect(added.status == .created, "\(added.body.string)")
            #expect(try await store.current([UUID(uuidString: id)!: try await version()], on: app.cutover.today).count == 1)
            // A product's new lead time moves the plans that use it: their judgements go.
            let migration = try #require(try await MigrationStore(app.db).load(UUID(uuidString: id)!))
            let admin = try await Browser.signIn(.national, app: app)
            let saved = try await admin.post("/admin/products/\(migration.sourceProduct.id)", [("extractLeadDays", "40")])
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            #expect(try await store.current([migration.id: migration.record.version], on: app.cutover.today).isEmpty)
            // The plan moves at once; the kept deadline rows, which reminders read, move when
            // `PlanKeeper` works through the migrations the change queued.
            let plan = try await call.send(.GET, "/api/v1/migrations/\(id)/plan", as: world.token(.deliveryPartner)).json
            let planned = Dictionary(uniqueKeysWithValues: (plan["deadlines"] as? [[String: Any]] ?? []).map { ($0["id"] as! String, $0["due"] as! String) })
            let keptDue = {
                let kept = try await (app.db as! any SQLDatabase).raw("SELECT kind, due FROM deadlines WHERE migration_id = \(bind: migration.id)").all()
                return Dictionary(uniqueKeysWithValues: try kept.map { (try $0.decode(column: "kind", as: String.self), try $0.decode(column: "due", as: String.self)) })
            }
            #expect(try await keptDue()["data-extract-request"] != planned["data-extract-request"], "the new lead time moves the extract deadline")
            #expect(try await ReplanQueue(app.db).count() == 1)
            #expect(try await PlanKeeper(services: app.cutover, db: app.db).catchUp() == 1)
            #expect(try await keptDue() == planned)
            #expect(try await keptDue()["data-extract-request"] != nil)
            #expect(try await ReplanQueue(app.db).count() == 0)
        }
    }
}

/// What a list item says of its migration, as compared by these tests.
struct Seen: Equatable {
    let id: UUID, rag: String, reason: String, next: String?, overdue: Int, deadlineStatus: String
}

/// Every migration each actor's list holds, as that actor reads it.
private func lists(_ app: Application, _ actors: [(String, Actor)]) async throws -> [String: [Seen]] {
    var seen: [String: [Seen]] = [:]
    for (who, actor) in actors {
        let list = MigrationList(sql: app.db as! any SQLDatabase, actor: actor, policy: app.cutover.policy, today: app.cutover.today)
        let page = try await list.page(MigrationFilter(pagination: Pagination(page: 1, per: 100)))
        seen[who] = try page.items.map { item in
            let listed = try item.listed()
            return Seen(id: listed.id, rag: item.rag.colour.rawValue, reason: item.rag.reason, next: listed.nextDeadline?.id, overdue: listed.overdueDeadlines, deadlineStatus: listed.deadlineStatus)
        }
    }
    return seen
}

/// A judgement of `migration` to keep, with what its lists show made from it, and no
/// waiting steps.
private func kept(_ migration: MigrationAggregate, _ version: Int, _ judgement: Judgement) -> JudgementStore.Kept {
    JudgementStore.Kept(id: migration.id, version: version, judgement: judgement, listed: listed(migration, judgement), steps: [])
}

private func listed(_ migration: MigrationAggregate, _ judgement: Judgement) -> String {
    MigrationList.Listed(migration, judgement: judgement).json
}

extension JudgementStore {
    /// The judgements kept for these migrations at these versions on `day` (what `keep`
    /// left in the table, read for the tests; the lists read it with `kept(in:)`).
    func current(_ versions: [UUID: Int], on day: Day) async throws -> [UUID: Judgement] {
        guard !versions.isEmpty else { return [:] }
        var found: [UUID: Judgement] = [:]
        let rows = try await sql.raw("""
            SELECT migration_id, version, judgement FROM migration_judgements
            WHERE migration_id IN (\(binds: Array(versions.keys))) AND judged_on = \(bind: day.description)
            """).all()
        for row in rows {
            let id = try row.decode(column: "migration_id", as: UUID.self)
            guard try row.decode(column: "version", as: Int.self) == versions[id],
                  let judgement = Judgement(keptText: try row.decode(column: "judgement", as: String.self)) else { continue }
            found[id] = judgement
        }
        return found
    }
}
