import Logging

/// Runs `round` until the task is cancelled, waiting `interval` after each. A round that
/// fails is logged after `failure` and the work goes on with the next: the judgement
/// refresher, the plan keeper and the reminders all run this way beside the server.
func repeatRounds(every interval: Duration, logger: Logger, failure: String, _ round: () async throws -> Void) async {
    while !Task.isCancelled {
        do {
            try await round()
        } catch is CancellationError {
            return
        } catch {
            logger.error("\(failure): \(error)")
        }
        try? await Task.sleep(for: interval)
    }
}
