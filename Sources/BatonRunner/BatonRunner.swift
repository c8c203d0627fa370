// Placeholder until the runner lands.
import PlanKit
public enum BatonRunnerVersion { public static let current = 1 }
