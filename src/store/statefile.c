/*
 * statefile.c - the state file kept beside the workbook: read back at the
 * start of a run, written through a temporary file at its end.
 *
 * The file "<workbook>.etat" is UTF-8 text:
 *
 *   # stagecheck — état du dernier passage : ne pas modifier à la main
 *   INE:123456789AB<TAB>2nde 2<TAB>DUPONT<TAB>Jean<TAB>Prêt
 *   NOM:martin lea|2nde10|2008-03-14<TAB>2nde 10<TAB>MARTIN<TAB>Léa<TAB>Prêt
 *
 * then "# passage du AAAA-MM-JJ", the run's reference date (a comment, so
 * that an older stagecheck reads the file all the same), and
 * one line per pupil: key, class, surname, first name and status label
 * (sc_status_label), separated by tabs. Empty lines and lines starting
 * with '#' are skipped when reading. A tab, CR or LF inside a field is
 * written as a space.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "stagecheck/base/text.h"
#include "stagecheck/store/statefile.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/state.h"
#include "stagecheck/core/status.h"

#define STATE_FIELDS 5
/* The shortest line read: a key of one byte, four tabs and the shortest
 * status label ("Prêt", 5 bytes). Only a guess of room: a file of shorter
 * lines still reads. */
#define STATE_LINE_MIN 10
#define DATE_MARK "# passage du "

static const char state_comment[] =
    "# stagecheck — état du dernier passage : ne pas modifier à la main\n";


char *sc_statefile_path(const char *output)
{
    size_t len = strlen(output);
    char *path = malloc(len + sizeof ".etat");

    if (path)
        sprintf(path, "%s.etat", output);
    return path;
}


/* ---- Reading ------------------------------------------------------------ */

/* Returns the status whose label is text, or -1. */
static int status_parse(const char *text)
{
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        if (strcmp(text, sc_status_label((sc_status)s)) == 0)
            return s;
    return -1;
}

/* Reads one line of the file (without its end of line) into state.
 * Returns SC_OK, SC_ERROR_MEMORY or SC_ERROR_STATE with diag. */
static sc_error state_parse_line(sc_state *state, char *text, size_t len,
                                 const char *path, unsigned line,
                                 sc_diag *diag)
{
    char *fields[STATE_FIELDS];
    size_t n = 0;
    char *p = text;
    int status;

    /* A NUL byte would cut a field short without a word. */
    if (memchr(text, '\0', len) || !sc_text_valid_utf8(text, len)) {
        sc_diag_set(diag, path, line, "fichier d'état illisible : texte qui "
                    "n'est pas en UTF-8");
        return SC_ERROR_STATE;
    }
    for (;;) {
        char *tab = strchr(p, '\t');

        if (n < STATE_FIELDS)
            fields[n] = p;
        n++;
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    if (n != STATE_FIELDS) {
        sc_diag_set(diag, path, line, "fichier d'état illisible : %zu champs "
                    "au lieu de %d", n, STATE_FIELDS);
        return SC_ERROR_STATE;
    }
    if (!fields[0][0]) {
        sc_diag_set(diag, path, line, "fichier d'état illisible : clé vide");
        return SC_ERROR_STATE;
    }
    status = status_parse(fields[4]);
    if (status < 0) {
        sc_diag_set(diag, path, line, "fichier d'état illisible : statut "
                    "inconnu « %s »", fields[4]);
        return SC_ERROR_STATE;
    }
    sc_state_line read = {fields[0], fields[1], fields[2], fields[3],
                          (uint8_t)status};

    return sc_state_push(state, &read);
}

/* Opens the state file with the care a shared folder asks: no link
 * followed (one to another workbook's state would show its pupils here,
 * one to /dev/zero would never end), no wait on a FIFO (O_NONBLOCK), and
 * only a regular file of ours (or root's) within SC_STATEFILE_MAX bytes.
 * Returns the stream, or NULL with the error and diag set. */
static FILE *state_open(const char *path, sc_error *err, sc_diag *diag)
{
    struct stat st;
    const char *why = NULL;
    FILE *fp;
    int fd, en;

    fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        en = errno;
        if (en == ELOOP) {
            sc_diag_set(diag, path, 0, "le fichier d'état est un lien "
                        "symbolique : il n'est pas suivi");
            *err = SC_ERROR_STATE;
            return NULL;
        }
        sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier d'état : "
                    "%s", sc_strerrno(en));
        /* Only a file that is not there means "no previous run": one that
         * is there but cannot be opened must be reported. */
        *err = en == ENOMEM                  ? SC_ERROR_MEMORY
               : en == ENOENT || en == ENOTDIR ? SC_ERROR_FILE_OPEN
                                               : SC_ERROR_STATE;
        return NULL;
    }
    if (fstat(fd, &st) != 0)
        why = "impossible de connaître sa nature";
    else if (!S_ISREG(st.st_mode))
        why = "ce n'est pas un fichier ordinaire";
    else if (st.st_uid != geteuid() && st.st_uid != 0)
        why = "il appartient à un autre utilisateur que celui qui lance "
              "stagecheck";
    else if (st.st_size > SC_STATEFILE_MAX)
        why = "il est bien trop gros pour un fichier d'état";
    if (why) {
        close(fd);
        sc_diag_set(diag, path, 0, "fichier d'état ignoré : %s", why);
        *err = SC_ERROR_STATE;
        return NULL;
    }
    fp = fdopen(fd, "r");
    if (!fp) {
        close(fd);
        sc_diag_set(diag, path, 0, "mémoire insuffisante pour lire le "
                    "fichier d'état");
        *err = SC_ERROR_MEMORY;
    }
    return fp;
}

