import Foundation

/// Where e-mail goes: `smtp://[user:password@]host[:port][?from=address&timeout=seconds]`. Plain SMTP, with
/// AUTH PLAIN when a user is given: point it at the organisation's relay (on the same host
/// or network); the relay does TLS onwards.
public struct SMTPSettings: Sendable, Equatable {
    public let host: String
    public let port: Int
    public let user: String?
    public let password: String?
    public let from: String
    /// How long to wait for the server at each step before giving up on this try.
    public var timeout: TimeInterval = 20

    /// Reads an smtp:// URL; throws saying what is wrong with it.
    public init(url text: String) throws {
        guard let url = URLComponents(string: text), url.scheme == "smtp", let host = url.host, !host.isEmpty else {
            throw SMTPSettingsError("the SMTP address must look like smtp://host:25 or smtp://user:password@host:587?from=cutover@example.nhs.uk, not '\(text)'")
        }
        self.host = host
        port = url.port ?? 25
        guard (1...65535).contains(port) else { throw SMTPSettingsError("the SMTP port must be between 1 and 65535") }
        user = url.user.flatMap { $0.removingPercentEncoding }
        password = url.password.flatMap { $0.removingPercentEncoding }
        from = url.queryItems?.first { $0.name == "from" }?.value ?? "cutover@localhost"
        if let seconds = url.queryItems?.first(where: { $0.name == "timeout" })?.value {
            guard let value = TimeInterval(seconds), (1...300).contains(value) else { throw SMTPSettingsError("timeout is seconds, from 1 to 300") }
            timeout = value
        }
        guard from.contains("@"), !from.contains(where: { $0 == "<" || $0 == ">" || $0.isNewline || $0 == " " }) else {
            throw SMTPSettingsError("the from address '\(from)' is not an e-mail address")
        }
    }
}

public struct SMTPSettingsError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
