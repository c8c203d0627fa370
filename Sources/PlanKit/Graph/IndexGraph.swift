/// Graph algorithms over batches numbered `0..<count`, iterative so that a 10,000-long chain
/// cannot overflow the stack.
///
/// `successors[v]` lists the nodes that `v` points to. Callers decide what an edge means.
struct IndexGraph: Sendable {
    var successors: [[Int]]

    var count: Int { successors.count }

    /// Strongly connected components (Tarjan), numbered in the order they complete: a component
    /// is numbered before every component that reaches it, so ids run from sinks to sources.
    func stronglyConnectedComponents() -> (component: [Int], count: Int) {
        let n = count
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int](repeating: -1, count: n)
        var stack: [Int] = []
        var frames: [(node: Int, next: Int)] = []
        var counter = 0
        var components = 0
        for root in 0..<n where index[root] < 0 {
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            frames.append((root, 0))
            while let frame = frames.last {
                let v = frame.node
                let edges = successors[v]
                if frame.next < edges.count {
                    frames[frames.count - 1].next += 1
                    let w = edges[frame.next]
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        frames.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { low[parent] = min(low[parent], low[v]) }
                if low[v] == index[v] {
                    while let w = stack.popLast() {
                        onStack[w] = false
                        component[w] = components
                        if w == v { break }
                    }
                    components += 1
                }
            }
        }
        return (component, components)
    }

    /// The shortest cycle through `start` that stays inside `start`'s component, or nil.
    func cycle(through start: Int, component: [Int]) -> [Int]? {
        let home = component[start]
        var parent: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let v = queue[head]; head += 1
            for w in successors[v] where component[w] == home {
                if w == start {
                    var path = [v]
                    var cursor = v
                    while cursor != start, let p = parent[cursor] {
                        path.append(p)
                        cursor = p
                    }
                    return path.reversed()
                }
                if parent[w] == nil {
                    parent[w] = v
                    queue.append(w)
                }
            }
        }
        return nil
    }
}

/// A binary min-heap of integers: picks the earliest batch in document order among those available.
struct MinHeap: Sendable {
    private var items: [Int] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ value: Int) {
        items.append(value)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if items[parent] <= items[child] { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count, items[left] < items[smallest] { smallest = left }
                if right < items.count, items[right] < items[smallest] { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
