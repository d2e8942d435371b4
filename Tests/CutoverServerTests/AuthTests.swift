import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CutoverServer

@Suite struct AuthTests {
    @Test func tokensAreStoredAsTheirSHA256InHex() {
        // FIPS 180-2's example, so digests stored by earlier versions still match.
        #expect(APIToken.digest(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func tokensComeFromEmailAndPassword() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let issued = try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "practice@test.example", "password": "correct horse battery"}"#)
            #expect(issued.status == .created)
            let token = try #require(issued.json["token"] as? String)
            #expect(try await call.send(.GET, "/api/v1/migrations", as: token).status == .ok)
            // Stored only as a digest.
            let stored = try await APIToken.query(on: app.db).all().map(\.digest)
            #expect(!stored.contains(token))
            #expect(stored.contains(APIToken.digest(of: token)))
            // Revoked, it stops working.
            #expect(try await call.send(.DELETE, "/api/v1/auth/token", as: token).status == .noContent)
            let after = try await call.send(.GET, "/api/v1/migrations", as: token)
            #expect(after.status == .unauthorized)
            #expect(after.error.code == "unauthorized")
        }
    }

    @Test func wrongPasswordsAreRefusedThenThrottled() async throws {
        try await withCutover { app, _ in
            let call = Call(app: app)
            for _ in 0..<5 {
                let response = try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "practice@test.example", "password": "wrong"}"#)
                #expect(response.status == .unauthorized)
            }
            let locked = try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "practice@test.example", "password": "correct horse battery"}"#)
            #expect(locked.status == .tooManyRequests)
            let unknown = try await call.send(.POST, "/api/v1/auth/token", json: #"{"email": "nobody@test.example", "password": "x"}"#)
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test func expiredTokensAndInactiveUsersAreRefused() async throws {
        try await withCutover { app, world in
            let call = Call(app: app)
            let user = try await User.query(on: app.db).filter(\.$email == "commissioner@test.example").first()!
            let expired = try await Tokens.issue(for: user, label: "old", now: testNow.addingTimeInterval(-7200), lifetime: 3600, on: app.db)
            #expect(try await call.send(.GET, "/api/v1/migrations", as: expired.token).status == .unauthorized)
            user.active = false
            try await user.save(on: app.db)
            #expect(try await call.send(.GET, "/api/v1/migrations", as: world.token(.commissioner)).status == .unauthorized)
            #expect(try await call.send(.GET, "/api/v1/migrations").status == .unauthorized)
            #expect(try await call.send(.GET, "/api/v1/migrations", as: "made-up").status == .unauthorized)
        }
    }
}
