import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import MigrationKit
import SQLKit
import Vapor

/// Builds the application: storage, schema, middleware and routes. `cutover serve` and the
/// tests both call this, so what the tests check is what runs.
public func configure(_ app: Application, _ configuration: ServerConfiguration) async throws {
    app.http.server.configuration.hostname = configuration.host
    app.http.server.configuration.port = configuration.port
    app.routes.defaultMaxBodySize = ByteCount(value: configuration.maxBodyBytes)
    app.passwords.use(.bcrypt(cost: configuration.bcryptCost))

    var gate: WriteGate?
    var reader: SQLiteReader?
    switch configuration.storage {
    case .sqliteFile(let directory):
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // WAL lets several readers work at once; writes queue behind the write gate, which
        // writes on a connection, thread and event loop of its own (`WriterLoop`).
        app.databases.use(.sqlite(.file("\(directory)/cutover.sqlite"), maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .sqlite)
        let writer = WriterLoop(sqliteFile: "\(directory)/cutover.sqlite", logger: app.logger)
        app.lifecycle.use(writer)
        let fileReader = SQLiteReader(path: "\(directory)/cutover.sqlite", threads: System.coreCount)
        app.lifecycle.use(fileReader)
        reader = fileReader
        gate = CutoverServices.sqliteWriteGate(writer: writer)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        gate = CutoverServices.sqliteWriteGate()
    case .postgres(let url):
        // More than one connection per event loop: `StartupLock` holds one while the
        // schema migrations run on another.
        app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
    }
    app.cutover = CutoverServices(configuration: configuration, policy: AccessPolicy(settings: configuration.region), writeGate: gate, reader: reader)

    if case .sqliteFile = configuration.storage {
        // WAL lets readers carry on while one writer commits; it is a property of the file.
        _ = try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").all()
    }

    for migration in SchemaMigrations.all { app.migrations.add(migration) }
    try await StartupLock.holding(app) { try await app.autoMigrate() }

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeaders())
    app.middleware.use(APIErrorMiddleware())
    // Stylesheet and other static files, shipped as package resources.
    let resources = Bundle.module.resourceURL!
    PublicFiles.register(on: app, directory: resources.appendingPathComponent("Public").path + "/")
    // The resource bundle lives under .build when run with `swift run`: hidden folders must
    // be allowed, so only the sandbox and the .leaf extension limit what Leaf may read.
    let views = resources.appendingPathComponent("Views").path + "/"
    app.leaf.configuration.rootDirectory = views
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions, .onlyLeafExtensions], sandboxDirectory: views, viewDirectory: views))
    app.leaf.cache.isEnabled = app.environment.isRelease
    app.views.use(.leaf)
    try routes(app)
}

/// The schema, in order. Append only: never edit a migration that has shipped.
enum SchemaMigrations {
    static let all: [any Migration] = [
        M001_CreateOrganisations(),
        M002_CreateUsers(),
        M003_CreateAPITokens(),
        M004_CreatePractices(),
        M005_CreateProducts(),
        M006_CreateMigrations(),
        M007_CreateMigrationProducts(),
        M008_CreateScheduleAs(),
        M009_CreateExtractRequests(),
        M010_CreateNotices(),
        M011_CreateMilestones(),
        M012_CreateDeadlines(),
        M013_CreateSignOffs(),
        M014_CreateActionItems(),
        M015_CreateAuditEvents(),
        M016_CreatePlanVersions(),
        M017_CreateIndexes(),
        M018_AddMetDeadlines(),
        M019_IndexDeadlinesByMigration(),
        M020_CreateWebSessions(),
        M021_CreateChecklistTicks(),
        M022_CreateChangeCounter(),
        M023_AddAuditVersion(),
        M024_CreateSignInFailures(),
        M025_AddProvisionalGoLiveAgreements(),
        M026_DropChangeCounter(),
        M027_IndexMigrationsByGoLive(),
        M028_AddDeadlineSupplier(),
        M029_IndexListsByGoLive(),
        M030_CreateMigrationJudgements(),
        M031_CreateMigrationSteps(),
        M032_CoverGoLivesPerWeek(),
        M033_AddStepDeadline(),
        M034_UniqueMigrationSteps(),
        M035_AddReturnedBusinessCase(),
        M036_AddStepDue(),
        M037_CreateCalendars(),
        M038_CreateOrderRecords(),
        M039_CreateOutbox(),
        M040_AddOutcomePhases(),
        M041_CoverPortfolio(),
        M042_IndexChangedMigrations(),
        M043_DropScopeIndex(),
        M044_CreatePendingReplans(),
        M045_CreatePortfolioCounts(),
        M046_IndexOrganisationsByKind(),
        M047_KeepPracticeCodeOnMigrations(),
        M048_IndexTaskQueues(),
        M049_KeepListedItems(),
    ]
}
