#define _GNU_SOURCE
#include "CSystemCalls.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/auxv.h>
#include <sys/syscall.h>
#endif

int baton_pipe2(int fds[2], int flags) {
#if defined(__linux__)
    return pipe2(fds, flags);
#else
    (void)fds; (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

int baton_pidfd_open(pid_t pid) {
#if defined(__linux__) && defined(SYS_pidfd_open)
    return (int)syscall(SYS_pidfd_open, pid, 0);
#elif defined(__linux__)
    return (int)syscall(434, pid, 0);
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}

int baton_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
    return posix_spawn_file_actions_addchdir_np(actions, path);
#else
    (void)actions; (void)path;
    return ENOSYS;
#endif
}

int baton_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int lowest) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#else
    (void)actions; (void)lowest;
    return -1;
#endif
}

#if defined(__linux__) && defined(__GLIBC__)
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <sys/prctl.h>
#include <sys/stat.h>

/// The linker defines `_DYNAMIC` only in a dynamically linked program.
extern char _DYNAMIC[] __attribute__((weak));

/// Whether the kernel started this program itself, so that /proc/self/exe is this program: always for a
/// static executable without a dynamic section (what `-static-executable` links); for a dynamic one unless
/// the loader was started as the program (`ld.so baton …`). A static-pie build answers false (no loader, yet
/// `_DYNAMIC` is defined), which only leaves huge pages off.
static int started_by_kernel(void) {
    if (_DYNAMIC == 0) return 1;
    return getauxval(AT_BASE) != 0;
}

/// SwiftPM names the entry point of the `baton` module `baton_main`; in the `baton` program `main` is that
/// function, in a test program that links the module it is the test runner's.
extern int main(int, char **);
extern int baton_main(int, char **) __attribute__((weak));

static const char tunables[] = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864:"
    "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=536870912";
static const char marker[] = "BATON_ALLOCATOR_TUNED";

/// Plans from this size up are read with huge pages (see `baton_tune_allocator`).
static const off_t huge_pages_from = 1 << 20;

/// Whether an argument names a regular file of at least `huge_pages_from` bytes: the plan, for the commands
/// that take one. Options and anything that is not a large file are passed over.
static int names_large_file(int argc, char **argv) {
    for (int index = 1; index < argc; index++) {
        struct stat status;
        if (argv[index] == NULL || argv[index][0] == '-') continue;
        if (stat(argv[index], &status) == 0 && S_ISREG(status.st_mode) && status.st_size >= huge_pages_from) return 1;
    }
    return 0;
}

/// glibc's allocator tuned for what Baton does: fill many arrays and strings from one plan and keep them to
/// the end. The heap grows 64 MiB at a time and keeps large blocks in it (`mallopt`, in this process).
///
/// A plan of a megabyte or more is also read with transparent huge pages on the heap (`hugetlb=1`, where the
/// kernel hands them out on request): it touches tens of megabytes, and with 4 KiB pages a fifth of `lint`'s
/// time on 10,000 batches went to page faults. glibc reads that setting only when a process starts, so Baton
/// starts itself once more with `GLIBC_TUNABLES` set, from a constructor that runs before the Swift runtime,
/// CoreFoundation and Dispatch set themselves up; the second start removes the variable again so that gates,
/// agents and git do not inherit it. Smaller plans are not worth a second start (0.6 ms of ~4), and huge
/// pages cost them: each thread's heap takes a whole 2 MiB page, and on a virtual machine that hands free
/// memory back to its host (free page reporting) each huge page taken from that memory costs milliseconds
/// (figures in BENCHMARKS.md). A `GLIBC_TUNABLES` the user set is left alone (setting it, even empty, turns
/// all tuning off). In other programs that link this module (the test bundle) it does nothing.
__attribute__((constructor(101)))
static void baton_tune_allocator(int argc, char **argv, char **envp) {
    (void)envp;
    if (baton_main == NULL || (void *)baton_main != (void *)main) return;
    if (getenv(marker) != NULL) {
        // The second start, or a marker someone else set: only a value Baton put there is removed.
        const char *current = getenv("GLIBC_TUNABLES");
        if (current != NULL && strcmp(current, tunables) == 0) {
            unsetenv("GLIBC_TUNABLES");
            // Started as /proc/self/exe, the process is named `exe`: `ps` and `pgrep baton` should see baton.
            if (argc > 0 && argv[0] != NULL) {
                const char *slash = strrchr(argv[0], '/');
                prctl(PR_SET_NAME, slash != NULL ? slash + 1 : argv[0], 0, 0, 0);
            }
        }
        unsetenv(marker);
        return;
    }
    if (getenv("GLIBC_TUNABLES") != NULL) return;
    if (started_by_kernel() && names_large_file(argc, argv)) {
        setenv("GLIBC_TUNABLES", tunables, 1);
        setenv(marker, "1", 1);
        execv("/proc/self/exe", argv);
        // Only reached when the start failed (no /proc): go on with the tuning this process can do itself.
        unsetenv("GLIBC_TUNABLES");
        unsetenv(marker);
    }
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    // The largest threshold mallopt takes (half of a thread heap's 64 MiB).
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
}
#endif
