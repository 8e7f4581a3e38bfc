// Charts: filled in by the Render issue.
public enum RenderInfo { public static let name = "Render" }
