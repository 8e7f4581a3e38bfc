// Neighbours and clustering: filled in by the Analyze issue.
public enum AnalyzeInfo { public static let name = "Analyze" }
