import Foundation
import NIOCore
import NIOPosix

/// Sends one message over SMTP (RFC 5321) on SwiftNIO: greeting, EHLO, AUTH PLAIN when
/// there is a user, MAIL FROM, RCPT TO, DATA, QUIT. No package among ours speaks SMTP, and
/// this is all the outbox needs. Every reply is checked; a server that refuses says why in
/// the error, and one that does not answer is given up on after the settings' timeout.
struct SMTPClient {
    let settings: SMTPSettings
    let group: any EventLoopGroup

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `message` (headers and body with CRLF line ends, dot-stuffed) to `recipient`.
    func send(_ message: String, to recipient: String) async throws {
        guard !recipient.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" }), recipient.contains("@") else {
            throw Failure(description: "'\(recipient)' is not an address to send to")
        }
        let settings = settings
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(settings.timeout * 1000)))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        try await Self.within(settings.timeout, onTimeout: { channel.channel.close(promise: nil) }) {
            try await channel.executeThenClose { inbound, outbound in
                var talk = Conversation(lines: inbound.makeAsyncIterator(), outbound: outbound)
                try await talk.expect([220], after: "connecting")
                try await talk.say("EHLO cutover", expect: [250])
                if let user = settings.user {
                    let token = Data("\0\(user)\0\(settings.password ?? "")".utf8).base64EncodedString()
                    try await talk.say("AUTH PLAIN \(token)", expect: [235], shown: "AUTH PLAIN")
                }
                try await talk.say("MAIL FROM:<\(settings.from)>", expect: [250])
                try await talk.say("RCPT TO:<\(recipient)>", expect: [250, 251])
                try await talk.say("DATA", expect: [354])
                try await talk.say(message + ".", expect: [250], shown: "the message")
                try? await talk.say("QUIT", expect: [221])
            }
        }
    }

    /// Runs `body`, giving up after `seconds` (then `onTimeout` closes the connection).
    private static func within(_ seconds: TimeInterval, onTimeout: @escaping @Sendable () -> Void, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await body(); return true }
            group.addTask { try await Task.sleep(for: .milliseconds(Int(seconds * 1000))); return false }
            let finished = try await group.next() ?? false
            if !finished { onTimeout() }
            group.cancelAll()
            guard finished else { throw Failure(description: "the SMTP server did not answer within \(Int(seconds)) seconds") }
        }
    }

    /// The lines exchanged with the server.
    private struct Conversation {
        var lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending = ""

        mutating func say(_ command: String, expect codes: [Int], shown: String? = nil) async throws {
            try await outbound.write(ByteBuffer(string: command + "\r\n"))
            try await expect(codes, after: shown ?? command)
        }

        /// Reads one reply (its continuation lines "250-..." up to the last "250 ...").
        mutating func expect(_ codes: [Int], after what: String) async throws {
            while true {
                let line = try await nextLine()
                guard line.count >= 3, let code = Int(line.prefix(3)) else { throw Failure(description: "the SMTP server answered \(what) with '\(line)'") }
                if line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
                guard codes.contains(code) else { throw Failure(description: "the SMTP server refused \(what): \(line)") }
                return
            }
        }

        mutating func nextLine() async throws -> String {
            while true {
                if let end = pending.range(of: "\r\n") ?? pending.range(of: "\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    return line
                }
                guard var buffer = try await lines.next() else { throw Failure(description: "the SMTP server closed the connection") }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
            }
        }
    }
}
