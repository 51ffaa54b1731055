/*
 * state.c - the state file kept beside the workbook, and what changed
 * since the previous run.
 *
 * The file "<workbook>.etat" is UTF-8 text:
 *
 *   # stagecheck — état du dernier passage : ne pas modifier à la main
 *   INE:123456789AB<TAB>2nde 2<TAB>DUPONT<TAB>Jean<TAB>Prêt
 *   NOM:martin lea|2nde10|2008-03-14<TAB>2nde 10<TAB>MARTIN<TAB>Léa<TAB>Prêt
 *
 * one line per pupil: key, class, surname, first name and status label
 * (sc_status_label), separated by tabs. Empty lines and lines starting
 * with '#' are skipped when reading. A tab, CR or LF inside a field is
 * written as a space.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "stagecheck/array.h"
#include "stagecheck/date.h"
#include "stagecheck/state.h"
#include "stagecheck/tempfile.h"
#include "stagecheck/text.h"

#define STATE_FIELDS 5

static const char state_comment[] =
    "# stagecheck — état du dernier passage : ne pas modifier à la main\n";

/* What a field may not hold: it would split the line or the field. */
static const char field_breaks[] = "\t\r\n";

char *sc_state_path(const char *output)
{
    size_t len = strlen(output);
    char *path = malloc(len + sizeof ".etat");

    if (path)
        sprintf(path, "%s.etat", output);
    return path;
}

char *sc_state_key(const sc_pupil *pupil)
{
    const char *name = pupil->name_key ? pupil->name_key : "";
    const char *class_key = pupil->class_key ? pupil->class_key : "";
    char birth[16] = "";
    char *key;
    size_t size;

    /* An empty INE would give every such pupil the same key "INE:". */
    if (pupil->ine && pupil->ine[0]) {
        size = sizeof "INE:" + strlen(pupil->ine);
        if ((key = malloc(size)) != NULL)
            snprintf(key, size, "INE:%s", pupil->ine);
        return key;
    }
    if (pupil->birth != SC_DATE_NONE) {
        int y, m, d;

        sc_date_split(pupil->birth, &y, &m, &d);
        snprintf(birth, sizeof birth, "%04d-%02d-%02d", y, m, d);
    }
    size = sizeof "NOM:||" + strlen(name) + strlen(class_key) + strlen(birth);
    if ((key = malloc(size)) != NULL)
        snprintf(key, size, "NOM:%s|%s|%s", name, class_key, birth);
    return key;
}

/* Turns the tabs and line breaks of s into spaces; returns s (NULL is
 * fine). Stored fields are cleaned this way so that what is compared now
 * equals what the file gives back on the next run. */
static char *field_clean(char *s)
{
    if (s)
        for (char *p = s; *(p += strcspn(p, field_breaks)); p++)
            *p = ' ';
    return s;
}

/* Returns a cleaned copy of s (NULL read as ""), or NULL when out of
 * memory. */
static char *field_dup(const char *s)
{
    return field_clean(sc_strdup(s ? s : ""));
}

static void item_clear(sc_state_item *item)
{
    free(item->key);
    free(item->class_name);
    free(item->surname);
    free(item->first);
}

/* Makes room for one more item. Returns SC_OK or SC_ERROR_MEMORY. */
static sc_error state_grow(sc_state *state)
{
    return sc_array_reserve((void **)&state->items, &state->cap, state->count,
                            sizeof *state->items);
}

/* Appends item, which the state then owns; frees its strings on failure
 * (any of them may be NULL: an allocation that failed). */
static sc_error state_push(sc_state *state, sc_state_item *item)
{
    if (!item->key || !item->class_name || !item->surname || !item->first ||
        state_grow(state) != SC_OK) {
        item_clear(item);
        return SC_ERROR_MEMORY;
    }
    state->items[state->count++] = *item;
    return SC_OK;
}

sc_error sc_state_add(sc_state *state, const sc_pupil *pupil, long index,
                      sc_status status)
{
    /* The key can only hold a tab through the INE, which is not folded. */
    sc_state_item item = {field_clean(sc_state_key(pupil)),
                          field_dup(pupil->class_name),
                          field_dup(pupil->surname), field_dup(pupil->first),
                          status, index};

    return state_push(state, &item);
}

