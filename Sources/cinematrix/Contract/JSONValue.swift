import Foundation

/// A JSON document as the commands print it: keys in the order given, and every number in the
/// shortest decimal form that reads back as the same value. A `Float` prints as `4.6925187`,
/// never as the `4.692518711090088` that widening it to `Double` gives; NaN and infinities
/// print as `null`. Cost: linear in the size of the document.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Float)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Members in print order.
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered(pretty: false) == b.rendered(pretty: false) }

    static func int(_ value: Int) -> JSONValue { .int(Int64(value)) }
    static func int(_ value: Int32) -> JSONValue { .int(Int64(value)) }
    static func int(_ value: UInt32) -> JSONValue { .int(Int64(value)) }

    /// `value` when present, else `null`.
    static func optional<T>(_ value: T?, _ wrap: (T) -> JSONValue) -> JSONValue { value.map(wrap) ?? .null }

    /// The document as text; `pretty` indents by two spaces, one member per line.
    func rendered(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : nil)
        return out
    }

    private func write(into out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let f): out += f.isFinite ? Self.shortest(f.description) : "null"
        case .double(let d): out += d.isFinite ? Self.shortest(d.description) : "null"
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            writeList(items.map { (nil, $0) }, open: "[", close: "]", into: &out, indent: indent)
        case .object(let members):
            writeList(members.map { ($0.0, $0.1) }, open: "{", close: "}", into: &out, indent: indent)
        }
    }

    private func writeList(_ items: [(String?, JSONValue)], open: String, close: String, into out: inout String, indent: Int?) {
        out += open
        guard !items.isEmpty else { out += close; return }
        let inner = indent.map { $0 + 2 }
        for (i, (key, value)) in items.enumerated() {
            if i > 0 { out += "," }
            if let inner { out += "\n" + String(repeating: " ", count: inner) }
            if let key {
                Self.quote(key, into: &out)
                out += indent == nil ? ":" : ": "
            }
            value.write(into: &out, indent: inner)
        }
        if let indent { out += "\n" + String(repeating: " ", count: indent) }
        out += close
    }

    /// Swift's `description` of a finite float is already the shortest round-trip form; this
    /// only drops a trailing ".0" so that whole numbers read as integers ("3", not "3.0").
    private static func shortest(_ text: String) -> String {
        text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// The JSON form of an `Encodable` value (through `JSONEncoder`, whose numbers are already
    /// shortest-form), with object keys sorted.
    init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        // NaN and infinities have no JSON form: they travel as a marker string and become null.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: Self.nonFinite, negativeInfinity: Self.nonFinite,
                                                                      nan: Self.nonFinite)
        let data = try encoder.encode(value)
        self = JSONValue(foundation: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    /// Converts what `JSONSerialization` returns. Integers become `.int`, fractions
    /// `.double` (whose shortest form is the text that was parsed).
    init(foundation any: Any) {
        switch any {
        case let n as NSNumber:
            // `objCType` tells what was parsed: "c" a boolean, "d"/"f" a fraction, else an integer.
            switch String(cString: n.objCType) {
            case "c", "B": self = .bool(n.boolValue)
            case "d", "f": self = .double(n.doubleValue)
            default: self = .int(n.int64Value)
            }
        case let s as String: self = s == Self.nonFinite ? .null : .string(s)
        case let a as [Any]: self = .array(a.map(JSONValue.init(foundation:)))
        case let d as [String: Any]: self = .object(d.keys.sorted().map { ($0, JSONValue(foundation: d[$0] as Any)) })
        default: self = .null
        }
    }

    private static let nonFinite = "\u{1}non-finite\u{1}"

    /// The members of an object, or none.
    var members: [(String, JSONValue)] {
        if case .object(let m) = self { return m }
        return []
    }
}
