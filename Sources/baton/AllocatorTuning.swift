#if os(Linux) && canImport(Glibc)
import CSystemCalls
import Glibc

/// glibc's allocator tuned for what Baton does: fill many arrays and strings from one plan and keep them
/// to the end. On a 10,000-batch plan a fifth of `lint`'s time went to page faults; huge pages for the heap
/// (`hugetlb=1`, where the kernel hands them out on request) and a heap that grows 64 MiB at a time and keeps
/// large blocks in it cut most of them (figures in BENCHMARKS.md).
///
/// glibc reads its tunables only when a process starts, so Baton starts itself once more with them set.
/// A `GLIBC_TUNABLES` the user set is left alone (setting it, even empty, turns this off), and the variable
/// is removed again in the second start so that gates, agents and git do not inherit it.
enum AllocatorTuning {
    static let tunables = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864:"
        + "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=536870912"
    private static let marker = "BATON_ALLOCATOR_TUNED"

    static func apply() {
        if getenv(marker) != nil {
            // The second start, or a marker someone else set: only a value Baton put there is removed.
            if let current = getenv("GLIBC_TUNABLES"), String(cString: current) == tunables { unsetenv("GLIBC_TUNABLES") }
            unsetenv(marker)
            return
        }
        // Started by the dynamic loader by hand (`ld.so baton …`), /proc/self/exe is the loader: no new start.
        guard getenv("GLIBC_TUNABLES") == nil, baton_started_by_kernel() != 0 else { return }
        setenv("GLIBC_TUNABLES", tunables, 1)
        setenv(marker, "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when the start failed (no /proc): go on untuned.
        unsetenv("GLIBC_TUNABLES")
        unsetenv(marker)
    }
}
#else
enum AllocatorTuning {
    static func apply() {}
}
#endif
