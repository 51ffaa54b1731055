/*
 * fault_run.c - runs stagecheck's whole pipeline (sc_main) once for every
 * allocation it makes, with that allocation failing, and checks what the
 * README promises for exit status 2: a French message, nothing written, the
 * previous workbook and state file byte-identical, no temporary file left;
 * and, for every run, no leak and no crash. A run that still ends 0 or 1 (a
 * library coped with the failure) must give the normal workbook, summary
 * and state file.
 *
 *   build/fault/fault-run          both scenarios, every N
 *   build/fault/fault-run N        only the run where allocation N fails,
 *                                  "précédent" scenario, told in detail
 *   build/fault/fault-run N M      allocations N to M, "précédent" scenario
 *
 * Each run is a fork of a process that has already run stagecheck twice
 * (warm-up): the C library's lazily allocated buffers (stdio, locale,
 * iconv modules, time zone) then exist before counting starts, so that a
 * run that frees everything it allocated leaves the live count unchanged.
 * Where the failed allocation was, and where a crashed run was, are told
 * as call stacks (addr2line); a leaking run is run once more recording
 * every block, to tell where the lost ones were allocated.
 *
 * Scenarios, run side by side in two processes, each in its own folder:
 * "précédent" (a previous workbook and state file exist, from other
 * inputs, so that the Changements sheet has lines) and "premier" (nothing
 * beside the inputs).
 *
 * libxlsxwriter does not survive its own allocation failures (its author
 * prefers a crash to a corrupt file, jmcnamara/libxlsxwriter#345): when
 * the failed allocation is the library's, or every lost block is, a crash,
 * a leak or a workbook written anyway are counted apart as its limits, not
 * as stagecheck's bugs; the previous workbook must still be untouched.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "stagecheck/stagecheck.h"
#include "alloc.h"

#define OUT_NAME "suivi.xlsx"
#define STATE_NAME "suivi.xlsx.etat"
#define LOCK_NAME "suivi.xlsx.lock"
#define CHILD_SECONDS 60 /* a run that takes longer is stuck */
#define MAX_GROUPS 200
#define LEAKS_SHOWN 2   /* leaked blocks traced back */
#define MAX_SITE 14      /* callers shown for an allocation or a crash */
#define PATH_SIZE 512    /* a name in the folder: dir, "/", up to 255 bytes */

/* ---- The inputs ---------------------------------------------------------- */

/* Windows-1252 (é = \xE9, è = \xE8, É = \xC9, È = \xC8, Ï = \xCF), which
 * iconv decodes; a title line above the header, a pupil of a class
 * --classes leaves out, and one pupil exported twice. */
static const char roll_siecle[] =
    "Lyc\xE9" "e Exemple - extraction SIECLE du 20/05/2024\r\n"
    "Nom;Pr\xE9nom;Classe;INE;Date de naissance\r\n"
    "DURAND;L\xE9" "a;2NDE 1;0000000001A;14/03/2008\r\n"
    "PETIT;Hugo;2NDE 1;0000000002B;02/07/2008\r\n"
    "LEF\xC8VRE;In\xE8s;2NDE 1;0000000003C;21/11/2008\r\n"
    "BENSA\xCF" "D;Arthur;2NDE 1;0000000004D;09/01/2009\r\n"
    "\xC9LIE;No\xE9;2NDE 2;0000000005E;30/05/2008\r\n"
    "MOREAU;Zo\xE9;2NDE 2;0000000006F;17/08/2008\r\n"
    "GARNIER;Paul;1G1;0000000007G;05/05/2007\r\n"
    "MOREAU;Zo\xE9;2NDE 2;0000000006F;17/08/2008\r\n";

/* Latin-1 here, written as UTF-16LE with a BOM ("Texte Unicode" of
 * Pronote): pupils without INE, matched by name. */
static const char roll_pronote[] =
    "\xC9l\xE8ve\tClasse\tN\xE9(e) le\r\n"
    "MARTIN L\xE9" "a\t2nde 2\t14/03/2008\r\n"
    "DE LA FONTAINE Jean\t2nde 2\t01/02/2008\r\n"
    "ROUX Chlo\xE9\t2nde 1\t12/12/2008\r\n";

#define PLACEMENT_HEADER                                                     \
    "INE;Nom;Pr\u00e9nom;Classe;Structure d'accueil;Type de structure;"      \
    "Commune;Pays;Date de d\u00e9but;Date de fin;"                           \
    "Signature chef d'\u00e9tablissement;Signature structure d'accueil;"     \
    "Signature \u00e9l\u00e8ve;Signature repr\u00e9sentant l\u00e9gal;"      \
    "Activit\u00e9s pr\u00e9vues;Comp\u00e9tences vis\u00e9es;"              \
    "Attestation assurance \u00e9l\u00e8ve;Assurance structure;Dispense;"    \
    "Justificatif\n"
#define FULL "Lyon;;17/06/2024;28/06/2024"
#define SIGNED "oui;oui;oui;oui;Vente;Accueillir le public;oui;oui"

/* UTF-8 with a BOM: one row per status, and anomalies. */
static const char stages[] =
    "\xEF\xBB\xBF" PLACEMENT_HEADER
    "0000000001A;;;;Boulangerie;Entreprise;" FULL ";" SIGNED ";;\n"
    "0000000002B;;;;;;;;17/06/2024;28/06/2024;;;;;;;;;"
    "SNU (s\u00e9jour de coh\u00e9sion);oui\n"
    "0000000004D;;;;Garage;Entreprise;Lyon;;17/06/2024;21/06/2024;"
    SIGNED ";;\n"
    "0000000005E;;;;Mairie;Administration;" FULL
    ";non;oui;oui;oui;Accueil;Observer;oui;oui;;\n"
    "0000000006F;;;;Librairie;Entreprise;" FULL
    ";oui;oui;peut-\u00eatre;oui;Vente;Observer;oui;oui;;\n"
    ";MARTIN;L\u00e9a;2nde 2;Pharmacie;Entreprise;" FULL ";" SIGNED ";;\n"
    ";DE LA FONTAINE;Jean;2nde 2;H\u00f4tel;Entreprise;Lyon;;31/02/2024;"
    "28/06/2024;" SIGNED ";;\n"
    "9999999999Z;;;;Cin\u00e9ma;Entreprise;" FULL ";" SIGNED ";;\n"
    ";ROUX;Chlo\u00e9;2nde 1;;;;;17/06/2024;28/06/2024;;;;;;;;;"
    "Voyage scolaire;non\n"
    ";ROUX;Chlo\u00e9;2nde 1;Mus\u00e9e;Administration;Bruxelles;Belgique;"
    "24/06/2024;28/06/2024;" SIGNED ";;\n"
    "0000000007G;;;;Boulangerie;Entreprise;" FULL ";" SIGNED ";;\n"
    "\"0000000001A\";;;;\"Fleuriste; atelier\";Entreprise;Lyon;;"
    "24/06/2024;28/06/2024;" SIGNED ";;\n";

