/*
 * tempfile.c - write in a private folder beside, then rename into place.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "stagecheck/store/tempfile.h"
#include "stagecheck/base/text.h"

/* ".stagecheck-<pid>.tmp-XXXXXX": our marker and our pid, so that a sweep
 * takes nothing a user made and can tell a dead run's folder. */
#define DIR_MARKER ".stagecheck-"
#define DIR_TAIL ".tmp-"
#define DIR_RANDOM 6

/* One private folder of this process in one output folder. The list is
 * the process's own: a forked child sees its parent's copy and only reads
 * it (writer.c). */
struct sc_tempdir {
    struct sc_tempdir *next;
    char *folder;     /* the output folder, as dirname gives it */
    char *path;       /* folder/.stagecheck-<pid>.tmp-XXXXXX */
    pid_t pid;        /* who made it: a forked process makes its own */
    int fd;           /* O_DIRECTORY, flocked while users > 0 */
    size_t users;
};

static struct sc_tempdir *tempdirs;

/* Returns the folder of path ("." when it names none), for the caller to
 * free, or NULL. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return sc_text_dup(".");
    while (slash > path && slash[-1] == '/')
        slash--;
    if (slash == path)
        return sc_text_dup("/");
    return strndup(path, (size_t)(slash - path));
}

/* The private folder that holds tmp, a temporary file's path, or NULL:
 * found by name in this process's list, which holds a folder or two. */