void sc_state_clear(sc_state *state)
{
    if (!state)
        return;
    for (size_t i = 0; i < state->count; i++)
        item_clear(&state->items[i]);
    free(state->items);
    memset(state, 0, sizeof *state);
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
    sc_state_item item = {sc_strdup(fields[0]), sc_strdup(fields[1]),
                          sc_strdup(fields[2]), sc_strdup(fields[3]),
                          (sc_status)status, -1};
    return state_push(state, &item);
}

sc_error sc_state_read(sc_state *state, const char *path, sc_diag *diag)
{
    FILE *fp;
    char *text = NULL;
    size_t size = 0;
    ssize_t len;
    unsigned line = 0;
    sc_error err = SC_OK;

    memset(state, 0, sizeof *state);
    fp = fopen(path, "r");
    if (!fp) {
        int en = errno;
        sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier d'état : "
                    "%s", sc_strerrno(en));
        if (en == ENOMEM)
            return SC_ERROR_MEMORY;
        /* Only a file that is not there means "no previous run": one that
         * is there but cannot be opened must be reported. */
        return en == ENOENT || en == ENOTDIR ? SC_ERROR_FILE_OPEN
                                             : SC_ERROR_STATE;
    }
    /* getline and not fgets: a line has no length limit worth guessing. */
    while ((len = getline(&text, &size, fp)) >= 0) {
        line++;
        /* A CRLF file (edited on Windows despite the warning) still reads. */
        while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
            text[--len] = '\0';
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
        size_t span = strcspn(s, field_breaks);

        fwrite(s, 1, span, fp);
        s += span;
        if (!*s)
            break;
        fputc(' ', fp);
        s++;
    }
    fputc(end, fp);
}

sc_error sc_state_write(const sc_state *state, const char *path,
                        sc_diag *diag)
{
    sc_tempfile file;
    sc_error err = sc_state_prepare(state, path, &file, diag);

    return err == SC_OK ? sc_tempfile_commit(&file, diag) : err;
}

sc_error sc_state_prepare(const sc_state *state, const char *path,
                          sc_tempfile *file, sc_diag *diag)
{
    FILE *fp;
    sc_error err;
    int en = 0;

    err = sc_tempfile_open(file, path, "le fichier d'état", diag);
    if (err != SC_OK)
        return err;
    fp = fdopen(file->fd, "w");
    if (!fp)
        goto error;
    file->fd = -1; /* fclose closes it now */
    fputs(state_comment, fp);
    for (size_t i = 0; i < state->count; i++) {
        const sc_state_item *item = &state->items[i];

        field_write(fp, item->key, '\t');
        field_write(fp, item->class_name, '\t');
        field_write(fp, item->surname, '\t');
        field_write(fp, item->first, '\t');
        field_write(fp, sc_status_label(item->status), '\n');
    }
    /* Every write above is checked here at once: the stream's error flag
     * stays set, and fflush reports what is still buffered. */
    /* No fsync: like the workbook, the state is renamed into place whole
     * (ext4 and xfs flush a file renamed over another), and an académie
     * run would wait on hundreds of disk flushes. */
    if (fflush(fp) != 0 || ferror(fp)) {
        en = errno ? errno : EIO;
        fclose(fp);
        goto error;
    }
    if (fclose(fp) != 0)
        goto error;
    return SC_OK;

error:
    if (!en)
        en = errno;
    sc_tempfile_abort(file);
    sc_diag_set(diag, path, 0, "impossible d'enregistrer le fichier d'état : "
                "%s", sc_strerrno(en));
    return SC_ERROR_OUTPUT;
}

/* ---- What changed ------------------------------------------------------- */

/* The changes point into the strings of both states, copying nothing for
 * 50,000 pupils: the states must outlive the changes. */

/* Orders items by key, then by place in their state: among items sharing
 * a key, the first written comes first (pointers into one array). */
static int item_order(const void *a, const void *b)
{
    const sc_state_item *x = *(const sc_state_item *const *)a;
    const sc_state_item *y = *(const sc_state_item *const *)b;
    int c = strcmp(x->key, y->key);

    if (c != 0)
        return c;
    return (x > y) - (x < y);
}

/* Returns the items of state sorted by key (an empty state gives a
 * non-NULL array), or NULL when out of memory. The caller frees it. */
