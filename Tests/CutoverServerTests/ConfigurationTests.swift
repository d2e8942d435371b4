import Testing
@testable import CutoverServer

@Suite struct ConfigurationTests {
    @Test func defaultsToAnSQLiteFileOnLoopback() {
        let configuration = ServerConfiguration()
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.storage == .sqliteFile(directory: "cutover-data"))
    }
}
