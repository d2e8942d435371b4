import MigrationKit
import Vapor

/// A migration as the API shows it to one actor. Suppliers get only the parts that concern
/// them: no business case or funding, no notices, and only their own Schedule As and extracts.
struct MigrationJSON: Content {
    struct PracticeJSON: Content {
        let id: UUID, odsCode: String, name: String, listSize: Int
    }
    struct Approval: Content {
        let approvedBy: UUID?, approvedOn: Day?, fundingAmount: Int?, fundingSource: String?
    }
    struct ScheduleAJSON: Content {
        let id: UUID, kind: ScheduleA.Kind, product: ProductJSON?, supplierId: UUID, status: ScheduleA.Status, calledOffOn: Day
        let commissionerDecidedOn: Day?, supplierDecidedOn: Day?, rejectionReason: String?, confirmedGoLive: Day?, proposedGoLives: [Day]
    }
    struct ExtractJSON: Content {
        let id: UUID, supplierId: UUID, supplierName: String, status: DataExtractRequest.Status, requestedOn: Day
        let formSentOn: Day?, formReturnedOn: Day?, dataProductionDays: [Day], transferredOn: Day?
    }
    struct NoticeJSON: Content {
        let id: UUID, recipient: String, service: NoticeService, sentOn: Day?
    }
    struct MilestoneJSON: Content {
        let id: String, phase: Int, title: String, plannedStart: Day?, plannedEnd: Day?, actualStart: Day?, actualEnd: Day?
    }
    struct SignOffJSON: Content {
        let id: UUID, kind: SignOffKind, signerName: String, signedOn: Day, comment: String
    }
    struct DeploymentSurveyJSON: Content {
        let goLive: Day, score: Int, comments: String, submittedOn: Day, status: DeploymentSurvey.Status
        let decidedOn: Day?, returnReason: String?
    }
    /// One product's line of the order, with its payment milestones.
    struct OrderLineJSON: Content {
        let product: ProductJSON, callOffId: String?, m1Planned: Day?, m1Actual: Day?, m2: Day?, cease: Day?
    }
    /// A party's agreement to the provisional go-live.
    struct AgreementJSON: Content {
        let party: Party, on: Day
    }
    struct ActionItemJSON: Content {
        let id: UUID, title: String, phase: String, owner: Party, due: Day?, status: ActionItemStatus
    }

    let id: UUID
    let version: Int
    let practice: PracticeJSON
    let sourceProduct: ProductJSON
    let targetProduct: ProductJSON
    let submodules: [ProductJSON]
    let subsidiaries: [ProductJSON]
    let status: MigrationStatus
    let currentPhase: String
    /// Red, amber or green, and why (`RAG`), from the findings this reader may see.
    let rag: RAG.Colour
    let ragReason: String
    let businessCase: BusinessCase?
    /// Set while the commissioner's return waits for the practice's revised case.
    let businessCaseReturned: ReturnedBusinessCase?
    let approval: Approval?
    let provisionalGoLive: Day?
    /// Who has agreed to the provisional go-live, and who has still to (`ProvisionalGoLive`).
    let provisionalGoLiveAgreements: [AgreementJSON]
    let provisionalGoLiveWaitingFor: [Party]
    let confirmedGoLive: Day?
    let actualGoLive: Day?
    let endedOn: Day?
    let registeredOn: Day?
    let registrationReference: String?
    let kickOff: Day?
    let technicalSurvey: Day?
    let overrides: [String: Int]
    let blackouts: [Blackout]
    let scheduleAs: [ScheduleAJSON]
    let extractRequests: [ExtractJSON]
    let notices: [NoticeJSON]?
    let milestones: [MilestoneJSON]
    let signOffs: [SignOffJSON]
    /// Omitted for those who may not see it (`AccessPolicy.seesDeploymentSurvey`).
    let deploymentSurvey: DeploymentSurveyJSON?
    /// The lines of the products whose Schedule A the reader may see.
    let orderLines: [OrderLineJSON]
    let actionItems: [ActionItemJSON]

    /// The migration as `actor` may see it on `today` (`MigrationAggregate.seen`).
    init(_ a: MigrationAggregate, for actor: Actor, policy: AccessPolicy, today: Day) {
        self.init(a.seen(by: actor, policy: policy, today: today))
    }

