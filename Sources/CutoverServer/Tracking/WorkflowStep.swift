import Fluent
import MigrationKit
import Vapor

/// One change to a migration: who may make it (asked of the policy with the loaded
/// migration) and what it does inside the transaction, returning its audit entry.
struct WorkflowStep: Sendable {
    let authorize: @Sendable (MigrationAggregate) throws -> WorkflowAction
    /// The collection the step adds an item to (its audit entry names the item), if any.
    var creates: MigrationItem? = nil
    /// Changes the loaded migration (a copy) and returns the audit entry; `MigrationWriter`
    /// saves what it changed. Only records outside the migration are written through `db`.
    let change: @Sendable (inout MigrationAggregate, any Database) async throws -> AuditEntry

    init(authorize: @escaping @Sendable (MigrationAggregate) throws -> WorkflowAction, creates: MigrationItem? = nil,
         change: @escaping @Sendable (inout MigrationAggregate, any Database) async throws -> AuditEntry) {
        self.authorize = authorize
        self.creates = creates
        self.change = change
    }
}

/// What a step needs from the request that asks for it, whether it came from the API
/// (JSON) or from a web form.
protocol StepInput {
    var today: Day { get }
    var actor: Actor { get throws }
    var policy: AccessPolicy { get }
    func body<T: Decodable>(_ type: T.Type) throws -> T
    func itemID(what: String) throws -> UUID
    func parameter(_ name: String) -> String?
}

/// The API's input: a JSON body and the path's parameters.
extension Request: StepInput {
    var today: Day { cutover.today }
    var actor: Actor { get throws { try currentUser().actor } }
    var policy: AccessPolicy { cutover.policy }

    func itemID(what: String) throws -> UUID { try uuid("itemID", what: what) }

    func parameter(_ name: String) -> String? { parameters.get(name) }

    /// Runs a step on the migration named in the path, as the signed-in user: the migration
    /// as it now is, or for a step that adds an item, 201 with the item's id and address.
    func run(_ step: WorkflowStep) async throws -> Response {
        let changed = try await perform(step)
        guard let item = step.creates, let itemID = changed.entry.entityID else { return try migrationResponse(changed) }
        return try createdResponse(item, itemID, in: changed)
    }

    func perform(_ step: WorkflowStep) async throws -> MigrationWriter.Changed {
        let writer = MigrationWriter(services: cutover, actor: try currentUser().actor)
        return try await writer.change(try uuid("migrationID"), expectedVersion: try ifMatchVersion(), on: db, authorize: step.authorize, step.change)
    }
}
