/* fileio.c - whole-file input and atomic (temp + rename) output. */
#define _POSIX_C_SOURCE 200809L
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "mem.h"

sv_status sv_file_read(const char *path, size_t max_bytes, char **data, size_t *len,
                       sv_diags *diags)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int fd = is_stdin ? 0 : open(path, O_RDONLY);
    if (fd < 0) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "cannot open: %s", strerror(errno));
        return SV_ERR_IO;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "is a directory");
        if (!is_stdin)
            close(fd);
        return SV_ERR_IO;
    }
    size_t cap = 64 * 1024;
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((unsigned long long)st.st_size > max_bytes) {
            sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                         "file is %lld bytes, more than the limit of %zu bytes",
                         (long long)st.st_size, max_bytes);
            if (!is_stdin)
                close(fd);
            return SV_ERR_LIMIT;
        }
        cap = (size_t)st.st_size + 1;
    }
    char *buf = xmalloc(cap);
    size_t n = 0;
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            sv_diags_add(diags, SV_ERROR, name, 0, 0, -1, "read error: %s", strerror(errno));
            free(buf);
            if (!is_stdin)
                close(fd);
            return SV_ERR_IO;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max_bytes) {
            sv_diags_add(diags, SV_ERROR, name, 0, 0, -1,
                         "input is larger than the limit of %zu bytes", max_bytes);
            free(buf);
            if (!is_stdin)
                close(fd);
            return SV_ERR_LIMIT;
        }
    }
    if (!is_stdin)
        close(fd);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return SV_OK;
}

/* Temporary files that a signal handler must be able to remove.  A slot is
 * claimed with its path fully written before 'used' is set. */
enum { MAX_TEMPS = 64, TEMP_PATH_MAX = 4096 };
static struct {
    volatile sig_atomic_t used;
    char path[TEMP_PATH_MAX];
} temps[MAX_TEMPS];

static int register_temp(const char *path)
{
    if (strlen(path) >= TEMP_PATH_MAX)
        return -1;
    for (int i = 0; i < MAX_TEMPS; i++) {
        if (!__atomic_test_and_set((void *)&temps[i].used, __ATOMIC_ACQ_REL)) {
            /* claimed: temps[i].used is now nonzero */
            strcpy(temps[i].path, path);
            __atomic_thread_fence(__ATOMIC_RELEASE);
            return i;
        }
    }
    return -1; /* not tracked: only cleanup on signals is lost */
}

static void unregister_temp(int slot)
{
    if (slot < 0)
        return;
    temps[slot].path[0] = '\0';
    __atomic_clear((void *)&temps[slot].used, __ATOMIC_RELEASE);
}

void sv_out_cleanup_all(void)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i].used && temps[i].path[0])
            unlink(temps[i].path);
}

struct sv_out {
    FILE *f;
    char *path;
    char *tmp; /* NULL for stdout */
    int slot;
};

sv_status sv_out_open(const char *path, sv_out **out, sv_diags *diags)
{
    sv_out *o = xcalloc(1, sizeof *o);
    o->path = xstrdup(path);
    o->slot = -1;
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        *out = o;
        return SV_OK;
    }
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            sv_diags_add(diags, SV_ERROR, path, 0, 0, -1, "cannot write: is a directory");
            free(o->path);
            free(o);
            return SV_ERR_IO;
        }
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    sv_buf t = SV_BUF_INIT;
    sv_buf_printf(&t, "%s.tmp.XXXXXX", path);
    o->tmp = sv_buf_detach(&t, NULL);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        sv_diags_add(diags, SV_ERROR, path, 0, 0, -1, "cannot create a file here: %s",
                     strerror(errno));
        free(o->tmp);
        free(o->path);
        free(o);
        return SV_ERR_IO;
    }
    o->slot = register_temp(o->tmp);
    if (fchmod(fd, mode) != 0) {
        /* not fatal: the file keeps mkstemp's 0600 */
    }
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        sv_diags_add(diags, SV_ERROR, path, 0, 0, -1, "cannot open for writing: %s",
                     strerror(errno));
        close(fd);
        unlink(o->tmp);
        unregister_temp(o->slot);
        free(o->tmp);
        free(o->path);
        free(o);
        return SV_ERR_IO;
    }
    *out = o;
    return SV_OK;
}

FILE *sv_out_file(sv_out *o)
{
    return o->f;
}

const char *sv_out_path(const sv_out *o)
{
    return o->path;
}

static void out_release(sv_out *o)
{
    unregister_temp(o->slot);
    free(o->tmp);
    free(o->path);
    free(o);
}

sv_status sv_out_commit(sv_out *o, sv_diags *diags)
{
    if (!o->tmp) { /* stdout */
        int bad = fflush(o->f) != 0 || ferror(o->f);
        if (bad)
            sv_diags_add(diags, SV_ERROR, "<stdout>", 0, 0, -1, "write error: %s",
                         strerror(errno));
        out_release(o);
        return bad ? SV_ERR_IO : SV_OK;
    }
    int err = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    if (!err && fsync(fileno(o->f)) != 0 && errno != EINVAL && errno != EROFS)
        err = errno;
    if (fclose(o->f) != 0 && !err)
        err = errno ? errno : EIO;
    o->f = NULL;
    if (!err && rename(o->tmp, o->path) != 0)
        err = errno;
    if (err) {
        sv_diags_add(diags, SV_ERROR, o->path, 0, 0, -1,
                     "write failed (%s); the previous file, if any, is unchanged",
                     strerror(err));
        unlink(o->tmp);
        out_release(o);
        return SV_ERR_IO;
    }
    out_release(o);
    return SV_OK;
}

void sv_out_abort(sv_out *o)
{
    if (!o)
        return;
    if (o->tmp) {
        if (o->f)
            fclose(o->f);
        unlink(o->tmp);
    } else {
        fflush(o->f);
    }
    out_release(o);
}

int sv_file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int sv_read_line(FILE *f, sv_buf *b, size_t max, int *too_long)
{
    sv_buf_reset(b);
    *too_long = 0;
    int c, any = 0;
    while ((c = getc(f)) != EOF) {
        any = 1;
        if (c == '\n')
            break;
        if (b->len < max)
            sv_buf_putc(b, (char)c);
        else
            *too_long = 1;
    }
    if (ferror(f))
        return -1;
    if (!any)
        return 0;
    if (b->len && b->ptr[b->len - 1] == '\r')
        b->len--;
    return 1;
}
