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

#if defined(__linux__)
/// The linker defines `_DYNAMIC` only in a dynamically linked program.
extern char _DYNAMIC[] __attribute__((weak));
#endif

int baton_started_by_kernel(void) {
#if defined(__linux__)
    if (_DYNAMIC == 0) return 1;
    return getauxval(AT_BASE) != 0;
#else
    return 1;
#endif
}