static struct sc_tempdir *tempdir_of(const char *tmp)
{
    for (struct sc_tempdir *d = tempdirs; tmp && d; d = d->next) {
        size_t len = strlen(d->path);

        if (strncmp(tmp, d->path, len) == 0 &&
            tmp[len] == '/' && !strchr(tmp + len + 1, '/'))
            return d;
    }
    return NULL;
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

static void tempdir_free(struct sc_tempdir *d)
{
    if (!d)
        return;
    if (d->fd >= 0)
        close(d->fd);
    free(d->folder);
    free(d->path);
    free(d);
}

/* Makes the private folder in folder: mkdtemp gives it 0700, then it is
 * opened without following a link and checked to be the one we made
 * (ours, 0700, a folder) before anything is put in it: someone who renamed
 * it and planted a link or their own folder in its place is refused. The
 * flock tells a sweeping run that we are alive. Returns SC_OK,
 * SC_ERROR_MEMORY or SC_ERROR_OUTPUT with *en. */
static sc_error tempdir_make(const char *folder, struct sc_tempdir **out,
                             int *en)
{
    struct sc_tempdir *d = calloc(1, sizeof *d);
    size_t size = strlen(folder) + sizeof DIR_MARKER + 24 + sizeof DIR_TAIL +
                  DIR_RANDOM;
    struct stat st;

    *out = NULL;
    *en = 0;
    if (!d)
        return SC_ERROR_MEMORY;
    d->fd = -1;
    d->pid = getpid();
    d->folder = sc_text_dup(folder);
    d->path = malloc(size);
    if (!d->folder || !d->path) {
        tempdir_free(d);
        return SC_ERROR_MEMORY;
    }
    snprintf(d->path, size, "%s/" DIR_MARKER "%ld" DIR_TAIL "XXXXXX", folder,
             (long)d->pid);
    if (!mkdtemp(d->path)) {
        *en = errno;
        tempdir_free(d);
        return *en == ENOMEM ? SC_ERROR_MEMORY : SC_ERROR_OUTPUT;
    }
    d->fd = open(d->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (d->fd < 0 || fstat(d->fd, &st) != 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != geteuid() || (st.st_mode & 07777) != 0700 ||
        flock(d->fd, LOCK_EX | LOCK_NB) != 0) {
        *en = d->fd < 0 ? errno : EPERM;
        if (d->fd >= 0) {
            close(d->fd);
            d->fd = -1;
        } else {
            (void)rmdir(d->path);
        }
        tempdir_free(d);
        return SC_ERROR_OUTPUT;
    }
    *out = d;
    return SC_OK;
}

/* Returns the private folder of this process in path's folder, made on
 * first use, with one more user. */
static sc_error tempdir_take(const char *path, struct sc_tempdir **out,
                             int *en)
{
    char *folder = folder_of(path);
    struct sc_tempdir *d;
    sc_error err;

    *en = 0;
    if (!folder)
        return SC_ERROR_MEMORY;
    for (d = tempdirs; d; d = d->next)
        if (d->pid == getpid() && strcmp(d->folder, folder) == 0)
            break;
    if (!d) {
        err = tempdir_make(folder, &d, en);
        if (err != SC_OK) {
            free(folder);
            return err;
        }
        d->next = tempdirs;
        tempdirs = d;
    }
    free(folder);
    d->users++;
    *out = d;
    return SC_OK;
}

/* One user fewer: the last one removes the folder (empty by then) and
 * closes it, which drops the flock. */
static void tempdir_release(struct sc_tempdir *d)
{
    struct sc_tempdir **link;

    if (!d || --d->users > 0)
        return;
    for (link = &tempdirs; *link && *link != d; link = &(*link)->next)
        ;
    if (*link)
        *link = d->next;
    /* By name, but only an empty folder goes: at worst someone's empty
     * folder planted in its place, and ours is swept by a later run. */
    (void)rmdir(d->path);
    tempdir_free(d);
}

sc_error sc_tempfile_open(sc_tempfile *file, const char *path,
                          const char *what, sc_diag *diag)
{
    const char *name = base_of(path);
    struct sc_tempdir *dir;
    size_t size;
    sc_error err;
    int en;

    file->path = path;
    file->what = what;
    file->fd = -1;
    file->tmp = NULL;
    err = tempdir_take(path, &dir, &en);
    if (err == SC_ERROR_MEMORY) {
        sc_diag_set(diag, path, 0, "mémoire insuffisante pour créer %s",
                    what);
        return err;
    }
    if (err != SC_OK) {
        sc_diag_set(diag, path, 0, "impossible de créer le dossier "
                    "temporaire pour %s : %s", what, sc_strerrno(en));
        return err;
    }
    size = strlen(dir->path) + strlen(name) + 2;
    file->tmp = malloc(size);
    if (!file->tmp) {
        tempdir_release(dir);
        sc_diag_set(diag, path, 0, "mémoire insuffisante pour créer %s",
                    what);
        return SC_ERROR_MEMORY;
    }
    snprintf(file->tmp, size, "%s/%s", dir->path, name);
    /* Through the private folder's descriptor: no name in the shared
     * folder is looked up, and O_EXCL|O_NOFOLLOW would refuse anything
     * already there. */
    file->fd = openat(dir->fd, name,
                      O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      0600);
    if (file->fd < 0) {
        en = errno;
        free(file->tmp);
        file->tmp = NULL;
        tempdir_release(dir);
        sc_diag_set(diag, path, 0, "impossible de créer %s : %s", what,
                    sc_strerrno(en));
        return en == ENOMEM ? SC_ERROR_MEMORY : SC_ERROR_OUTPUT;
    }
    return SC_OK;
}

int sc_tempfile_dirfd(const sc_tempfile *file)
{
    struct sc_tempdir *dir = tempdir_of(file->tmp);

    return dir ? dir->fd : -1;
}

const char *sc_tempfile_name(const sc_tempfile *file)
{
    return file->tmp ? base_of(file->tmp) : NULL;
}

sc_error sc_tempfile_commit(sc_tempfile *file, sc_diag *diag)
{
    struct sc_tempdir *dir = tempdir_of(file->tmp);
    int en, fd;

    if (!dir) {
        sc_tempfile_abort(file);
        sc_diag_set(diag, file->path, 0, "impossible d'enregistrer %s : "
                    "fichier temporaire perdu", file->what);
        return SC_ERROR_OUTPUT;
    }
    /* Opened before the rename, so that the mode is given to this file and
     * never to what a link at the final path points to. */
    fd = openat(dir->fd, base_of(file->tmp), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (renameat(dir->fd, base_of(file->tmp), AT_FDCWD, file->path) != 0) {
        en = errno;
        if (fd >= 0)
            close(fd);
        sc_tempfile_abort(file);
        sc_diag_set(diag, file->path, 0, "impossible d'enregistrer %s : %s",
                    file->what, sc_strerrno(en));
        return SC_ERROR_OUTPUT;
    }
    /* Only once renamed: the temporary file stays 0600 as long as it is
     * one. A failure here leaves the workbook whole and private. */
    if (fd >= 0) {
        (void)fchmod(fd, 0640);
        close(fd);
    }
    free(file->tmp);
    file->tmp = NULL;
    tempdir_release(dir);
    return SC_OK;
}

void sc_tempfile_abort(sc_tempfile *file)
{
    if (file->fd >= 0) {
        close(file->fd);
        file->fd = -1;
    }
    if (file->tmp) {
        struct sc_tempdir *dir = tempdir_of(file->tmp);

        if (dir) {
            (void)unlinkat(dir->fd, base_of(file->tmp), 0);
            tempdir_release(dir);
        }
        free(file->tmp);
        file->tmp = NULL;
    }
}

/* Returns the pid of a private folder's name, or 0 if name is not one. */
static long tempdir_pid(const char *name)
{
    const char *p = name + strlen(DIR_MARKER);
    long pid = 0;
    size_t digits = 0;

    if (strncmp(name, DIR_MARKER, strlen(DIR_MARKER)) != 0)
        return 0;
    for (; isdigit((unsigned char)*p) && digits < 10; p++, digits++)
        pid = pid * 10 + (*p - '0');
    if (!digits || strncmp(p, DIR_TAIL, strlen(DIR_TAIL)) != 0 ||
        strlen(p + strlen(DIR_TAIL)) != DIR_RANDOM)
        return 0;
    return pid;
}

/* Removes the private folder name of dir if a dead run left it: ours,
 * its process gone (a folder being made is not locked yet, but its maker
 * is alive), and nobody holding its flock (a live run in another pid
 * namespace, or whose pid was reused). */
static void sweep_one(int dir, const char *name, long pid)
{
    struct stat st;
    DIR *inside;
    struct dirent *ent;
    int fd;

    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
        return;
    fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    if (fstat(fd, &st) != 0 || st.st_uid != geteuid() ||
        flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return;
    }
    inside = fdopendir(fd);
    if (!inside) {
        close(fd);
        return;
    }
    /* Only this user could have put anything in a 0700 folder of his. */
    while ((ent = readdir(inside)) != NULL)
        if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0)
            (void)unlinkat(dirfd(inside), ent->d_name, 0);
    (void)unlinkat(dir, name, AT_REMOVEDIR);
    closedir(inside);
}

void sc_tempfile_sweep_dir(const char *dir_path)
{
    DIR *dir = opendir(dir_path);
    struct dirent *ent;
    long pid;

    if (!dir)
        return;
    while ((ent = readdir(dir)) != NULL)
        if ((pid = tempdir_pid(ent->d_name)) > 0 && pid != (long)getpid())
            sweep_one(dirfd(dir), ent->d_name, pid);
    closedir(dir);
}

void sc_tempfile_sweep(const char *path)
{
    char *folder = folder_of(path);

    if (folder)
        sc_tempfile_sweep_dir(folder);
    free(folder);
}
