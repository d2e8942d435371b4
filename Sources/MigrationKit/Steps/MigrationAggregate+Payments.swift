import Foundation

/// The steps that pay the new system's supplier: the practice's deployment survey, which
/// once confirmed sets actual M1 on the new system's order line, and the commissioner's
/// confirmation of service stability (M2).
extension MigrationAggregate {
    /// The practice fills in the deployment survey after go-live (again, once returned),
    /// and answers it.
    @discardableResult
    public mutating func fillInDeploymentSurvey(goLive: Day, score: Int, comments: String, by user: UUID, today: Day) throws(WorkflowError) -> DeploymentSurveyRow {
        try check(.fillInDeploymentSurvey(returned: deploymentSurvey?.returnReason), today: today)
        let current = deploymentSurveys.first
        let survey = try DeploymentSurvey.fillingIn(goLive: goLive, score: score, comments: comments, by: user, today: today,
                                                    wentLiveOn: record.actualGoLive, current: current?.domain)
        let row = DeploymentSurveyRow(id: current?.id ?? UUID(), migrationID: id, survey)
        deploymentSurveys = [row]
        return row
    }

    /// The order records' administrator confirms the survey: actual M1 on the new system's
    /// order line is the go-live it gives.
    public mutating func confirmDeploymentSurvey(by user: UUID, today: Day) throws(WorkflowError) {
        try check(.decideDeploymentSurvey, today: today)
        var row = deploymentSurveys[0] // the check found it sent
        row.apply(try row.domain.confirming(by: user, on: today))
        deploymentSurveys = [row]
        var line = orderLine(of: targetProduct.id)
        line.m1Actual = row.goLive
        setOrderLine(line)
    }

    /// ...or returns it to the practice with a reason.
    public mutating func returnDeploymentSurvey(reason: String, by user: UUID, today: Day) throws(WorkflowError) {
        try check(.decideDeploymentSurvey, today: today)
        var row = deploymentSurveys[0]
        row.apply(try row.domain.returning(reason: reason, by: user, on: today))
        deploymentSurveys = [row]
    }

    /// The commissioner confirms service stability (M2) on the new system's order line, and
    /// answers that line.
    @discardableResult
    public mutating func recordServiceStability(on day: Day, today: Day) throws(WorkflowError) -> OrderLineRow {
        try check(.recordServiceStability, today: today)
        var line = orderLine(of: targetProduct.id)
        line.m2 = try PaymentMilestones.recordingServiceStability(on: day, wentLiveOn: record.actualGoLive, current: line.m2, today: today)
        setOrderLine(line)
        return line
    }
}
