// PCA and t-SNE: filled in by the Projection issue.
public enum ProjectionInfo { public static let name = "Projection" }