    /// Everything in `seen`: what its reader may not see is not in it.
    init(_ seen: SeenMigration) {
        let a = seen.migration, r = a.record
        let product = ProductJSON.init(_:) as (ProductRow) -> ProductJSON
        let products = a.products
        id = a.id
        version = r.version
        practice = PracticeJSON(id: a.practice.id, odsCode: a.practice.odsCode, name: a.practice.name, listSize: a.practice.listSize)
        sourceProduct = product(a.sourceProduct)
        targetProduct = product(a.targetProduct)
        submodules = a.submodules.map(product)
        subsidiaries = seen.subsidiaries.map(product)
        status = r.status
        currentPhase = (Phase(rawValue: r.currentPhase) ?? .decisionAndFunding).id
        let status = RAG(findings: seen.findings)
        rag = status.colour
        ragReason = status.reason
        businessCase = seen.businessCase
        businessCaseReturned = seen.returnedBusinessCase
        approval = seen.approved
            ? Approval(approvedBy: r.approvedBy, approvedOn: r.approvedOn, fundingAmount: r.fundingAmount, fundingSource: r.fundingSource) : nil
        provisionalGoLive = r.provisionalGoLive
        let provisional = r.provisional
        provisionalGoLiveAgreements = ProvisionalGoLive.agreeingParties.compactMap { party in provisional?.agreements[party].map { AgreementJSON(party: party, on: $0) } }
        provisionalGoLiveWaitingFor = provisional?.waitingFor ?? []
        confirmedGoLive = r.confirmedGoLive
        actualGoLive = r.actualGoLive
        endedOn = r.endedOn
        registeredOn = r.registeredOn
        registrationReference = r.registrationReference
        kickOff = r.kickOffOn
        technicalSurvey = r.surveyOn
        overrides = r.overrides
        blackouts = seen.blackouts
        scheduleAs = seen.scheduleAs.map { s in
            ScheduleAJSON(
                id: s.id, kind: s.kind, product: products[s.productID].map(product), supplierId: s.supplierID, status: s.status,
                calledOffOn: s.calledOffOn, commissionerDecidedOn: s.commissionerDecidedOn, supplierDecidedOn: s.supplierDecidedOn,
                rejectionReason: s.rejectionReason, confirmedGoLive: s.confirmedGoLive, proposedGoLives: s.proposedGoLives)
        }
        extractRequests = seen.extractRequests.map { e in
            ExtractJSON(
                id: e.id, supplierId: e.supplierID, supplierName: a.supplierName(e.supplierID), status: e.status, requestedOn: e.requestedOn,
                formSentOn: e.formSentOn, formReturnedOn: e.formReturnedOn, dataProductionDays: e.dataProductionDays,
                transferredOn: e.transferredOn)
        }
        notices = seen.notices?.map { NoticeJSON(id: $0.id, recipient: $0.recipient, service: $0.service, sentOn: $0.sentOn) }
        milestones = a.milestones.compactMap { m in
            guard let phase = Phase(rawValue: m.phase) else { return nil }
            return MilestoneJSON(id: phase.id, phase: phase.rawValue, title: phase.title, plannedStart: m.plannedStart, plannedEnd: m.plannedEnd, actualStart: m.actualStart, actualEnd: m.actualEnd)
        }
        signOffs = a.signOffs.sorted { $0.kind.phase < $1.kind.phase }.map {
            SignOffJSON(id: $0.id, kind: $0.kind, signerName: $0.signerName, signedOn: $0.signedOn, comment: $0.comment)
        }
        deploymentSurvey = seen.deploymentSurvey.map {
            DeploymentSurveyJSON(goLive: $0.goLive, score: $0.score, comments: $0.comments, submittedOn: $0.submittedOn, status: $0.status,
                                 decidedOn: $0.decidedOn, returnReason: $0.returnReason)
        }
        orderLines = seen.orderLines.compactMap { line in
            products[line.productID].map { OrderLineJSON(product: product($0), callOffId: line.callOffID, m1Planned: line.m1Planned, m1Actual: line.m1Actual, m2: line.m2, cease: line.ceaseOn) }
        }.sorted { $0.product.code < $1.product.code }
        actionItems = seen.actionItems.sorted { ($0.due?.daysSinceEpoch ?? .max) < ($1.due?.daysSinceEpoch ?? .max) }.map {
            ActionItemJSON(id: $0.id, title: $0.title, phase: (Phase(rawValue: $0.phase) ?? .decisionAndFunding).id, owner: $0.owner, due: $0.due, status: $0.status)
        }
    }
}

extension Blackout: Content {}
extension BusinessCase: Content {}

