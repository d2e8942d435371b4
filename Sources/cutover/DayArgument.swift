import ArgumentParser
import MigrationKit

/// Parses a day option, turning a bad one into a message that names the option.
func parseDay(_ text: String, option: String) throws -> Day {
    do {
        return try Day(parsing: text)
    } catch {
        throw ValidationError("\(option): \(error.description)")
    }
}
