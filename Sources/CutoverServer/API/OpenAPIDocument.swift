import Foundation

/// The OpenAPI 3.1 description of the API, kept in the repository next to the code and
/// shipped as a package resource so the binary serves it from any folder.
enum OpenAPIDocument {
    static let json: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "{}" }
        return text
    }()
}
