/// The toolkit's version, recorded in every experiment's `config.json` and in the metadata of
/// every chart.
public enum ToolVersion {
    public static let current = "0.1.0"
    /// "cinematrix 0.1.0".
    public static var tag: String { "cinematrix \(current)" }
}
