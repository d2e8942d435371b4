import Fluent
import MigrationKit
import Vapor

/// A large region for the benchmark: the demo region plus generated practices and
/// `count` migrations in every stage, each with its plan, records and history.
public enum LoadTestData {
    public static func seed(_ app: Application, migrations count: Int, log: @Sendable (String) -> Void) async throws {
        _ = try await DemoRegion.seed(app)
        let services = app.cutover
        let (today, now) = (services.today, services.now)
        let db = app.db
        let icb = try await Organisation.query(on: db).filter(\.$kind == .commissioner).first()!
        let csu = try await Organisation.query(on: db).filter(\.$kind == .deliveryPartner).first()!
        let principals = try await Product.query(on: db).filter(\.$kind == .principal).all()
        let subsidiaries = try await Product.query(on: db).filter(\.$kind == .subsidiary).all()
        let actors = DemoActors(
            csu: try await User.query(on: db).filter(\.$email == "pm@csu.demo.test").first()!,
            icb: try await User.query(on: db).filter(\.$email == "commissioning@icb.demo.test").first()!)
        let stages: [DemoStory.Stage] = [.proposed, .approved, .calledOff, .procured, .late, .preMigration, .dataChecking, .cutover, .live, .completed]
        // One practice per migration: a practice has at most one migration open.
        let practiceCount = max(1, count)
        var random = SplitMix64(seed: 2026)
        var practices: [Practice] = []
        let batch = 500
        for start in stride(from: 0, to: practiceCount, by: batch) {
            practices += try await db.transaction { db in
                var added: [Practice] = []
                for index in start..<min(start + batch, practiceCount) {
                    let ods = "P\(String(format: "%05d", index))"
                    let org = Organisation(kind: .practice, name: "Practice \(ods)", code: ods)
                    try await org.create(on: db)
                    let practice = Practice(odsCode: ods, name: "Practice \(ods)", organisationID: org.id!, commissionerID: icb.id!, deliveryPartnerID: csu.id!, listSize: 2_000 + index % 15_000)
                    try await practice.create(on: db)
                    added.append(practice)
                }
                return added
            }
        }
        log("\(practiceCount) practices added")
        for start in stride(from: 0, to: count, by: batch) {
            let chunk = (start..<min(start + batch, count)).map { index in
                let source = principals[Int(random.next() % UInt64(principals.count))]
                var target = principals[Int(random.next() % UInt64(principals.count))]
                if target.id == source.id { target = principals.first { $0.id != source.id }! }
                let stage = stages[Int(random.next() % UInt64(stages.count))]
                let goLiveIn: Int = switch stage {
                case .proposed, .approved: 120 + Int(random.next() % 200)
                case .calledOff, .procured: 90 + Int(random.next() % 120)
                case .late: 20 + Int(random.next() % 60)
                case .preMigration: 25 + Int(random.next() % 15)
                case .dataChecking: 8 + Int(random.next() % 10)
                case .cutover: 1 + Int(random.next() % 4)
                case .live: -Int(random.next() % 80)
                case .completed: -(100 + Int(random.next() % 400))
                }
                let extra = random.next() % 3 == 0 ? [subsidiaries[Int(random.next() % UInt64(subsidiaries.count))]] : []
                return DemoStory(practice: practices[index], route: (source, target), goLiveIn: goLiveIn, stage: stage, subsidiaries: extra)
            }
            try await db.transaction { db in
                for story in chunk { try await story.create(on: db, today: today, now: now, actors: actors) }
            }
            log("\(min(start + batch, count)) of \(count) migrations added")
        }
    }
}