/* The previous run's inputs: another roll (a pupil who has left since)
 * and fewer placements, so that statuses change. */
static const char roll_left[] =
    "Nom,Pr\u00e9nom,Classe,INE\nBLANC,Jules,2NDE 1,0000000009J\n";

static const char stages_old[] =
    PLACEMENT_HEADER
    "0000000001A;;;;Boulangerie;Entreprise;" FULL ";" SIGNED ";;\n"
    "0000000004D;;;;Garage;Entreprise;" FULL ";" SIGNED ";;\n"
    "0000000005E;;;;Mairie;Administration;" FULL ";" SIGNED ";;\n";

static const char *const input_names[] = {
    "siecle.csv", "pronote.csv", "stages.csv", "partis.csv", "stages-old.csv"};

/* ---- Files ----------------------------------------------------------------- */

/* A file's bytes; exists 0 when there was no file. */
typedef struct blob {
    char *data;
    size_t len;
    int exists;
} blob;

static FILE *msg; /* the driver's own output */
static char root[128];
static char dir[192];
static char out_path[192], err_path[192];

static void die(const char *what)
{
    fprintf(stderr, "fault-run: %s: %s\n", what, strerror(errno));
    exit(3);
}

static void path_in(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static void write_file(const char *path, const char *data, size_t len,
                       mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

    if (fd < 0 || write(fd, data, len) != (ssize_t)len || fchmod(fd, mode) ||
        close(fd) != 0)
        die(path);
}

static void write_input(const char *name, const char *text)
{
    char path[PATH_SIZE];

    path_in(path, sizeof path, name);
    write_file(path, text, strlen(text), 0644);
}

/* Writes latin1 as UTF-16LE with a BOM. */
static void write_utf16(const char *name, const char *latin1)
{
    size_t n = strlen(latin1);
    char *u = malloc(2 * n + 2);
    char path[PATH_SIZE];

    if (!u)
        die("malloc");
    u[0] = (char)0xFF;
    u[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        u[2 + 2 * i] = latin1[i];
        u[3 + 2 * i] = 0;
    }
    path_in(path, sizeof path, name);
    write_file(path, u, 2 * n + 2, 0644);
    free(u);
}

static void write_inputs(void)
{
    write_input("siecle.csv", roll_siecle);
    write_utf16("pronote.csv", roll_pronote);
    write_input("stages.csv", stages);
    write_input("partis.csv", roll_left);
    write_input("stages-old.csv", stages_old);
}

/* Reads path; NUL-terminated, so that text can be used as a string. */
static blob read_blob(const char *path)
{
    blob b = {NULL, 0, 0};
    struct stat st;
    int fd = open(path, O_RDONLY);

    if (fd < 0) {
        if (errno != ENOENT)
            die(path);
        b.data = calloc(1, 1);
        if (!b.data)
            die("calloc");
        return b;
    }
    if (fstat(fd, &st) != 0)
        die(path);
    b.len = (size_t)st.st_size;
    b.data = malloc(b.len + 1);
    if (!b.data || read(fd, b.data, b.len) != (ssize_t)b.len)
        die(path);
    b.data[b.len] = '\0';
    b.exists = 1;
    close(fd);
    return b;
}

static blob read_in(const char *name)
{
    char path[PATH_SIZE];

    path_in(path, sizeof path, name);
    return read_blob(path);
}

static void blob_free(blob *b)
{
    free(b->data);
    b->data = NULL;
    b->exists = 0;
}

static int blob_equal(const blob *a, const blob *b)
{
    return a->exists == b->exists && a->len == b->len &&
           (!a->exists || memcmp(a->data, b->data, a->len) == 0);
}

/* Puts b back as name (removes name when b is no file). */
static void restore(const char *name, const blob *b)
{
    char path[PATH_SIZE];

    path_in(path, sizeof path, name);
    if (b->exists)
        write_file(path, b->data, b->len, 0640);
    else if (unlink(path) != 0 && errno != ENOENT)
        die(path);
}

static unsigned zip_u16(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    return u[0] | (unsigned)u[1] << 8;
}

static unsigned long zip_u32(const char *p)
{
    return zip_u16(p) | (unsigned long)zip_u16(p + 2) << 16;
}

/* Writes "name crc size" for each member of the zip in b, from its central
 * directory, into out (size bytes): two workbooks with the same list hold
 * the same files. docProps/core.xml is left out: it holds the time the
 * workbook was written. Returns 0, or -1 when b is no whole zip (the
 * end-of-central-directory record is written last, at the very end). */
static int zip_digest(const blob *b, char *out, size_t size)
{
    const char *end, *p;
    unsigned long count, cd_size, cd_offset, used = 0;

    out[0] = '\0';
    if (!b->exists || b->len < 22)
        return -1;
    end = b->data + b->len - 22;
    if (memcmp(end, "PK\5\6", 4) != 0)
        return -1;
    count = zip_u16(end + 10);
    cd_size = zip_u32(end + 12);
    cd_offset = zip_u32(end + 16);
    if (cd_offset + cd_size != (unsigned long)(end - b->data))
        return -1;
    p = b->data + cd_offset;
    for (unsigned long i = 0; i < count; i++) {
        unsigned name_len, extra_len, comment_len;

        if (p + 46 > end || memcmp(p, "PK\1\2", 4) != 0)
            return -1;
        name_len = zip_u16(p + 28);
        extra_len = zip_u16(p + 30);
        comment_len = zip_u16(p + 32);
        if (p + 46 + name_len > end)
            return -1;
        if (!(name_len == 17 && memcmp(p + 46, "docProps/core.xml", 17) == 0))
            used += (unsigned long)snprintf(
                out + used, used < size ? size - used : 0, "%.*s %08lx %lu\n",
                (int)name_len, p + 46, zip_u32(p + 16), zip_u32(p + 24));
        p += 46 + name_len + extra_len + comment_len;
    }
    return used < size ? 0 : -1;
}

/* Returns the mode bits of name in the folder, or -1. */
static int file_mode(const char *name)
{
    char path[PATH_SIZE];
    struct stat st;

    path_in(path, sizeof path, name);
    return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* ---- Running stagecheck ---------------------------------------------------- */

/* The argument vector of a run, rebuilt each time: getopt may permute it. */
typedef struct args {
    int argc;
    char *argv[32];
    char storage[32][PATH_SIZE];
} args;

static void args_add(args *a, const char *arg)
{
    snprintf(a->storage[a->argc], sizeof a->storage[a->argc], "%s", arg);
    a->argv[a->argc] = a->storage[a->argc];
    a->argc++;
    a->argv[a->argc] = NULL;
}

static void args_file(args *a, const char *option, const char *name)
{
    char path[PATH_SIZE];

    path_in(path, sizeof path, name);
    args_add(a, option);
    args_add(a, path);
}

/* current: this run's inputs; else the previous run's. */
static void args_build(args *a, int current)
{
    a->argc = 0;
    args_add(a, "stagecheck");
    args_file(a, "--roll", "siecle.csv");
    args_file(a, "--roll", current ? "pronote.csv" : "partis.csv");
    args_file(a, "--placements", current ? "stages.csv" : "stages-old.csv");
    args_add(a, "--as-of");
    args_add(a, "2024-06-10");
    args_add(a, "--deadline");
    args_add(a, "2024-06-07");
    args_add(a, "--classes");
    args_add(a, "2*");
    args_add(a, "--wait");
    args_add(a, "5");
    /* One thread reads the inputs: the allocator counts in plain
     * variables (alloc.c), and the allocation that fails must be the
     * same one from run to run. */
    args_add(a, "-j");
    args_add(a, "1");
    args_file(a, "-o", OUT_NAME);
}

/* Points fd at path (truncated); returns a copy of the old fd. */
static int redirect(int fd, const char *path)
{
    int saved = dup(fd);
    int to = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

    if (saved < 0 || to < 0 || dup2(to, fd) < 0)
        die(path);
    close(to);
    return saved;
}

/* Runs stagecheck in this process, its output into root/stdout and
 * root/stderr. Returns its status. */
static int run_here(int current)
{
    args a;
    int out, err, status;

    args_build(&a, current);
    out = redirect(STDOUT_FILENO, out_path);
    err = redirect(STDERR_FILENO, err_path);
    status = sc_main(a.argc, a.argv);
    fflush(stdout);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    close(out);
    close(err);
    return status;
}

/* What a child reports through its pipe, when sc_main returns or when the
 * child crashes. */
typedef struct result {
    int status;           /* sc_main's */
    int signal;           /* the signal that ended the run, or 0 */
    int fired;
    unsigned long count;  /* allocations counted */
    long live_before;
    long live_after;
    int nalloc;           /* where the allocation failed */
    void *alloc[FAULT_FRAMES];
    int ncrash;           /* where the run crashed */
    void *crash[FAULT_FRAMES];
    int nleaked;          /* with tracking: blocks left, and where the */
    int leak_complete;    /* first LEAKS_SHOWN of them were allocated */
    int nleak[LEAKS_SHOWN];
    void *leak[LEAKS_SHOWN][FAULT_FRAMES];
} result;

static result child_result;
static int child_pipe = -1;
static pid_t child_pid;  /* the run's own process, not the workbook
                            writer stagecheck forks from it */

/* Sends where the child crashed (or hung: SIGALRM), then dies of sig. A
 * process stagecheck forked (report.c writes each workbook in one) just
 * dies: stagecheck itself must tell what that means. */
static void child_crashed(int sig)
{
    if (getpid() != child_pid) {
        /* SA_RESETHAND: the fault, met again on return, now kills. */
        raise(sig);
        return;
    }
    child_result.signal = sig;
    child_result.ncrash = backtrace(child_result.crash, FAULT_FRAMES);
    child_result.fired = fault_fired();
    child_result.count = fault_count();
    child_result.nalloc = fault_where(child_result.alloc);
    if (write(child_pipe, &child_result, sizeof child_result) < 0)
        _exit(126);
    raise(sig); /* SA_RESETHAND: the default action this time */
}

/* The child: runs stagecheck with allocation n failing, reports on fd;
 * with track, where the blocks left allocated come from. */
static void child(unsigned long n, int fd, int track)
{
    static const int crashes[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL,
                                  SIGALRM};
    struct sigaction sa;
    args a;

    child_pipe = fd;
    child_pid = getpid();
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = child_crashed;
    sa.sa_flags = (int)SA_RESETHAND;
    for (size_t i = 0; i < sizeof crashes / sizeof *crashes; i++)
        sigaction(crashes[i], &sa, NULL);
    alarm(CHILD_SECONDS);
    args_build(&a, 1);
    close(redirect(STDOUT_FILENO, out_path));
    close(redirect(STDERR_FILENO, err_path));
    child_result.live_before = fault_live();
    if (track)
        fault_track(1);
    fault_arm(n);
    child_result.status = sc_main(a.argc, a.argv);
    fault_disarm();
    fault_track(0);
    child_result.live_after = fault_live();
    if (track) {
        child_result.nleaked = (int)fault_tracked(&child_result.leak_complete);
        for (int i = 0; i < LEAKS_SHOWN; i++)
            child_result.nleak[i] = fault_tracked_frames((size_t)i,
                                                         child_result.leak[i]);
    }
    child_result.fired = fault_fired();
    child_result.count = fault_count();
    child_result.nalloc = fault_where(child_result.alloc);
    fflush(stdout);
    _exit(write(fd, &child_result, sizeof child_result) ==
                  (ssize_t)sizeof child_result
              ? 0
              : 1);
}

/* Runs stagecheck in a child with allocation n failing. Returns 0 and
 * *res (res->signal set if the child crashed), or -1 when the child died
 * without a report. */
static int run_child(unsigned long n, result *res, int track)
{
    int fds[2], wstatus;
    pid_t pid;
    ssize_t got;

    fflush(msg);
    if (pipe(fds) != 0)
        die("pipe");
    pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        close(fds[0]);
        child(n, fds[1], track);
    }
    close(fds[1]);
    got = read(fds[0], res, sizeof *res);
    close(fds[0]);
    if (waitpid(pid, &wstatus, 0) != pid)
        die("waitpid");
    return got == (ssize_t)sizeof *res ? 0 : -1;
}

/* ---- Call stacks in words ------------------------------------------------- */

static char exe_path[PATH_SIZE];

/* addr2line, kept running: it answers one address at a time. */
static FILE *a2l_in, *a2l_out;

static void a2l_start(void)
{
    int to[2], from[2];
    pid_t pid;

    if (a2l_in || pipe(to) != 0)
        return;
    if (pipe(from) != 0) {
        close(to[0]);
        close(to[1]);
        return;
    }
    pid = fork();
    if (pid == 0) {
        dup2(to[0], STDIN_FILENO);
        dup2(from[1], STDOUT_FILENO);
        close(to[0]);
        close(to[1]);
        close(from[0]);
        close(from[1]);
        execlp("addr2line", "addr2line", "-f", "-i", "-p", "-s", "-e",
               exe_path, (char *)NULL);
        _exit(127);
    }
    close(to[0]);
    close(from[1]);
    a2l_in = fdopen(to[1], "w");
    a2l_out = fdopen(from[0], "r");
    if (pid < 0 || !a2l_in || !a2l_out)
        die("addr2line");
}

/* One address of the executable, resolved. */
typedef struct symbol {
    void *addr;
    char text[300];
} symbol;

static symbol symbols[4096];
static size_t nsymbols;

/* Appends sep and text to out (size bytes), cut if need be. */
static void append(char *out, size_t size, const char *sep, const char *text)
{
    size_t len = strlen(out);

    if (len > 0)
        for (; *sep && len + 1 < size; sep++)
            out[len++] = *sep;
    while (*text && len + 1 < size)
        out[len++] = *text++;
    out[len] = '\0';
}

/* Resolves pc, an address in the executable at offset, to "function
 * (file:line)" joined by " < " with the functions inlined there, innermost
 * first: addr2line -i -p prints "f at file:line", then " (inlined by) g at
 * file:line" lines. A second address, 0, answers "?? ??:0" and marks the
 * end of the first one's lines. */
static const char *exe_symbol(void *pc, uintptr_t offset)
{
    char line[512];
    symbol *s;
    int first = 1;

    for (size_t i = 0; i < nsymbols; i++)
        if (symbols[i].addr == pc)
            return symbols[i].text;
    s = &symbols[nsymbols < 4096 ? nsymbols++ : 4095];
    s->addr = pc;
    snprintf(s->text, sizeof s->text, "fault-run+%#lx", (unsigned long)offset);
    a2l_start();
    if (!a2l_in || fprintf(a2l_in, "%#lx\n0\n", (unsigned long)offset) < 0 ||
        fflush(a2l_in) != 0)
        return s->text;
    while (fgets(line, sizeof line, a2l_out)) {
        int inlined = strncmp(line, " (inlined by) ", 14) == 0;
        char *at, *cut, entry[260];

        if (!first && !inlined)
            break; /* the answer for 0 */
        if (first)
            s->text[0] = '\0';
        first = 0;
        line[strcspn(line, "\n")] = '\0';
        if ((cut = strstr(line, " (discriminator")) != NULL)
            *cut = '\0';
        at = strstr(line, " at ");
        if (!at)
            continue;
        *at = '\0';
        snprintf(entry, sizeof entry, "%.120s (%.120s)",
                 inlined ? line + 14 : line, at + 4);
        append(s->text, sizeof s->text, " < ", entry);
    }
    return s->text;
}

/* Where an allocation failed, or a run crashed. */
typedef struct site {
    char text[1200];  /* "f (file:line) < g (file:line) < lib.so:h …" */
    char key[200];    /* stagecheck's first three functions: one bug, one key */
    char lib[100];    /* the first function of libxlsxwriter (or what it
                         writes through), if any */
    int library;      /* the failed allocation was libxlsxwriter's own */
} site;

/* Returns 1 for libxlsxwriter and what it writes through (minizip, zlib). */
static int xlsx_library(const char *lib)
{
    return strncmp(lib, "libxlsxwriter", 13) == 0 ||
           strncmp(lib, "libminizip", 10) == 0 || strncmp(lib, "libz.", 5) == 0;
}

/* Adds the function names of text ("f (file:line) < g (…)") to key, up to
 * three in all. */
static void key_add(char *key, size_t size, const char *text)
{
    while (*text) {
        size_t len = strcspn(text, " ");
        char name[120];
        int n = 0;

        for (const char *k = key; (k = strstr(k, " < ")) != NULL; k += 3)
            n++;
        if (key[0] && n >= 2)
            return;
        snprintf(name, sizeof name, "%.*s", (int)len, text);
        append(key, size, " < ", name);
        text = strstr(text, " < ");
        if (!text)
            return;
        text += 3;
    }
}

/* Describes frames, innermost first: stagecheck's functions with file and
 * line, a library as "lib.so:function"; the allocator, the signal handler
 * and the driver are left out. */
static void describe(void *const *frames, int n, site *s)
{
    Dl_info self, info;
    int shown = 0, decided = 0;

    memset(s, 0, sizeof *s);
    dladdr((void *)describe, &self);
    for (int i = 0; i < n && shown < MAX_SITE; i++) {
        /* A return address: the call is the byte before. */
        void *pc = (char *)frames[i] - 1;
        char entry[300];

        if (!dladdr(pc, &info))
            continue;
        if (info.dli_fbase == self.dli_fbase) {
            const char *text =
                exe_symbol(pc, (uintptr_t)pc - (uintptr_t)info.dli_fbase);

            if (strstr(text, "(alloc.c") || strstr(text, "child_crashed"))
                continue;
            if (strstr(text, "(fault_run.c"))
                break; /* the driver, which called sc_main */
            snprintf(entry, sizeof entry, "%s", text);
            key_add(s->key, sizeof s->key, text);
            decided = 1;
        } else {
            const char *lib = strrchr(info.dli_fname, '/');
            const char *name = info.dli_sname ? info.dli_sname : "";

            lib = lib ? lib + 1 : info.dli_fname;
            if (strncmp(lib, "libc.so", 7) == 0 &&
                (strcmp(name, "raise") == 0 || strstr(name, "restore_rt")))
                continue; /* the signal's own frames */
            /* The first caller that is not the C library decides whose
             * allocation it was. */
            if (!decided && strncmp(lib, "libc.so", 7) != 0) {
                s->library = xlsx_library(lib);
                decided = 1;
            }
            if (!s->lib[0] && xlsx_library(lib))
                snprintf(s->lib, sizeof s->lib, "%.90s", name);
            snprintf(entry, sizeof entry, "%.60s%s%.100s", lib,
                     *name ? ":" : "", name);
        }
        append(s->text, sizeof s->text, " < ", entry);
        shown++;
    }
    /* Only libraries in sight (stdio called by libxlsxwriter…): the
     * library's function names the place. */
    if (!s->key[0])
        snprintf(s->key, sizeof s->key, "%.150s", s->lib[0] ? s->lib : s->text);
}

/* ---- Checking a run -------------------------------------------------------- */

/* What can be wrong with a run. */
enum {
    P_CRASH = 1 << 0,     /* crashed, or stuck */
    P_LEAK = 1 << 1,      /* live blocks left after sc_main */
    P_TOUCHED = 1 << 2,   /* failed, but the workbook or state changed */
    P_MESSAGE = 1 << 3,   /* exit 2 without the expected message */
    P_TEMP = 1 << 4,      /* a temporary file left */
    P_FILE = 1 << 5,      /* another file left */
    P_DIFFERENT = 1 << 6, /* exit 0 or 1, but not the normal run */
    P_STATUS = 1 << 7     /* neither 2 nor the normal status */
};

/* What libxlsxwriter may do after its own allocation failed, which
 * stagecheck cannot prevent (a crash leaves its temporary file too). */
#define P_LIBRARY (P_CRASH | P_LEAK | P_DIFFERENT)

/* A kind of outcome and where, with how often and the first N. */
typedef struct group {
    char what[300];     /* with key, what tells groups apart */
    char key[300];
    char story[300];    /* what its first run did, when what is "" */
    char where[2500];
    char ns[160];       /* its N, as many as fit */
    unsigned long count;
    unsigned long first_n;
} group;

typedef struct groups {
    group items[MAX_GROUPS];
    size_t count;
} groups;

typedef struct tally {
    unsigned long total;     /* allocations of a whole run */
    unsigned long clean;     /* exit 2, French message, nothing touched */
    unsigned long absorbed;  /* a library coped: the normal run */
    unsigned long unsaved;   /* normal workbook, state file not saved (said) */
    unsigned long library;   /* libxlsxwriter's own failure: its limits */
    unsigned long bad;
    unsigned long lxw_lines; /* runs where libxlsxwriter printed its own */
    groups messages;         /* the messages of the runs that failed */
    groups absorbed_at;      /* where the absorbed failures were */
    groups limits;           /* what libxlsxwriter did */
    groups problems;         /* what the bad runs did */
} tally;

/* The folder before a run, which a failed run must leave as it was, and
 * what the normal run gives. */
typedef struct expect {
    blob workbook;
    blob state;
    char digest[8192];  /* zip_digest of the normal run's workbook */
    blob new_state;
    int status;
    blob stdout_text;
    blob stderr_text;
} expect;

static int verbose;

/* Counts one more (what, key); returns it, with count 1 the first time. */
static group *group_add(groups *g, const char *what, const char *key,
                        unsigned long n)
{
    size_t i;

    for (i = 0; i < g->count; i++)
        if (strcmp(g->items[i].what, what) == 0 &&
            strcmp(g->items[i].key, key) == 0)
            break;
    if (i == g->count) {
        if (i == MAX_GROUPS)
            i--; /* the last one takes the rest */
        else
            g->count++;
        snprintf(g->items[i].what, sizeof g->items[i].what, "%s", what);
        snprintf(g->items[i].key, sizeof g->items[i].key, "%s", key);
        g->items[i].story[0] = '\0';
        g->items[i].ns[0] = '\0';
        g->items[i].where[0] = '\0';
        g->items[i].first_n = n;
        g->items[i].count = 0;
    }
    g->items[i].count++;
    {
        char number[24];
        size_t len = strlen(g->items[i].ns);

        snprintf(number, sizeof number, "%lu", n);
        if (len + strlen(number) + 6 < sizeof g->items[i].ns)
            append(g->items[i].ns, sizeof g->items[i].ns, " ", number);
        else if (!strstr(g->items[i].ns, "…"))
            append(g->items[i].ns, sizeof g->items[i].ns, " ", "…");
    }
    return &g->items[i];
}

/* Prints each group: how many runs, the first N, what and where; with
 * every_n, the N of all its runs (as many as were kept). */
static void groups_print(const groups *g, int every_n)
{
    for (size_t i = 0; i < g->count; i++) {
        fprintf(msg, "  %6lu  N=%-5lu %s%s%s%s\n", g->items[i].count,
                g->items[i].first_n, g->items[i].what, g->items[i].story,
                g->items[i].where[0] ? "\n          allocation : " : "",
                g->items[i].where);
        if (every_n && g->items[i].count > 1)
            fprintf(msg, "          N = %s\n", g->items[i].ns);
    }
}

/* Adds a problem to the run's description. */
static void problem(char *what, size_t size, int *flags, int flag,
                    const char *text)
{
    *flags |= flag;
    append(what, size, " ; ", text);
}

/* Removes folder and the files in it (a private folder a run left). */
static void remove_folder(const char *folder)
{
    DIR *d = opendir(folder);
    struct dirent *e;

    while (d && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlinkat(dirfd(d), e->d_name, 0);
    if (d)
        closedir(d);
    rmdir(folder);
}

/* Notes the files of the folder other than the inputs, the workbook, its
 * state file and its lock, and removes them: the next run starts clean. */
static void folder_check(char *what, size_t size, int *flags)
{
    static const char *const allowed[] = {OUT_NAME, STATE_NAME, LOCK_NAME};
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        die(dir);
    while ((e = readdir(d)) != NULL) {
        int known = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
        char text[300], path[PATH_SIZE];

        for (size_t i = 0; !known && i < sizeof input_names / sizeof *input_names;
             i++)
            known = strcmp(e->d_name, input_names[i]) == 0;
        for (size_t i = 0; !known && i < sizeof allowed / sizeof *allowed; i++)
            known = strcmp(e->d_name, allowed[i]) == 0;
        if (known)
            continue;
        if (strncmp(e->d_name, ".stagecheck-", 12) == 0) {
            /* A run's private folder; without its pid and random part,
             * which would split the groups. */
            problem(what, size, flags, P_TEMP,
                    "dossier temporaire laissé (.stagecheck-)");
        } else if (strstr(e->d_name, ".tmp-")) {
            /* Without the random part, which would split the groups. */
            snprintf(text, sizeof text, "fichier temporaire laissé (%.*s)",
                     (int)(strstr(e->d_name, ".tmp-") - e->d_name + 5),
                     e->d_name);
            problem(what, size, flags, P_TEMP, text);
        } else {
            snprintf(text, sizeof text, "fichier laissé : %.200s", e->d_name);
            problem(what, size, flags, P_FILE, text);
        }
        path_in(path, sizeof path, e->d_name);
        if (unlink(path) != 0)
            remove_folder(path);
    }
    closedir(d);
}

/* Removes libxlsxwriter's own lines ("[ERROR]…", "[WARNING]…", English)
 * from text, in place; returns how many there were. */
static int strip_library_lines(char *text)
{
    int n = 0;
    char *line = text;

    while (*line) {
        char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) + 1 : strlen(line);

        if (strncmp(line, "[ERROR]", 7) == 0 ||
            strncmp(line, "[WARNING]", 9) == 0) {
            memmove(line, line + len, strlen(line + len) + 1);
            n++;
        } else {
            line += len;
        }
    }
    return n;
}

/* Returns line without the test folder's path ("siecle.csv:2: …"). */
static const char *short_path(const char *line)
{
    size_t len = strlen(dir);

    return strncmp(line, dir, len) == 0 && line[len] == '/' ? line + len + 1
                                                            : line;
}

/* Checks what a run that failed with exit 2 printed: one line naming a
 * file (or "stagecheck:"), then "aucun classeur écrit". The line goes to
 * t->messages, keyed by where when it does not speak of memory. */
static void check_message(tally *t, unsigned long n, char *err,
                          const site *where, char *what, size_t size,
                          int *flags)
{
    static const char last[] = "stagecheck: aucun classeur écrit.\n";
    /* What sc_main adds when the options could not be parsed. */
    static const char hint[] = "Essayez « stagecheck --help ».\n";
    char *second = strchr(err, '\n'), text[400];
    int memory;
    group *g;

    if (!second || (strcmp(second + 1, last) != 0 &&
                    strcmp(second + 1, hint) != 0)) {
        problem(what, size, flags, P_MESSAGE, "sortie d'erreur inattendue");
        return;
    }
    *second = '\0';
    if (short_path(err) == err && strncmp(err, "stagecheck: ", 12) != 0) {
        problem(what, size, flags, P_MESSAGE,
                "message qui ne nomme pas de fichier");
        return;
    }
    /* Listed apart: the hint is no help for a lack of memory. */
    snprintf(text, sizeof text, "%s%s", short_path(err),
             strcmp(second + 1, hint) == 0 ? " (+ « Essayez --help »)" : "");
    memory = strstr(text, "mémoire") != NULL;
    g = group_add(&t->messages, text, memory ? "" : where->key, n);
    if (!memory && g->count == 1)
        snprintf(g->where, sizeof g->where, "%s", where->text);
}

/* Checks a run that ended with the normal status: nothing failed, or a
 * library coped with the failure; then it must be the normal run. The
 * state file may be left unsaved, which the README allows, if stderr says
 * so first. Returns 1 if the state file was saved. */
static int check_normal(tally *t, const expect *x, unsigned long n,
                        const blob *workbook, const blob *state,
                        const blob *out, char *err, char *what, size_t size,
                        int *flags)
{
    static char digest[sizeof x->digest];
    int saved = blob_equal(state, &x->new_state);

    if (zip_digest(workbook, digest, sizeof digest) != 0)
        problem(what, size, flags, P_DIFFERENT, "classeur incomplet");
    else if (strcmp(digest, x->digest) != 0)
        problem(what, size, flags, P_DIFFERENT, "classeur différent");
    if (file_mode(OUT_NAME) != 0640)
        problem(what, size, flags, P_DIFFERENT, "classeur pas en mode 0640");
    if (!saved) {
        char *end = strchr(err, '\n');

        if (!blob_equal(state, &x->state))
            problem(what, size, flags, P_DIFFERENT,
                    "fichier d'état ni l'ancien ni le nouveau");
        /* It names the state file, by its name or in words. */
        if (!end || (!strstr(err, "fichier d'état") &&
                     !strstr(err, STATE_NAME ":")) ||
            !strstr(err, "bien écrit")) {
            problem(what, size, flags, P_DIFFERENT,
                    "état non enregistré sans message");
        } else {
            *end = '\0';
            group_add(&t->messages, short_path(err), "", n);
            memmove(err, end + 1, strlen(end + 1) + 1);
        }
    }
    if (!blob_equal(out, &x->stdout_text))
        problem(what, size, flags, P_DIFFERENT, "résumé différent");
    if (strcmp(err, x->stderr_text.data) != 0)
        problem(what, size, flags, P_DIFFERENT, "anomalies différentes");
    return saved;
}

/* Runs allocation n's failure again, recording every block, to find where
 * the blocks it leaves were allocated; describes the first of them into
 * leak, library set if they all come from libxlsxwriter (as far as
 * LEAKS_SHOWN go). Puts the folder back as it was. */
static void leak_trace(const expect *x, unsigned long n, site *leak)
{
    static result r;
    char ignored[300] = "";
    int flags = 0;

    memset(leak, 0, sizeof *leak);
    if (run_child(n, &r, 1) != 0 || r.signal || r.nleaked == 0) {
        snprintf(leak->text, sizeof leak->text, "introuvable");
    } else {
        int library = r.leak_complete;

        for (int i = 0; i < LEAKS_SHOWN && i < r.nleaked; i++) {
            static site one;

            describe(r.leak[i], r.nleak[i], &one);
            library &= one.library;
            if (i == 0)
                *leak = one;
        }
        leak->library = library;
    }
    folder_check(ignored, sizeof ignored, &flags);
    restore(OUT_NAME, &x->workbook);
    restore(STATE_NAME, &x->state);
}

/* Checks the run where allocation n failed (or none did: r->fired 0) and
 * counts it; puts the folder back as it was. */
static void check_run(tally *t, const expect *x, unsigned long n,
                      const result *r)
{
    static site where, crash, leak;
    blob workbook = read_in(OUT_NAME), state = read_in(STATE_NAME);
    blob out = read_blob(out_path), err = read_blob(err_path);
    char what[300] = "", text[260];
    int flags = 0, saved = 1;
    group *g;

    describe(r->alloc, r->nalloc, &where);
    if (verbose)
        fprintf(msg, "N=%lu : %s %d, échec %s, %lu allocations, vivantes "
                     "%ld -> %ld\nallocation : %s\n--- stderr\n%s---\n",
                n, r->signal ? "signal" : "code",
                r->signal ? r->signal : r->status,
                r->fired ? "provoqué" : "non provoqué", r->count,
                r->live_before, r->live_after, where.text, err.data);
    if (strip_library_lines(err.data) > 0)
        t->lxw_lines++;
    if (r->signal) {
        describe(r->crash, r->ncrash, &crash);
        snprintf(text, sizeof text, "%s %d",
                 r->signal == SIGALRM ? "bloqué, arrêté par le signal"
                                      : "plantage, signal", r->signal);
        problem(what, sizeof what, &flags, P_CRASH, text);
    } else if (r->live_after != r->live_before) {
        snprintf(text, sizeof text, "fuite : %+ld bloc(s)",
                 r->live_after - r->live_before);
        problem(what, sizeof what, &flags, P_LEAK, text);
    }
    if (r->signal || (r->status == SC_EXIT_ERROR && r->fired)) {
        if (!blob_equal(&workbook, &x->workbook) ||
            !blob_equal(&state, &x->state))
            problem(what, sizeof what, &flags, P_TOUCHED,
                    "échec mais classeur ou état modifié");
        if (!r->signal && out.len != 0)
            problem(what, sizeof what, &flags, P_MESSAGE,
                    "code 2 avec un résumé");
        if (!r->signal)
            check_message(t, n, err.data, &where, what, sizeof what, &flags);
    } else if (r->status == x->status) {
        saved = check_normal(t, x, n, &workbook, &state, &out, err.data, what,
                             sizeof what, &flags);
    } else {
        snprintf(text, sizeof text, "code %d (attendu : 2, ou %d si l'échec "
                 "est absorbé)", r->status, x->status);
        problem(what, sizeof what, &flags, P_STATUS, text);
    }
    folder_check(what, sizeof what, &flags);
    restore(OUT_NAME, &x->workbook);
    restore(STATE_NAME, &x->state);
    if (flags & P_LEAK)
        leak_trace(x, n, &leak);

    if (flags && (where.library || (flags == P_LEAK && leak.library)) &&
        !(flags & ~(P_LIBRARY | (flags & P_CRASH ? P_TEMP : 0)))) {
        /* One group per kind of outcome and function of the library. */
        snprintf(text, sizeof text, "%s, après un échec dans %.150s",
                 flags & P_CRASH ? "plantage"
                 : flags & P_LEAK ? "fuite" : "classeur écrit quand même",
                 where.library ? where.lib : where.key);
        t->library++;
        g = group_add(&t->limits, text, "", n);
    } else if (flags) {
        t->bad++;
        g = group_add(&t->problems, "", where.key, n);
    } else {
        g = NULL;
        if (r->fired && r->status == SC_EXIT_ERROR)
            t->clean++;
        else if (r->fired && saved)
            t->absorbed++;
        else if (r->fired)
            t->unsaved++;
        if (r->fired && r->status != SC_EXIT_ERROR) {
            group *a = group_add(&t->absorbed_at, saved ? "" : "état non "
                                 "enregistré (signalé) : ", where.key, n);

            if (a->count == 1)
                snprintf(a->where, sizeof a->where, "%s", where.text);
        }
    }
    /* The first run of a group tells its story. */
    if (g && g->count == 1) {
        if (!g->what[0])
            snprintf(g->story, sizeof g->story, "%s", what);
        snprintf(g->where, sizeof g->where, "%s", where.text);
        if (r->signal)
            append(g->where, sizeof g->where, "\n          plantage : ",
                   crash.text);
        if (flags & P_LEAK)
            append(g->where, sizeof g->where, "\n          bloc perdu : ",
                   leak.text);
        if (!(flags & P_CRASH) && err.data[0] && !where.library)
            append(g->where, sizeof g->where, "\n          sortie d'erreur : ",
                   err.data);
    }
    blob_free(&workbook);
    blob_free(&state);
    blob_free(&out);
    blob_free(&err);
}

/* ---- The scenarios ---------------------------------------------------------- */

static int run_checked(int current)
{
    int status = run_here(current);

    if (status > SC_EXIT_FINDINGS) {
        blob err = read_blob(err_path);
        fprintf(msg, "fault-run : le passage de préparation a échoué (%d) :\n"
                     "%s", status, err.data);
        exit(3);
    }
    return status;
}

/* Prepares the folder of a scenario and what its runs must give: with
 * previous, the workbook and state of a run on the old inputs; without,
 * none. Runs stagecheck twice on this run's inputs first, to warm the C
 * library up. */
static void expect_prepare(expect *x, int previous)
{
    blob none = {NULL, 0, 0}, fresh;

    memset(x, 0, sizeof *x);
    restore(OUT_NAME, &none);
    restore(STATE_NAME, &none);
    if (previous)
        run_checked(0);
    x->workbook = read_in(OUT_NAME);
    x->state = read_in(STATE_NAME);
    for (int i = 0; i < 2; i++) {
        restore(OUT_NAME, &x->workbook);
        restore(STATE_NAME, &x->state);
        x->status = run_checked(1);
    }
    fresh = read_in(OUT_NAME);
    if (zip_digest(&fresh, x->digest, sizeof x->digest) != 0) {
        fprintf(msg, "fault-run : classeur de référence illisible\n");
        exit(3);
    }
    blob_free(&fresh);
    x->new_state = read_in(STATE_NAME);
    x->stdout_text = read_blob(out_path);
    x->stderr_text = read_blob(err_path);
    restore(OUT_NAME, &x->workbook);
    restore(STATE_NAME, &x->state);
}

static void expect_free(expect *x)
{
    blob_free(&x->workbook);
    blob_free(&x->state);
    blob_free(&x->new_state);
    blob_free(&x->stdout_text);
    blob_free(&x->stderr_text);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Runs N = first, first + 1, … of a scenario, up to last (0: up to the
 * normal run). Returns the bad runs. */
static unsigned long scenario(const char *name, int previous,
                              unsigned long first, unsigned long last)
{
    static tally t;
    expect x;
    result r;
    struct timespec t0;
    unsigned long n;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    fprintf(msg, "Scénario « %s » :\n", name);
    expect_prepare(&x, previous);
    for (n = first;; n++) {
        if (run_child(n, &r, 0) != 0) {
            fprintf(msg, "  MAUVAIS N=%lu : le passage est mort sans rien "
                         "dire\n", n);
            t.bad++;
            restore(OUT_NAME, &x.workbook);
            restore(STATE_NAME, &x.state);
            if (n == last)
                break;
            continue;
        }
        check_run(&t, &x, n, &r);
        /* Past the last allocation: that was the normal run. */
        if (!r.fired || n == last)
            break;
    }
    t.total = n - 1;
    fprintf(msg, "  Messages des passages arrêtés (nombre, premier N ; "
                 "l'endroit, quand ils ne parlent pas de mémoire) :\n");
    groups_print(&t.messages, 0);
    if (t.lxw_lines)
        fprintf(msg, "  %lu passage(s) où libxlsxwriter a écrit en plus sa "
                     "propre ligne « [ERROR]… » (en anglais)\n",
                t.lxw_lines);
    if (t.absorbed + t.unsaved) {
        fprintf(msg, "  Échecs absorbés, le passage donnant le classeur "
                     "normal (nombre, premier N, fonctions) :\n");
        for (size_t i = 0; i < t.absorbed_at.count; i++)
            fprintf(msg, "  %6lu  N=%-5lu %s%s\n", t.absorbed_at.items[i].count,
                    t.absorbed_at.items[i].first_n,
                    t.absorbed_at.items[i].what, t.absorbed_at.items[i].key);
    }
    if (t.library) {
        fprintf(msg, "  Limites de libxlsxwriter (allocation de la "
                     "bibliothèque ; classeur précédent intact) :\n");
        groups_print(&t.limits, 0);
    }
    if (t.bad) {
        fprintf(msg, "  MAUVAIS, par sorte (nombre, premier N) :\n");
        groups_print(&t.problems, 1);
    }
    if (!last)
        fprintf(msg, "  => %lu allocations par passage ; échecs propres "
                     "(code 2) : %lu ; absorbés : %lu ; état non enregistré "
                     "(signalé) : %lu ; limites de libxlsxwriter : %lu ; "
                     "MAUVAIS : %lu ; %.1f s\n",
                t.total, t.clean, t.absorbed, t.unsaved, t.library, t.bad,
                seconds_since(&t0));
    expect_free(&x);
    return t.bad;
}

/* ---- Folders and workers ------------------------------------------------- */

static char top[64];

/* Uses top/<name> as this process's folder, inputs written. */
static void folder_setup(const char *name)
{
    snprintf(root, sizeof root, "%s/%s", top, name);
    snprintf(dir, sizeof dir, "%s/run", root);
    snprintf(out_path, sizeof out_path, "%s/stdout", root);
    snprintf(err_path, sizeof err_path, "%s/stderr", root);
    if (mkdir(root, 0700) != 0 || mkdir(dir, 0700) != 0)
        die(root);
    write_inputs();
}

static void folder_remove(const char *name)
{
    char path[PATH_SIZE];
    DIR *d;
    struct dirent *e;

    snprintf(root, sizeof root, "%s/%s", top, name);
    snprintf(dir, sizeof dir, "%s/run", root);
    if ((d = opendir(dir)) != NULL) {
        while ((e = readdir(d)) != NULL)
            if (e->d_name[0] != '.' || (e->d_name[1] && e->d_name[1] != '.')) {
                path_in(path, sizeof path, e->d_name);
                unlink(path);
            }
        closedir(d);
    }
    rmdir(dir);
    snprintf(path, sizeof path, "%s/stdout", root);
    unlink(path);
    snprintf(path, sizeof path, "%s/stderr", root);
    unlink(path);
    rmdir(root);
    snprintf(path, sizeof path, "%s/%s.txt", top, name);
    unlink(path);
}

/* The scenarios, each run by a worker process in its own folder. */
static const struct {
    const char *folder;
    const char *name;
    int previous;
} scenarios[] = {
    {"precedent", "précédent : un classeur et un état existent", 1},
    {"premier", "premier passage : rien à côté des entrées", 0},
};
#define NSCENARIOS (sizeof scenarios / sizeof *scenarios)

/* Starts the worker of scenario i; its report goes to top/<folder>.txt. */
static pid_t worker_start(size_t i)
{
    char path[PATH_SIZE];
    pid_t pid = fork();
    int bad;

    if (pid != 0)
        return pid;
    snprintf(path, sizeof path, "%s/%s.txt", top, scenarios[i].folder);
    if (!(msg = fopen(path, "w")))
        die(path);
    folder_setup(scenarios[i].folder);
    bad = scenario(scenarios[i].name, scenarios[i].previous, 1, 0) != 0;
    /* _exit does not flush stdio. */
    if (fclose(msg) != 0)
        die(path);
    _exit(bad);
}

int main(int argc, char **argv)
{
    const char *tmp = getenv("TMPDIR");
    void *frames[2];
    pid_t pids[NSCENARIOS];
    struct timespec t0;
    int bad = 0;
    ssize_t len;
    int fd;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* As main.c does. */
    setlocale(LC_CTYPE, "");
    /* backtrace() loads libgcc_s the first time: not inside a run. */
    backtrace(frames, 2);
    len = readlink("/proc/self/exe", exe_path, sizeof exe_path - 1);
    if (len < 0)
        die("/proc/self/exe");
    exe_path[len] = '\0';
    /* stagecheck's summary goes to files; the driver keeps the real
     * stdout. */
    fd = dup(STDOUT_FILENO);
    if (fd < 0 || !(msg = fdopen(fd, "w")))
        die("stdout");
    setvbuf(msg, NULL, _IOLBF, 0);
    /* Thousands of runs each write a workbook and a state file: in memory
     * (tmpfs) rather than on disk, unless TMPDIR says otherwise. */
    if (!tmp || !*tmp || strlen(tmp) >= 30)
        tmp = access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(top, sizeof top, "%s/stagecheck-fault-XXXXXX", tmp);
    if (!mkdtemp(top))
        die(top);

    if (argc > 1) {
        unsigned long first = strtoul(argv[1], NULL, 10);
        unsigned long last = argc > 2 ? strtoul(argv[2], NULL, 10) : first;

        verbose = last == first;
        folder_setup("seul");
        bad = scenario(scenarios[0].name, 1, first, last) != 0;
        if (!bad)
            folder_remove("seul");
    } else {
        for (size_t i = 0; i < NSCENARIOS; i++)
            pids[i] = worker_start(i);
        for (size_t i = 0; i < NSCENARIOS; i++) {
            char path[PATH_SIZE];
            blob report;
            int status;

            if (pids[i] < 0 || waitpid(pids[i], &status, 0) != pids[i])
                die("worker");
            snprintf(path, sizeof path, "%s/%s.txt", top, scenarios[i].folder);
            report = read_blob(path);
            fputs(report.data, msg);
            blob_free(&report);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
                bad = 1;
            else
                folder_remove(scenarios[i].folder);
        }
    }
    if (bad) {
        fprintf(msg, "fault-run : passage(s) MAUVAIS ; dossiers gardés dans "
                     "%s\n", top);
        return 1;
    }
    rmdir(top);
    fprintf(msg, "fault-run : tout est propre (%.0f s).\n", seconds_since(&t0));
    return 0;
}
