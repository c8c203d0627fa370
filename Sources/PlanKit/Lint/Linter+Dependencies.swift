extension Linter {
    /// `dangling-dependency`, `external-dependency`, `dependency-cycle`,
    /// `done-before-dependency` and `inferred-dependency`; one pass over the edges.
    func dependencyFindings() -> [Diagnostic] {
        // A local array lets `batches[i].field` borrow instead of copying each batch.
        let batches = plan.batches
        var found: [Diagnostic] = []
        // Needed only for dependencies that name no batch, which most plans do not have.
        var idFacts: (prefixes: Set<String>, similar: [String: Int])?
        func facts() -> (prefixes: Set<String>, similar: [String: Int]) {
            if let idFacts { return idFacts }
            var similar: [String: Int] = [:]
            for i in batches.indices {
                let key = IDShape.similarityKey(batches[i].id)
                if similar[key] == nil { similar[key] = i }
            }
            idFacts = (IDShape.prefixes(of: plan), similar)
            return idFacts!
        }

        for i in batches.indices {
            let name = graph.displayName(ofKey: batches[i].key)
            for mention in batches[i].externalDependencies {
                let text = mention.text
                if IDShape.looksLikeBatchID(text, planPrefixes: facts().prefixes) {
                    found.append(diagnostic("dangling-dependency", danglingMessage(name, text, similar: facts().similar), at: mention.span))
                } else {
                    found.append(diagnostic("external-dependency",
                        "\(name) depends on \(Linter.quoted(text)), which is not a batch of this plan; Baton does not schedule it",
                        at: mention.span))
                }
            }
            for (j, dependency) in batches[i].dependsOn.enumerated() where dependency.origin == .prose {
                guard let target = graph.indexByKey[dependency.key] else { continue }
                let earlier = batches[i].dependsOn[..<j].contains { $0.key == dependency.key && $0.origin != .prose }
                let later = batches[i].dependsOn[(j + 1)...].contains { $0.key == dependency.key && $0.origin != .prose }
                if earlier || later { continue }
                found.append(diagnostic("inferred-dependency",
                    "\(name) depends on \(label(target)) only according to the text \(Linter.quoted(Linter.shortened(dependency.text))); write it as a field",
                    at: dependency.span, fixIt: fieldFixIt(for: i, target: target)))
            }
            // Work claimed finished while its foundation is not; dropped foundations were given up.
            if options.policy.isFinished(batches[i].status.category) {
                for j in graph.prerequisites[i] {
                    let dependency = graph[j]
                    guard !graph.isFinished(j), dependency.status.category != .dropped else { continue }
                    found.append(diagnostic("done-before-dependency",
                        "\(label(i)) is \(statusText(batches[i].status)) but depends on \(label(j)), which is \(statusText(dependency.status))",
                        at: batches[i].status.span ?? batches[i].source))
                }
            }
        }
        for (i, dependency) in graph.unresolved {
            found.append(diagnostic("dangling-dependency",
                danglingMessage(graph.displayName(ofKey: graph[i].key), dependency.text.isEmpty ? dependency.key : dependency.text, similar: facts().similar),
                at: dependency.span))
        }
        for cycle in graph.cycles {
            guard let first = cycle.keys.first, let i = graph.indexByKey[first] else { continue }
            let next = cycle.keys.count > 1 ? cycle.keys[1] : first
            let span = graph[i].dependsOn.first { $0.key == next }?.span ?? graph[i].source
            let names = cycle.keys.map { graph.displayName(ofKey: $0) }
            let detail = names.count == 1 ? "\(names[0]) depends on itself" : "each depends on the next"
            found.append(diagnostic("dependency-cycle",
                "dependency cycle \(cycle.description(in: graph)) (\(detail)); none of these batches can start",
                at: span))
        }
        return found
    }

    /// `B09 depends on B99, which no batch has`, with a suggestion when an id looks alike.
    private func danglingMessage(_ name: String, _ text: String, similar: [String: Int]) -> String {
        let bare = String(IDShape.trimmed(Substring(text), removing: " \t`\"'*.,;:()"))
        var message = "\(name) depends on \(bare), which no batch has"
        if let match = similar[IDShape.similarityKey(bare)] ?? similar[IDShape.similarityKey(bare.split(separator: " ").last.map(String.init) ?? bare)] {
            message += "; did you mean \(graph.displayName(ofKey: graph[match].key))?"
        }
        return message
    }

    /// A fix-it that states the dependency as a field: appended to an existing dependency field,
    /// or a new `Depends on: X` line after the line that introduces the batch. None for a batch
    /// introduced by a table row (a line there would break the table) or without the source bytes.
    func fieldFixIt(for index: Int, target: Int) -> FixIt? {
        let batch = graph[index]
        let name = graph[target].id
        if let field = batch.dependsOn.last(where: { $0.origin == .field }) {
            return FixIt(start: field.span.end, end: field.span.end, replacement: ", \(name)", isSafe: false)
        }
        guard let source, batch.source.start >= 0, batch.source.start <= source.count else { return nil }
        var lineStart = batch.source.start
        while lineStart > 0, source[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lineEnd = batch.source.start
        while lineEnd < source.count, source[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        let line = source[lineStart..<lineEnd]
        let indent = line.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        let body = line.dropFirst(indent)
        if body.first == UInt8(ascii: "|") { return nil }
        let newline = lineEnd > lineStart && source[lineEnd - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
        var field = "\(options.dependencyField): \(name)"
        if let bullet = Linter.bullet(of: body) {
            // A nested item under the batch's own item, in the same bullet.
            field = String(repeating: " ", count: indent + bullet.width) + bullet.marker + " " + field
        }
        if lineEnd == source.count {
            return FixIt(start: lineEnd, end: lineEnd, replacement: newline + field, isSafe: false)
        }
        return FixIt(start: lineEnd + 1, end: lineEnd + 1, replacement: field + newline, isSafe: false)
    }

    /// The list marker a line starts with and the width up to its content (`- `, `• `, `1. `).
    static func bullet(of body: ArraySlice<UInt8>) -> (marker: String, width: Int)? {
        let text = String(decoding: body.prefix(12), as: UTF8.self)
        for marker in ["- ", "* ", "+ ", "• "] where text.hasPrefix(marker) {
            let symbol = String(marker.dropLast())
            let spaces = text.dropFirst(symbol.count).prefix { $0 == " " }.count
            // Indentation counts characters: `•` is one column though three bytes.
            return (symbol, 1 + spaces)
        }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, text.dropFirst(digits.count).hasPrefix(". ") || text.dropFirst(digits.count).hasPrefix(") ") {
            let spaces = text.dropFirst(digits.count + 1).prefix { $0 == " " }.count
            return ("-", digits.count + 1 + spaces)
        }
        return nil
    }
}
