import PlanKit

/// The readable table of `baton show`.
enum PlanTable {
    /// `evidence` by batch index, as `Show.evidence(for:)` gives it.
    static func render(_ plan: Plan, evidence: [String?] = []) -> String {
        var lines = ["\(plan.path)\(plan.title.map { ": \($0)" } ?? "") (\(plan.batches.count) batches)"]
        if plan.batches.isEmpty {
            lines.append("  no batches found")
        } else {
            let rows = plan.batches.indices.map { index -> [String] in
                let batch = plan.batches[index]
                let progress = batch.progress.total > 0 ? "\(batch.progress.done)/\(batch.progress.total)" : ""
                let status = batch.status.category.rawValue + (batch.status.raw.isEmpty ? "" : " (\(clip(batch.status.raw, 24)))")
                    + ((index < evidence.count ? evidence[index] : nil).map { ", \($0)" } ?? "")
                return [batch.key, clip(batch.title, 48), status, progress, batch.dependsOn.lazy.map(\.key).concatenated(separator: ", ")]
            }
            lines += table(header: ["ID", "TITLE", "STATUS", "PROGRESS", "DEPENDS ON"], rows: rows)
        }
        for diagnostic in plan.diagnostics where diagnostic.severity != .note || diagnostic.code == "no-batches" {
            if diagnostic.code == "encoding" { continue }
            lines.append("\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): [\(diagnostic.code)] \(diagnostic.message)")
        }
        let encoding = plan.diagnostics.count { $0.code == "encoding" }
        if encoding > 0 { lines.append("\(plan.path): \(encoding) mis-encoded runs (see baton lint; baton lint --fix repairs them)") }
        return lines.concatenated(separator: "\n") + "\n"
    }

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    static func table(header: [String], rows: [[String]]) -> [String] {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        // Each run of blanks made once: `String(repeating:count:)` per cell took a quarter of the rendering.
        let blanks = (0...(widths.max() ?? 0)).map { String(repeating: " ", count: $0) }
        func line(_ cells: [String]) -> String {
            var line = ""
            for (index, cell) in cells.enumerated() {
                if index > 0 { line += "  " }
                line += cell
                if index < cells.count - 1 { line += blanks[widths[index] - cell.count] }
            }
            // An empty last column leaves the padding before it. Trimmed here rather than with Foundation's
            // `trimmingCharacters(in:)`, which bridged every line through NSString: 40% of `show` on 2,000 batches.
            while line.last == " " { line.removeLast() }
            return line
        }
        return [line(header)] + rows.map(line)
    }
}
