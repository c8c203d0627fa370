// Placeholder until the parser lands.
public enum PlanSyntaxVersion { public static let current = 1 }