// The members in the order they are declared above, as `Encodable` writes them
// (`JSONWriterTests` compares the bytes).
extension MigrationJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("version", version)
            json.member("practice", practice)
            json.member("sourceProduct", sourceProduct)
            json.member("targetProduct", targetProduct)
            json.member("submodules", submodules)
            json.member("subsidiaries", subsidiaries)
            json.member("status", status)
            json.member("currentPhase", currentPhase)
            json.member("rag", rag)
            json.member("ragReason", ragReason)
            json.member("businessCase", businessCase)
            json.member("businessCaseReturned", businessCaseReturned)
            json.member("approval", approval)
            json.member("provisionalGoLive", provisionalGoLive)
            json.member("provisionalGoLiveAgreements", provisionalGoLiveAgreements)
            json.member("provisionalGoLiveWaitingFor", provisionalGoLiveWaitingFor)
            json.member("confirmedGoLive", confirmedGoLive)
            json.member("actualGoLive", actualGoLive)
            json.member("endedOn", endedOn)
            json.member("registeredOn", registeredOn)
            json.member("registrationReference", registrationReference)
            json.member("kickOff", kickOff)
            json.member("technicalSurvey", technicalSurvey)
            json.member("overrides", overrides)
            json.member("blackouts", blackouts)
            json.member("scheduleAs", scheduleAs)
            json.member("extractRequests", extractRequests)
            json.member("notices", notices)
            json.member("milestones", milestones)
            json.member("signOffs", signOffs)
            json.member("deploymentSurvey", deploymentSurvey)
            json.member("orderLines", orderLines)
            json.member("actionItems", actionItems)
        }
    }
}

extension MigrationJSON.PracticeJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("odsCode", odsCode)
            json.member("name", name)
            json.member("listSize", listSize)
        }
    }
}

extension MigrationJSON.Approval: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("approvedBy", approvedBy)
            json.member("approvedOn", approvedOn)
            json.member("fundingAmount", fundingAmount)
            json.member("fundingSource", fundingSource)
        }
    }
}

extension MigrationJSON.ScheduleAJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("kind", kind)
            json.member("product", product)
            json.member("supplierId", supplierId)
            json.member("status", status)
            json.member("calledOffOn", calledOffOn)
            json.member("commissionerDecidedOn", commissionerDecidedOn)
            json.member("supplierDecidedOn", supplierDecidedOn)
            json.member("rejectionReason", rejectionReason)
            json.member("confirmedGoLive", confirmedGoLive)
            json.member("proposedGoLives", proposedGoLives)
        }
    }
}

extension MigrationJSON.ExtractJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("supplierId", supplierId)
            json.member("supplierName", supplierName)
            json.member("status", status)
            json.member("requestedOn", requestedOn)
            json.member("formSentOn", formSentOn)
            json.member("formReturnedOn", formReturnedOn)
            json.member("dataProductionDays", dataProductionDays)
            json.member("transferredOn", transferredOn)
        }
    }
}

extension MigrationJSON.NoticeJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("recipient", recipient)
            json.member("service", service)
            json.member("sentOn", sentOn)
        }
    }
}

extension MigrationJSON.MilestoneJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("phase", phase)
            json.member("title", title)
            json.member("plannedStart", plannedStart)
            json.member("plannedEnd", plannedEnd)
            json.member("actualStart", actualStart)
            json.member("actualEnd", actualEnd)
        }
    }
}

extension MigrationJSON.SignOffJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("kind", kind)
            json.member("signerName", signerName)
            json.member("signedOn", signedOn)
            json.member("comment", comment)
        }
    }
}

extension MigrationJSON.DeploymentSurveyJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("goLive", goLive)
            json.member("score", score)
            json.member("comments", comments)
            json.member("submittedOn", submittedOn)
            json.member("status", status)
            json.member("decidedOn", decidedOn)
            json.member("returnReason", returnReason)
        }
    }
}

extension MigrationJSON.OrderLineJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("product", product)
            json.member("callOffId", callOffId)
            json.member("m1Planned", m1Planned)
            json.member("m1Actual", m1Actual)
            json.member("m2", m2)
            json.member("cease", cease)
        }
    }
}

extension MigrationJSON.AgreementJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("party", party)
            json.member("on", on)
        }
    }
}

extension MigrationJSON.ActionItemJSON: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("title", title)
            json.member("phase", phase)
            json.member("owner", owner)
            json.member("due", due)
            json.member("status", status)
        }
    }
}

extension BusinessCase: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("drivers", drivers)
            json.member("considerations", considerations)
            json.member("strategicFit", strategicFit)
        }
    }
}

extension ReturnedBusinessCase: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("reason", reason)
            json.member("returnedOn", returnedOn)
        }
    }
}

/// As `Blackout.encode(to:)` writes it.
extension Blackout: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("start", range.start)
            json.member("end", range.end)
            json.member("reason", reason)
        }
    }
}

extension MigrationStatus: JSONWritableText {}
extension RAG.Colour: JSONWritableText {}
extension Party: JSONWritableText {}
extension ScheduleA.Kind: JSONWritableText {}
extension ScheduleA.Status: JSONWritableText {}
extension DataExtractRequest.Status: JSONWritableText {}
extension NoticeService: JSONWritableText {}
extension SignOffKind: JSONWritableText {}
extension DeploymentSurvey.Status: JSONWritableText {}
extension ActionItemStatus: JSONWritableText {}
