/*
 * replay.c - runs a fuzz harness over files, without libFuzzer, so that the
 * corpus and every reproducer are replayed by `make test` with the normal
 * compiler.
 *
 *   replay-input FILE|DIR...   (a directory: every regular file inside,
 *                               sorted by name)
 *
 * Each input runs in a child process, so that one that breaks the harness
 * is named and the others still run. Prints how many inputs ran; exits 0
 * when every one ran cleanly, 1 when one broke the harness or an argument
 * cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "fuzz.h"
#include "stagecheck/base/error.h"

/* Reads path whole into *bytes (never NULL on success, the caller frees
 * it). Returns 0, or -1 with errno set. */
static int read_all(const char *path, uint8_t **bytes, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0;

    if (!fp)
        return -1;
    for (;;) {
        if (n == cap) {
            uint8_t *grown = realloc(buf, cap ? cap * 2 : 4096);
            if (!grown) {
                free(buf);
                fclose(fp);
                errno = ENOMEM;
                return -1;
            }
            buf = grown;
            cap = cap ? cap * 2 : 4096;
        }
        n += fread(buf + n, 1, cap - n, fp);
        if (n < cap)
            break;
    }
    if (ferror(fp)) {
        int en = errno;
        free(buf);
        fclose(fp);
        errno = en ? en : EIO;
        return -1;
    }
    fclose(fp);
    *bytes = buf;
    *len = n;
    return 0;
}

/* Runs the harness on one file, in a child process. Returns 0, 1 when the
 * harness crashed on it, or -1 when the file cannot be read (or no child
 * can be started). */
static int replay_file(const char *path)
{
    uint8_t *bytes;
    size_t len;
    pid_t pid;
    int status = 0;

    if (read_all(path, &bytes, &len) != 0) {
        int en = errno;
        fprintf(stderr, "replay: %s : lecture impossible : %s\n", path,
                sc_strerrno(en));
        return -1;
    }
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        LLVMFuzzerTestOneInput(bytes, len);
        _exit(0);
    }
    free(bytes);
    if (pid < 0) {
        int en = errno;
        fprintf(stderr, "replay: %s : fork impossible : %s\n", path,
                sc_strerrno(en));
        return -1;
    }
    if (waitpid(pid, &status, 0) < 0) {
        int en = errno;
        fprintf(stderr, "replay: %s : attente impossible : %s\n", path,
                sc_strerrno(en));
        return -1;
    }
    if (WIFSIGNALED(status)) {
        fprintf(stderr, "replay: %s : le harnais s'arrête (signal %d, %s)\n",
                path, WTERMSIG(status), strsignal(WTERMSIG(status)));
        return 1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "replay: %s : le harnais échoue\n", path);
        return 1;
    }
    return 0;
}

static int is_regular(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Tally of a replay. */
typedef struct tally {
    long ran;     /* inputs given to the harness */
    long crashed; /* ... that broke it */
    int unreadable;
} tally;

static void tally_add(tally *t, int result)
{
    t->ran += result >= 0;
    t->crashed += result > 0;
    t->unreadable |= result < 0;
}

/* Runs the harness on every regular file of dir, by name. */
static void replay_dir(const char *dir, tally *t)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);

    if (n < 0) {
        int en = errno;
        fprintf(stderr, "replay: %s : lecture impossible : %s\n", dir,
                sc_strerrno(en));
        t->unreadable = 1;
        return;
    }
    for (int i = 0; i < n; i++) {
        char *path = malloc(strlen(dir) + strlen(names[i]->d_name) + 2);

        if (!path) {
            t->unreadable = 1;
        } else {
            sprintf(path, "%s/%s", dir, names[i]->d_name);
            if (is_regular(path))
                tally_add(t, replay_file(path));
        }
        free(path);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1
                                             : argv[0];
    tally t = {0, 0, 0};

    if (argc < 2) {
        fprintf(stderr, "usage : %s FICHIER|DOSSIER...\n", name);
        return EXIT_FAILURE;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            replay_dir(argv[i], &t);
        else
            tally_add(&t, replay_file(argv[i]));
    }
    printf("%s : %ld entrée%s rejouée%s", name, t.ran, t.ran > 1 ? "s" : "",
           t.ran > 1 ? "s" : "");
    if (t.crashed)
        printf(", %ld en échec", t.crashed);
    printf("\n");
    return t.crashed || t.unreadable ? EXIT_FAILURE : EXIT_SUCCESS;
}
