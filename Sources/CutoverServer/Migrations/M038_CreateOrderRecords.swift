import Fluent
import Foundation
import MigrationKit
import SQLKit

/// The national order's side of a migration: each product's order line with its payment
/// milestones (`order_lines`), and the deployment survey as its own record
/// (`deployment_surveys`) instead of a sign-off. Surveys recorded as sign-offs move over:
/// an ended migration's as confirmed (its go-live becomes actual M1, as the administrator
/// would have recorded it), a live one's as sent and waiting for confirmation; scores of
/// 1 to 10 become 1 to 5.
struct M038_CreateOrderRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { try await create(on: $0) }
    }

    private func create(on database: any Database) async throws {
        try await database.schema("order_lines")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("product_id", .uuid, .required, .references("products", "id"))
            .field("call_off_id", .string)
            .field("m1_planned", .string)
            .field("m1_actual", .string)
            .field("m2", .string)
            .field("cease_on", .string)
            .unique(on: "migration_id", "product_id")
            .create()
        try await database.schema("deployment_surveys")
            .id()
            .field("migration_id", .uuid, .required, .references("migrations", "id"))
            .field("go_live", .string, .required)
            .field("score", .int, .required)
            .field("comments", .string, .required)
            .field("submitted_by", .uuid, .required)
            .field("submitted_on", .string, .required)
            .field("status", .string, .required)
            .field("decided_by", .uuid)
            .field("decided_on", .string)
            .field("return_reason", .string)
            .unique(on: "migration_id")
            .create()

        struct Signed: Decodable {
            let migration_id: UUID, user_id: UUID, signed_on: Day, comment: String, score: Int?
            let status: MigrationStatus, actual_go_live: Day?, target_product_id: UUID
        }
        let sql = database as! any SQLDatabase
        let signed = try await sql.raw("""
            SELECT s.migration_id, s.user_id, s.signed_on, s.comment, s.score, m.status, m.actual_go_live, m.target_product_id
            FROM sign_offs s JOIN migrations m ON m.id = s.migration_id WHERE s.kind = 'deployment-survey'
            """).all(decoding: Signed.self)
        for old in signed {
            var survey = DeploymentSurvey(goLive: old.actual_go_live ?? old.signed_on, score: min(5, max(1, ((old.score ?? 6) + 1) / 2)),
                                          comments: old.comment, submittedBy: old.user_id, submittedOn: old.signed_on)
            if old.status == .completed {
                survey = try survey.confirming(by: old.user_id, on: old.signed_on)
                let line = OrderLineRow(migrationID: old.migration_id, OrderLine(product: old.target_product_id, m1Actual: survey.goLive))
                try await sql.insert(into: OrderLineRow.table).model(line, nilEncodingStrategy: .asNil).run()
            }
            try await sql.insert(into: DeploymentSurveyRow.table).model(DeploymentSurveyRow(migrationID: old.migration_id, survey), nilEncodingStrategy: .asNil).run()
        }
        try await sql.delete(from: "sign_offs").where("kind", .equal, "deployment-survey").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("deployment_surveys").delete()
        try await database.schema("order_lines").delete()
    }
}
