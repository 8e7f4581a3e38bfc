#ifndef CMX_ATOMIC_OUTPUT_H
#define CMX_ATOMIC_OUTPUT_H

/* The few Linux calls atomic output needs that Swift's Glibc module does not import
   (O_TMPFILE, renameat2). Each returns -1 with errno set (ENOSYS/EOPNOTSUPP where the
   platform lacks the call), so callers fall back. No allocation. */

/* An unnamed regular file in `directory` open for writing (O_TMPFILE), with permission bits
   `mode` (less the umask). It disappears if the process dies before cmx_link_anonymous. */
int cmx_open_anonymous(const char *directory, int mode);

/* Gives the unnamed file `fd` the name `path` (linkat through /proc/self/fd). Fails with
   EEXIST when `path` exists: link it to a fresh name and rename that over `path` instead. */
int cmx_link_anonymous(int fd, const char *path);

/* Swaps the two existing paths `a` and `b` atomically (renameat2 RENAME_EXCHANGE). */
int cmx_exchange(const char *a, const char *b);

#endif
