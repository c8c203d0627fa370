// Linux and GNU calls that Swift's Glibc module does not import. Declared here rather than looked up with
// dlsym at run time, so that they also resolve in a statically linked baton. The header includes only what
// the Glibc module includes (no _GNU_SOURCE), so the two agree on every system type.
#pragma once

#include <spawn.h>
#include <sys/types.h>

int baton_pipe2(int fds[2], int flags);

/// A descriptor that polls readable when `pid` exits (Linux 5.3+), or -1 with errno.
int baton_pidfd_open(pid_t pid);

/// 0, or an error number (ENOSYS where the C library lacks the call: glibc before 2.29).
int baton_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// Closes every descriptor from `lowest` up in the child; -1 where the C library lacks it (glibc before 2.34).
int baton_spawn_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);
