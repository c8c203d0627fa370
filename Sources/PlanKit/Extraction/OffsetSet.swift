/// Byte offsets of a plan, in open addressing with a multiplicative hash: the sets extraction asks about
/// for every list item it reads (`Set<Int>` hashes each look-up with SipHash, several times the work).
struct OffsetSet: Sendable {
    /// -1 marks an empty slot: offsets are never negative.
    private var slots = [Int](repeating: -1, count: 16)
    private(set) var count = 0

    func contains(_ offset: Int) -> Bool {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.slot(of: offset, mask: mask)
            while slots[slot] >= 0 {
                if slots[slot] == offset { return true }
                slot = (slot + 1) & mask
            }
            return false
        }
    }

    mutating func insert(_ offset: Int) {
        precondition(offset >= 0, "OffsetSet holds byte offsets")
        let mask = slots.count - 1
        var slot = Self.slot(of: offset, mask: mask)
        while slots[slot] >= 0 {
            if slots[slot] == offset { return }
            slot = (slot + 1) & mask
        }
        slots[slot] = offset
        count += 1
        if count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = [Int](repeating: -1, count: old.count * 2)
        count = 0
        for offset in old where offset >= 0 { insert(offset) }
    }

    /// Fibonacci hashing: bits 32 and up of the offset times 2^64/φ (well mixed for any table up to 2^32).
    private static func slot(of offset: Int, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: offset) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
}
