import Foundation

/// Just enough of JSON Schema (as OpenAPI 3.1 uses it) to check our responses against the
/// document: $ref, type, properties, required, items, enum, const, allOf, anyOf/oneOf,
/// and the date, date-time and uuid formats.
struct OpenAPISchema {
    let document: [String: Any]

    init(json: String) throws {
        guard let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw TestFailure("the OpenAPI document is not a JSON object")
        }
        self.document = document
    }

    /// Every (METHOD, /path/{param}) pair the document describes.
    var operations: Set<String> {
        var result: Set<String> = []
        for (path, item) in document["paths"] as? [String: [String: Any]] ?? [:] {
            for method in item.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                result.insert("\(method.uppercased()) \(path)")
            }
        }
        return result
    }

    /// The schema of the JSON response `status` of `method path`, or nil when none is given.
    func responseSchema(_ method: String, _ path: String, status: Int) -> [String: Any]? {
        guard let operation = (document["paths"] as? [String: Any])?[path] as? [String: Any],
              let op = operation[method.lowercased()] as? [String: Any],
              var response = (op["responses"] as? [String: Any])?["\(status)"] as? [String: Any] else { return nil }
        if let ref = response["$ref"] as? String { response = resolve(ref) }
        return ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    func resolve(_ ref: String) -> [String: Any] {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            node = (node as? [String: Any])?[String(part)] ?? [:]
        }
        return node as? [String: Any] ?? [:]
    }

    /// The problems with `value` against `schema`, each with its JSON path.
    func problems(_ value: Any?, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            var merged = resolve(ref)
            for (key, entry) in schema where key != "$ref" { merged[key] = entry }
            return problems(value, merged, at: path)
        }
        var found: [String] = []
        if let all = schema["allOf"] as? [[String: Any]] {
            for part in all { found += problems(value, part, at: path) }
        }
        for key in ["anyOf", "oneOf"] {
            if let options = schema[key] as? [[String: Any]], !options.contains(where: { problems(value, $0, at: path).isEmpty }) {
                found.append("\(path): matches none of \(key)")
            }
        }
        if let constant = schema["const"], !same(value, constant) { found.append("\(path): should be \(constant)") }
        if let options = schema["enum"] as? [Any], !options.contains(where: { same(value, $0) }) {
            found.append("\(path): \(String(describing: value)) is not one of \(options)")
        }
        if let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map({ [$0] }) {
            guard types.contains(where: { matches(value, $0) }) else {
                return found + ["\(path): \(String(describing: value)) is not \(types.joined(separator: " or "))"]
            }
        }
        if let text = value as? String, let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(path): '\(text)' does not match \(pattern)")
        }
        if let text = value as? String, let format = schema["format"] as? String, !conforms(text, format) {
            found.append("\(path): '\(text)' is not a \(format)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(path): \(key) is required")
            }
            for (key, propertySchema) in schema["properties"] as? [String: [String: Any]] ?? [:] {
                if let entry = object[key] { found += problems(entry, propertySchema, at: "\(path).\(key)") }
            }
            if let extra = schema["additionalProperties"] as? [String: Any] {
                let named = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
                for (key, entry) in object where !named.contains(key) { found += problems(entry, extra, at: "\(path).\(key)") }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, entry) in array.enumerated() { found += problems(entry, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    private func matches(_ value: Any?, _ type: String) -> Bool {
        switch type {
        case "null": return value == nil || value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return value is Bool
        case "integer": return (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return value is NSNumber
        default: return true
        }
    }

    private func conforms(_ text: String, _ format: String) -> Bool {
        switch format {
        case "date": return text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
        case "date-time": return text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
        case "uuid": return UUID(uuidString: text) != nil
        default: return true
        }
    }

    private func same(_ a: Any?, _ b: Any) -> Bool {
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = a as? NSNumber, let b = b as? NSNumber { return a == b }
        return false
    }
}