sc_error sc_statefile_read(sc_state *state, const char *path, sc_diag *diag)
{
    struct stat st;
    FILE *fp;
    char *text = NULL;
    size_t size = 0, total = 0;
    ssize_t len;
    unsigned line = 0;
    sc_error err = SC_OK;

    memset(state, 0, sizeof *state);
    fp = state_open(path, &err, diag);
    if (!fp)
        return err;
    /* Its lines take no more text than the file, and are at least
     * STATE_LINE_MIN bytes each: room for them all at once. */
    if (fstat(fileno(fp), &st) == 0 && st.st_size > 0 &&
        sc_state_reserve(state, (size_t)st.st_size / STATE_LINE_MIN + 1,
                         (size_t)st.st_size) != SC_OK) {
        err = SC_ERROR_MEMORY;
        goto error;
    }
    /* getline and not fgets: a line has no length limit worth guessing. */
    while ((len = getline(&text, &size, fp)) >= 0) {
        line++;
        /* The file may grow after fstat: the bound holds while reading. */
        total += (size_t)len;
        if (total > SC_STATEFILE_MAX) {
            err = SC_ERROR_STATE;
            sc_diag_set(diag, path, line, "fichier d'état ignoré : il est "
                        "bien trop gros pour un fichier d'état");
            goto error;
        }
        /* A CRLF file (edited on Windows despite the warning) still reads. */
        while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
            text[--len] = '\0';
        if (len > 0 && strncmp(text, DATE_MARK, strlen(DATE_MARK)) == 0 &&
            sc_date_parse_iso(text + strlen(DATE_MARK), &state->date) == 0)
            state->dated = 1;
        if (len == 0 || text[0] == '#')
            continue;
        err = state_parse_line(state, text, (size_t)len, path, line, diag);
        if (err != SC_OK)
            goto error;
    }
    /* getline fails alike at the end of the file, on a read error and out
     * of memory (ENOMEM, with neither flag of the stream set). */
    if (ferror(fp) || !feof(fp)) {
        int en = errno;
        if (en == ENOMEM) {
            err = SC_ERROR_MEMORY;
        } else {
            err = SC_ERROR_STATE;
            sc_diag_set(diag, path, line + 1, "lecture du fichier d'état "
                        "impossible : %s", sc_strerrno(en));
        }
        goto error;
    }
    free(text);
    fclose(fp);
    return SC_OK;

error:
    if (err == SC_ERROR_MEMORY)
        sc_diag_set(diag, path, line, "mémoire insuffisante pour lire le "
                    "fichier d'état");
    free(text);
    fclose(fp);
    /* The caller gets nothing rather than half a state. */
    sc_state_clear(state);
    return err;
}

/* ---- Writing ------------------------------------------------------------ */

/* Writes s with tabs and line breaks turned into spaces, then end (a tab
 * or a newline). */
static void field_write(FILE *fp, const char *s, char end)
{
    if (!s)
        s = "";
    for (;;) {
        size_t span = strcspn(s, SC_STATE_BREAKS);

        fwrite(s, 1, span, fp);
        s += span;
        if (!*s)
            break;
        fputc(' ', fp);
        s++;
    }
    fputc(end, fp);
}

