import Foundation
import TestSupport

extension CommandResult {
    /// The `result` of the `--json` envelope on standard output (nil when the output is not an
    /// envelope with "ok": true).
    var jsonResult: Any? {
        guard let envelope = try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any],
              envelope["ok"] as? Bool == true else { return nil }
        return envelope["result"]
    }

    /// `jsonResult` as an object.
    var jsonObject: [String: Any]? { jsonResult as? [String: Any] }
}
