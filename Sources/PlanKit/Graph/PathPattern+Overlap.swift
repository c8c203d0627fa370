extension PathPattern {
    /// Whether some path could match both patterns (with what each owns beneath its matches).
    public func overlaps(_ other: PathPattern) -> Bool {
        commonPath(with: other) != nil
    }

    /// A path that both patterns match, or nil when they are disjoint.
    ///
    /// How it is decided: each pattern is a regular language over path segments, and so is each
    /// segment over characters. Intersection is empty exactly when no path leads from the start
    /// to the end of the product automaton, so a breadth-first search over pairs of positions
    /// `(i, j)` in the two patterns decides it: a `**` may skip (match zero segments) or consume a
    /// segment the other side produces; two ordinary segments advance together when their own
    /// product (the same search over characters, where `*` skips or consumes a character and two
    /// character sets advance together when they share a character) reaches its end. Cost is
    /// O(m·n) segment pairs, each O(a·b) in their characters; no path is ever enumerated.
    public func commonPath(with other: PathPattern) -> String? {
        for p in alternatives {
            for q in other.alternatives {
                if let path = Self.commonPath(p, q) { return path.isEmpty ? "x" : path }
            }
        }
        return nil
    }

    /// The product search over segments; returns the witness path.
    static func commonPath(_ p: [Segment], _ q: [Segment]) -> String? {
        let width = q.count + 1
        let goal = p.count * width + q.count
        // parent[state] = previous state; -1 marks the start, -2 unvisited.
        var parent = [Int](repeating: -2, count: (p.count + 1) * width)
        var emitted = [String?](repeating: nil, count: parent.count)
        var queue = [0]
        parent[0] = -1
        var head = 0
        func visit(_ state: Int, from previous: Int, emitting segment: String?) {
            guard parent[state] == -2 else { return }
            parent[state] = previous
            emitted[state] = segment
            queue.append(state)
        }
        while head < queue.count {
            let state = queue[head]; head += 1
            if state == goal { break }
            let (i, j) = (state / width, state % width)
            let left = i < p.count ? p[i] : nil
            let right = j < q.count ? q[j] : nil
            if left == .globstar { visit(state + width, from: state, emitting: nil) }
            if right == .globstar { visit(state + 1, from: state, emitting: nil) }
            switch (left, right) {
            case (.globstar?, let other?) where other != .globstar:
                if let segment = commonSegment(other, .globstar) { visit(state + 1, from: state, emitting: segment) }
            case (let other?, .globstar?) where other != .globstar:
                if let segment = commonSegment(other, .globstar) { visit(state + width, from: state, emitting: segment) }
            case (let a?, let b?) where a != .globstar && b != .globstar:
                if let segment = commonSegment(a, b) { visit(state + width + 1, from: state, emitting: segment) }
            default:
                break
            }
        }
        guard parent[goal] != -2 else { return nil }
        var segments: [String] = []
        var state = goal
        while state > 0 {
            if let segment = emitted[state] { segments.append(segment) }
            state = parent[state]
        }
        return segments.reversed().concatenated(separator: "/")
    }

    /// A segment both match; `.globstar` stands for a whole segment of anything (`*`).
    static func commonSegment(_ a: Segment, _ b: Segment) -> String? {
        // Two plain segments share a segment only when they are the same scalars (not merely equal
        // strings: the character search compares scalars too).
        // A plain segment meets itself or a whole-segment wildcard in its own text, which is what the
        // character search below would spell out, one character at a time.
        if case .plain(let x) = a {
            if case .plain(let y) = b { return x.unicodeScalars.elementsEqual(y.unicodeScalars) ? x : nil }
            if b == .globstar { return x }
        }
        guard let left = a.matchingAtoms else { return nil }
        let right = b == .globstar ? [Atom.star] : b.matchingAtoms
        guard let right else { return nil }
        return commonSegment(left, right)
    }

    /// The same product search over the characters of one segment; returns a common, non-empty segment.
    static func commonSegment(_ a: [Atom], _ b: [Atom]) -> String? {
        let width = b.count + 1
        let goal = a.count * width + b.count
        var parent = [Int](repeating: -2, count: (a.count + 1) * width)
        var emitted = [Unicode.Scalar?](repeating: nil, count: parent.count)
        var queue = [0]
        parent[0] = -1
        var head = 0
        func visit(_ state: Int, from previous: Int, emitting scalar: Unicode.Scalar?) {
            guard parent[state] == -2 else { return }
            parent[state] = previous
            emitted[state] = scalar
            queue.append(state)
        }
        while head < queue.count {
            let state = queue[head]; head += 1
            if state == goal { break }
            let (i, j) = (state / width, state % width)
            let left = i < a.count ? a[i] : nil
            let right = j < b.count ? b[j] : nil
            if left == .star { visit(state + width, from: state, emitting: nil) }
            if right == .star { visit(state + 1, from: state, emitting: nil) }
            switch (left, right) {
            case (.star?, .char(let set)?):
                if let c = commonScalar(.any, set) { visit(state + 1, from: state, emitting: c) }
            case (.char(let set)?, .star?):
                if let c = commonScalar(set, .any) { visit(state + width, from: state, emitting: c) }
            case (.char(let x)?, .char(let y)?):
                if let c = commonScalar(x, y) { visit(state + width + 1, from: state, emitting: c) }
            default:
                break
            }
        }
        guard parent[goal] != -2 else { return nil }
        var scalars: [Unicode.Scalar] = []
        var state = goal
        while state > 0 {
            if let c = emitted[state] { scalars.append(c) }
            state = parent[state]
        }
        // Only two runs of `*` meet on the empty string; any character satisfies both then.
        if scalars.isEmpty { return "x" }
        // Scalar by scalar: the generic `append(contentsOf:)` looks up conformances at run time (see `concatenated`).
        var text = String.UnicodeScalarView()
        for scalar in scalars.reversed() { text.append(scalar) }
        return String(text)
    }

    /// A character in both sets, preferring readable ones.
    ///
    /// Complete without enumerating Unicode: the least member of an intersection of ranges and
    /// complements of ranges is always a range's lower bound or one past a range's upper bound.
    static func commonScalar(_ x: ScalarSet, _ y: ScalarSet) -> Unicode.Scalar? {
        // A single character is the only candidate (the searches below would find exactly it).
        if let c = x.single { return y.contains(c) ? c : nil }
        if let c = y.single { return x.contains(c) ? c : nil }
        for c in preferredScalars where x.contains(c) && y.contains(c) { return c }
        for range in x.ranges + y.ranges {
            for value in [range.lowerBound.value, range.upperBound.value + 1] {
                if let c = Unicode.Scalar(value), x.contains(c), y.contains(c) { return c }
            }
        }
        for value: UInt32 in [1, 0xE000] {
            if let c = Unicode.Scalar(value), x.contains(c), y.contains(c) { return c }
        }
        return nil
    }

    private static let preferredScalars: [Unicode.Scalar] =
        Array("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_-.".unicodeScalars)
}