static const sc_state_item **state_sorted(const sc_state *state)
{
    const sc_state_item **sorted = calloc(state->count + 1, sizeof *sorted);

    if (!sorted)
        return NULL;
    for (size_t i = 0; i < state->count; i++)
        sorted[i] = &state->items[i];
    qsort(sorted, state->count, sizeof *sorted, item_order);
    return sorted;
}

/* Class in version order ("2nde 2" before "2nde 10"), then names. */
static int change_order(const void *a, const void *b)
{
    const sc_change *x = a, *y = b;
    int c = strverscmp(x->class_name, y->class_name);

    if (c == 0)
        c = strcmp(x->surname, y->surname);
    if (c == 0)
        c = strcmp(x->first, y->first);
    if (c == 0)
        c = (x->kind > y->kind) - (x->kind < y->kind);
    return c;
}

/* Returns 1 if two class names are one class, compared as the matching
 * compares them ("2NDE 2" = "2nde 2"): an export changing its spelling is
 * no move. */
static int same_class(const char *a, const char *b)
{
    char *x = sc_text_key(a), *y = sc_text_key(b);
    int same = x && y ? strcmp(x, y) == 0 : strcmp(a, b) == 0;

    free(x);
    free(y);
    return same;
}

/* Records what became of the pupil of prev (the previous line) and cur
 * (the current one); either may be NULL, not both. */
static void change_note(sc_changes *changes, const sc_state_item *prev,
                        const sc_state_item *cur)
{
    sc_change ch;

    if (!prev) {
        ch = (sc_change){SC_CHANGE_ARRIVED, cur->class_name, NULL,
                         cur->surname, cur->first, -1, (int)cur->status};
    } else if (!cur) {
        ch = (sc_change){SC_CHANGE_LEFT, prev->class_name, prev->class_name,
                         prev->surname, prev->first, (int)prev->status, -1};
    } else if (prev->status != cur->status) {
        ch = (sc_change){SC_CHANGE_STATUS, cur->class_name, prev->class_name,
                         cur->surname, cur->first, (int)prev->status,
                         (int)cur->status};
    } else if (!same_class(prev->class_name, cur->class_name)) {
        ch = (sc_change){SC_CHANGE_CLASS, cur->class_name, prev->class_name,
                         cur->surname, cur->first, (int)prev->status,
                         (int)cur->status};
    } else {
        return;
    }
    changes->items[changes->count++] = ch;
}

sc_error sc_state_compare(const sc_state *previous, const sc_state *current,
                          sc_changes *changes, int *previous_status)
{
    const sc_state_item **before = NULL, **now = NULL;
    size_t i = 0, j = 0;

    changes->items = NULL;
    changes->count = 0;
    before = state_sorted(previous);
    now = state_sorted(current);
    /* At most one change per line of either state. */
    changes->items = calloc(previous->count + current->count + 1,
                            sizeof *changes->items);
    if (!before || !now || !changes->items)
        goto mem_error;

    /* A merge of the two sorted lists. Lines sharing a key (which should
     * not happen) are paired in the order they were written: the first
     * with the first, and the extra ones arrived or left. */
    while (i < previous->count || j < current->count) {
        const sc_state_item *prev = i < previous->count ? before[i] : NULL;
        const sc_state_item *cur = j < current->count ? now[j] : NULL;
        int c = !prev ? 1 : !cur ? -1 : strcmp(prev->key, cur->key);

        if (c < 0) {
            change_note(changes, prev, NULL);
            i++;
            continue;
        }
        if (c > 0)
            prev = NULL;
        else
            i++;
        if (previous_status)
            previous_status[cur - current->items] =
                prev ? (int)prev->status : -1;
        change_note(changes, prev, cur);
        j++;
    }
    if (changes->count > 1)
        qsort(changes->items, changes->count, sizeof *changes->items,
              change_order);
    free(before);
    free(now);
    return SC_OK;

mem_error:
    free(before);
    free(now);
    sc_changes_clear(changes);
    return SC_ERROR_MEMORY;
}

void sc_changes_clear(sc_changes *changes)
{
    if (!changes)
        return;
    free(changes->items);
    changes->items = NULL;
    changes->count = 0;
}
