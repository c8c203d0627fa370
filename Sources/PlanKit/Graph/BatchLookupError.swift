/// A batch named on the command line that the plan does not identify uniquely.
public enum BatchLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No batch has this id or key; `suggestions` are ids that look alike.
    case unknown(String, suggestions: [String])
    /// Several batches share this id; name one of `keys` instead.
    case ambiguous(String, keys: [String])

    public var description: String {
        switch self {
        case .unknown(let id, let suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean \(PlanGraph.list(suggestions.map { "'\($0)'" }))?"
            return "no batch has the id '\(id)'\(hint)"
        case .ambiguous(let id, let keys):
            return "'\(id)' names \(keys.count) batches; use one of \(PlanGraph.list(keys.map { "'\($0)'" }))"
        }
    }
}

extension PlanGraph {
    /// The index of the batch with this key, or with this id when only one batch has it.
    /// Ids are also matched ignoring case and leading zeros when nothing matches exactly.
    public func lookup(_ idOrKey: String) throws(BatchLookupError) -> Int {
        if let index = indexByKey[idOrKey] { return index }
        let exact = (0..<count).filter { self[$0].id == idOrKey }
        if exact.count == 1 { return exact[0] }
        if exact.count > 1 { throw .ambiguous(idOrKey, keys: exact.map { self[$0].key }) }
        let loose = IDShape.similarityKey(idOrKey)
        let similar = (0..<count).filter { IDShape.similarityKey(self[$0].id) == loose || IDShape.similarityKey(self[$0].key) == loose }
        throw .unknown(idOrKey, suggestions: similar.map { displayName(ofKey: self[$0].key) })
    }
}