sc_error sc_statefile_write(const sc_state *state, const char *path,
                        sc_diag *diag)
{
    sc_tempfile file;
    sc_error err = sc_statefile_prepare(state, path, &file, diag);

    return err == SC_OK ? sc_tempfile_commit(&file, diag) : err;
}

/* Opens file's temporary file beside path and writes the file's head: the
 * comment, then the run's date when dated. Returns the stream, or NULL
 * with diag set and *err the error (the temporary file removed). */
static FILE *state_create(const char *path, sc_tempfile *file, int dated,
                          sc_date date, sc_diag *diag, sc_error *err)
{
    FILE *fp;

    *err = sc_tempfile_open(file, path, "le fichier d'état", diag);
    if (*err != SC_OK)
        return NULL;
    fp = fdopen(file->fd, "w");
    if (!fp) {
        int en = errno;

        sc_tempfile_abort(file);
        sc_diag_set(diag, path, 0, "impossible d'enregistrer le fichier "
                    "d'état : %s", sc_strerrno(en));
        *err = SC_ERROR_OUTPUT;
        return NULL;
    }
    file->fd = -1; /* fclose closes it now */
    fputs(state_comment, fp);
    if (dated) {
        int y, m, d;

        sc_date_split(date, &y, &m, &d);
        fprintf(fp, DATE_MARK "%04d-%02d-%02d\n", y, m, d);
    }
    return fp;
}

/* Writes one line: key, class, surname, first name and status label. */
static void line_write(FILE *fp, const char *key, const char *class_name,
                       const char *surname, const char *first,
                       sc_status status)
{
    field_write(fp, key, '\t');
    field_write(fp, class_name, '\t');
    field_write(fp, surname, '\t');
    field_write(fp, first, '\t');
    field_write(fp, sc_status_label(status), '\n');
}

/* Closes what state_create opened, every write checked at once: the
 * stream's error flag stays set, and fflush reports what is still
 * buffered. Returns SC_OK, or SC_ERROR_OUTPUT with diag (the temporary
 * file removed). */
static sc_error state_close(FILE *fp, const char *path, sc_tempfile *file,
                            sc_diag *diag)
{
    int en = 0;

    /* No fsync: like the workbook, the state is renamed into place whole
     * (ext4 and xfs flush a file renamed over another), and an académie
     * run would wait on hundreds of disk flushes. */
    if (fflush(fp) != 0 || ferror(fp)) {
        en = errno ? errno : EIO;
        fclose(fp);
    } else if (fclose(fp) == 0) {
        return SC_OK;
    }
    if (!en)
        en = errno;
    sc_tempfile_abort(file);
    sc_diag_set(diag, path, 0, "impossible d'enregistrer le fichier d'état : "
                "%s", sc_strerrno(en));
    return SC_ERROR_OUTPUT;
}

sc_error sc_statefile_prepare(const sc_state *state, const char *path,
                          sc_tempfile *file, sc_diag *diag)
{
    sc_error err;
    FILE *fp =
        state_create(path, file, state->dated, state->date, diag, &err);

    if (!fp)
        return err;
    for (size_t i = 0; i < state->count; i++) {
        sc_state_line line = sc_state_get(state, i);

        line_write(fp, line.key, line.class_name, line.surname, line.first,
                   (sc_status)line.status);
    }
    return state_close(fp, path, file, diag);
}

sc_error sc_statefile_prepare_pupils(const sc_dataset *data,
                                     const sc_verdict *verdicts, int dated,
                                     sc_date date, const char *path,
                                     sc_tempfile *file, sc_diag *diag)
{
    char *key = NULL;
    size_t cap = 0;
    sc_error err;
    FILE *fp = state_create(path, file, dated, date, diag, &err);

    if (!fp)
        return err;
    for (size_t p = 0; p < data->npupils; p++) {
        sc_state_line line;

        if (!sc_pupil_shown(&data->pupils[p]))
            continue;
        if (sc_state_make_line(&data->pupils[p],
                               (sc_status)verdicts[p].status, &key, &cap,
                               &line) != SC_OK) {
            free(key);
            fclose(fp);
            sc_tempfile_abort(file);
            return SC_ERROR_MEMORY;
        }
        /* field_write cleans the strings the line borrows. */
        line_write(fp, line.key, line.class_name, line.surname, line.first,
                   (sc_status)line.status);
    }
    free(key);
    return state_close(fp, path, file, diag);
}
