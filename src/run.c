/*
 * run.c - the pipeline of one run: plan the schools, load the inputs,
 * check each school, write the workbooks a batch at a time (one writing
 * process per batch, up to --jobs of them at once while the next schools
 * are checked), then commit them all in one order.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "stagecheck/run.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/changes.h"
#include "stagecheck/core/check.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/period.h"
#include "stagecheck/core/pupil.h"
#include "stagecheck/core/rules.h"
#include "stagecheck/core/state.h"
#include "stagecheck/core/tally.h"
#include "stagecheck/input/csv.h"
#include "stagecheck/input/file.h"
#include "stagecheck/input/inputs.h"
#include "stagecheck/input/school.h"
#include "stagecheck/store/lock.h"
#include "stagecheck/store/output.h"
#include "stagecheck/store/statefile.h"
#include "stagecheck/store/tempfile.h"
#include "stagecheck/workbook/report.h"
#include "stagecheck/workbook/writer.h"

#define ACADEMIE_FILE "academie.xlsx"
/* How many schools, or pupils, one writing process takes at most. */
#define BATCH_SCHOOLS 32
#define BATCH_PUPILS 10000
/* Batches per writing process at least, when the académie is small: so
 * that --jobs writers have work, one writes while the next batch is
 * checked, and the last ones end close together (a batch starts in the
 * place of whichever ends first). */
#define BATCHES_PER_JOB 4

/* Writing processes at once: the settings', or 1 when none is said. */
static size_t run_jobs(const sc_settings *settings)
{
    return settings->jobs > 0 ? (size_t)settings->jobs : 1;
}

/* The rows of a school's parts: how much checking and writing it costs,
 * before it is checked. */
static size_t school_rows(const sc_school *school)
{
    size_t n = 0;

    for (size_t p = 0; school && p < school->nparts; p++)
        if (school->parts[p].table)
            n += school->parts[p].table->nrows;
    return n;
}

/* One school's check, from its rows to its workbook waiting in a temporary
 * file. With --by-school, what only the workbook needed is freed as soon as
 * it is written; the tally stays for academie.xlsx. */
typedef struct school_run {
    char *output;              /* the workbook's path */
    char *label;               /* "UAI — name", or NULL */
    sc_dataset *data;
    sc_anomalies anomalies;
    sc_check check;
    char *state_path;
    sc_state previous;         /* until compared */
    int has_previous;
    int previous_dated;        /* the previous run's date, kept past the */
    sc_date previous_date;     /* comparison for the workbook */
    sc_changes changes;
    int8_t *previous_status;   /* per pupil, when has_previous */
    sc_report report;          /* what its workbook shows, once checked */
    sc_tempfile book;          /* the workbook, ready once prepared */
    sc_tempfile state;
    int state_ready;
    sc_summary_book *summary;  /* its line of the summary, in run->books */
} school_run;

/* A batch whose child is writing: schools from .. to - 1. */
typedef struct pending_batch {
    sc_writer *writer;
    sc_book_job *jobs;         /* the writer's until it is finished */
    size_t from, to;
} pending_batch;

/* One input as the settings give it: its path split from a class
 * (FICHIER:CLASSE) or a sheet (FICHIER.xlsx#Feuille). */
typedef struct run_input {
    char *path;
    char *class_name;
    char *sheet;
    int detect;                /* kind told from the content */
    sc_kind kind;              /* else the kind given */
    int from_folder;           /* found in a folder given (not named) */
} run_input;

/* What one run holds; freed by sc_run_free. */
struct sc_run {
    const sc_settings *settings;
    int lock_fd;
    run_input *specs;          /* the settings' rolls, placements, files */
    const char **inputs;       /* their paths, for the output's checks */
    size_t ninputs;
    size_t ncap;
    sc_summary_file *listed;   /* what each file read was taken for */
    sc_file *files;            /* what was read of them, in that order */
    size_t nfiles;
    sc_schools schools;
    size_t *last_reader;       /* per file, the last school reading it */
    sc_anomalies anomalies;    /* --by-school: what belongs to no school */
    school_run *schools_run;   /* one per school (one at least) */
    size_t nruns;
    char *academie_path;
    sc_tempfile academie;
    int detected;              /* some kinds were told from content */
    sc_summary_book *books;    /* one per school run */
    pending_batch *pending;    /* the batches being written, oldest first */
    size_t npending;
    sc_progress progress;      /* what the progress line shows */
    sc_summary summary;        /* set once every workbook is in place */
};

/* Frees what only the workbook and the state needed. */
static void school_run_release(school_run *s)
{
    sc_check_clear(&s->check);
    free(s->previous_status);
    s->previous_status = NULL;
    sc_changes_clear(&s->changes);
    sc_state_clear(&s->previous);
    sc_dataset_free(s->data);
    s->data = NULL;
}

static void school_run_free(school_run *s)
{
    school_run_release(s);
    sc_tempfile_abort(&s->book);
    sc_tempfile_abort(&s->state);
    sc_anomalies_clear(&s->anomalies);
    free(s->state_path);
    free(s->output);
    free(s->label);
}

/* Ends the batches still being written (after a failure): their children
 * are killed before their temporary files go. */
static void cancel_pending(sc_run *r)
{
    for (size_t k = 0; k < r->npending; k++) {
        sc_writer_cancel(r->pending[k].writer);
        free(r->pending[k].jobs);
    }
    r->npending = 0;
}

void sc_run_free(sc_run *r)
{
    if (!r)
        return;
    cancel_pending(r);
    free(r->pending);
    for (size_t i = 0; i < r->nruns; i++)
        school_run_free(&r->schools_run[i]);
    free(r->schools_run);
    sc_tempfile_abort(&r->academie);
    free(r->academie_path);
    sc_school_list_clear(&r->schools);
    free(r->last_reader);
    for (size_t i = 0; i < r->nfiles; i++)
        sc_file_clear(&r->files[i]);
    free(r->files);
    for (size_t i = 0; i < r->ninputs; i++) {
        free(r->specs[i].path);
        free(r->specs[i].class_name);
        free(r->specs[i].sheet);
    }
    free(r->specs);
    free(r->inputs);
    free(r->listed);
    sc_anomalies_clear(&r->anomalies);
    sc_lock_release(r->lock_fd);
    free(r->books);
    free(r);
}

/* Reads the previous run's state beside the workbook and compares. A
 * missing state is a first run; an unreadable one is reported and replaced:
 * neither stops the run. This run's lines are made one at a time from the
 * pupils, to be compared (sc_changes_compare_pupils) and again to be
 * written (school_save_state): only the previous run's are held, until
 * compared (issue 14). */
static sc_error track_changes(school_run *s)
{
    const sc_dataset *data = s->data;
    sc_diag d;
    sc_error err;

    s->state_path = sc_statefile_path(s->output);
    if (!s->state_path)
        return SC_ERROR_MEMORY;
    sc_diag_clear(&d);
    err = sc_statefile_read(&s->previous, s->state_path, &d);
    if (err == SC_ERROR_FILE_OPEN)
        return SC_OK;
    if (err == SC_ERROR_STATE)
        return sc_anomalies_add(&s->anomalies, SC_SEVERITY_WARNING, d.file,
                                d.line, NULL, NULL,
                                "%s ; état du passage précédent ignoré, il "
                                "sera remplacé", d.message);
    if (err != SC_OK)
        return err;
    s->has_previous = 1;
    s->previous_dated = s->previous.dated;
    s->previous_date = s->previous.date;
    s->previous_status = malloc((data->npupils ? data->npupils : 1) *
                                sizeof *s->previous_status);
    if (!s->previous_status)
        return SC_ERROR_MEMORY;
    err = sc_changes_compare_pupils(&s->previous, data, s->check.verdicts,
                                    &s->changes, s->previous_status);
    /* The changes copy what they show. */
    sc_state_clear(&s->previous);
    return err;
}

/* Sorts anomalies by the order of the files, then by line. */
static sc_error sort_anomalies(sc_anomalies *list, const sc_file *files,
                               size_t nfiles)
{
    const char **paths = malloc((nfiles + 1) * sizeof *paths);
    sc_error err;

    if (!paths)
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < nfiles; i++)
        paths[i] = files[i].source->path;
    err = sc_anomalies_sort(list, paths, nfiles);
    free(paths);
    return err;
}

/* The same for a school's anomalies, by the order of its own files only:
 * with --by-school they name no other input (what is read of a file goes
 * to the run's list), and sorting by every file of an académie for each
 * school would cost schools x files. */
static sc_error sort_school_anomalies(sc_anomalies *list, const sc_run *r,
                                      const sc_school *school)
{
    const char **paths;
    size_t n = 0;
    sc_error err;

    if (!r->settings->by_school || !school)
        return sort_anomalies(list, r->files, r->nfiles);
    paths = malloc((school->nparts + 1) * sizeof *paths);
    if (!paths)
        return SC_ERROR_MEMORY;
    /* Parts are in file order; a file is named once. */
    for (size_t p = 0; p < school->nparts; p++)
        if (p == 0 || school->parts[p].file != school->parts[p - 1].file)
            paths[n++] = r->files[school->parts[p].file].source->path;
    err = sc_anomalies_sort(list, paths, n);
    free(paths);
    return err;
}

/* The school's line of the summary: its figures, which academie.xlsx
 * shows too, and its changes, kept past school_run_release. */
static void school_summary(school_run *s, const sc_settings *settings)
{
    sc_tally *tally = &s->summary->tally;

    for (size_t p = 0; p < s->data->npupils; p++) {
        const sc_verdict *v = &s->check.verdicts[p];

        /* The number of its days hosted is 0 for none. */
        if (sc_pupil_shown(&s->data->pupils[p]))
            sc_tally_count(tally, v->status, v->hosted != 0,
                           settings->has_deadline &&
                               sc_rules_is_late(v->status, settings->as_of,
                                                settings->deadline));
    }
    sc_tally_count_aside(tally, s->data);
    tally->findings = sc_anomalies_findings(&s->anomalies);
    s->summary->path = s->output;
    s->summary->has_previous = s->has_previous;
    s->summary->changes = s->changes.count;
}

static void release_tables(sc_run *r, size_t i);

/* Writes the school's state beside its workbook, to be renamed into place
 * with it: a line per shown pupil, made from the pupil as it is written
 * (the date is the one the next run's Changements names). */
static void school_save_state(school_run *s, sc_date as_of)
{
    sc_diag d;
    sc_error e;

    sc_diag_clear(&d);
    /* A state that cannot be saved costs the next run its comparison, not
     * this run its workbook. */
    e = sc_statefile_prepare_pupils(s->data, s->check.verdicts,
                                    as_of != SC_DATE_NONE, as_of,
                                    s->state_path, &s->state, &d);
    if (e == SC_OK)
        s->state_ready = 1;
    else
        sc_summary_warning(stderr, &d, e, s->state_path,
                           "le classeur sera bien écrit ; le prochain "
                           "passage comparera avec l'état précédent");
}

/* Checks the index-th school (an empty one past the schools' list) and
 * sets what its workbook will show (s->report). */
static sc_error school_check(sc_run *r, school_run *s, size_t index)
{
    const sc_settings *settings = r->settings;
    const sc_school *school =
        index < r->schools.count ? &r->schools.items[index] : NULL;
    sc_error err = SC_OK;

    s->data = sc_dataset_new();
    if (!s->data)
        return SC_ERROR_MEMORY;
    /* A file no later school reads gives back its rows as they become
     * records, when this school borrows them all (-o, or a file per
     * school; a copy of some rows gives back nothing): a million rows of
     * a lycée's file weigh some 40 MB of rows and arrays that nothing
     * reads again, and would otherwise stand beside the records they
     * became (the writing processes never get them: input/table.c keeps
     * them out of forks). */
    for (size_t i = 0; school && err == SC_OK && i < school->nparts; i++) {
        size_t f = school->parts[i].file;

        err = sc_file_add(&r->files[f], school->parts[i].table, s->data,
                          &s->anomalies, r->last_reader[f] == index);
    }
    if (school)
        release_tables(r, index);
    if (err != SC_OK ||
        (err = sc_check_run(&s->check, s->data, &settings->period,
                            settings->as_of, settings->classes,
                            &s->anomalies)) != SC_OK ||
        (err = track_changes(s)) != SC_OK ||
        (err = sort_school_anomalies(&s->anomalies, r, school)) != SC_OK)
        return err;
    /* Under the lock, temporary files beside the workbook are a killed
     * run's (with --by-school, the folder is swept once for all). */
    if (!settings->by_school) {
        sc_tempfile_sweep(s->output);
        sc_tempfile_sweep(s->state_path);
    }
    school_summary(s, settings);
    s->report = (sc_report){.period = &settings->period,
                            .as_of = settings->as_of,
                            .data = s->data,
                            .links = &s->check.links,
                            .verdicts = s->check.verdicts,
                            .todos = &s->check.todos,
                            .hosted = s->check.hosted,
                            .anomalies = &s->anomalies,
                            .has_deadline = settings->has_deadline,
                            .deadline = settings->deadline,
                            .previous = s->previous_status,
                            .changes = s->has_previous ? &s->changes : NULL,
                            .previous_dated = s->has_previous &&
                                              s->previous_dated,
                            .previous_date = s->previous_date,
                            .school = s->label};
    school_save_state(s, settings->as_of);
    return SC_OK;
}

/* Waits for whichever batch being written ends first; its workbooks are
 * then ready to be renamed (all at the end, in the schools' order). */
static sc_error finish_first(sc_run *r, sc_diag *diag)
{
    sc_writer **ws = malloc(r->npending * sizeof *ws);
    size_t k = 0;
    pending_batch b;
    sc_error err;

    /* Out of memory, the oldest: it ends in its time all the same. */
    if (ws) {
        for (size_t i = 0; i < r->npending; i++)
            ws[i] = r->pending[i].writer;
        k = sc_writer_first_done(ws, r->npending);
        free(ws);
    }
    b = r->pending[k];
    memmove(&r->pending[k], &r->pending[k + 1],
            (r->npending - k - 1) * sizeof *r->pending);
    r->npending--;
    err = sc_writer_finish(b.writer, diag);
    for (size_t i = b.from; err == SC_OK && i < b.to; i++)
        r->schools_run[i].book = b.jobs[i - b.from].file;
    free(b.jobs);
    if (err == SC_OK) {
        r->progress.written += b.to - b.from;
        sc_summary_progress(&r->progress, 0);
    }
    return err;
}

/* Starts writing the workbooks of schools from .. to - 1 (checked, their
 * states saved) from one child process, once fewer than --jobs are
 * writing; with --by-school, what only they needed is then freed: the
 * child has its copy, and the parent stays small for the next fork. */
static sc_error write_batch(sc_run *r, size_t from, size_t to, sc_diag *diag)
{
    const sc_settings *settings = r->settings;
    size_t max = run_jobs(settings);
    sc_book_job *jobs;
    pending_batch *b;
    sc_error err = SC_OK;

    while (err == SC_OK && r->npending >= max)
        err = finish_first(r, diag);
    if (err != SC_OK)
        return err;
    jobs = calloc(to - from, sizeof *jobs);
    if (!jobs)
        return SC_ERROR_MEMORY;
    for (size_t i = from; i < to; i++)
        jobs[i - from] = (sc_book_job){.report = &r->schools_run[i].report,
                                       .path = r->schools_run[i].output};
    b = &r->pending[r->npending];
    *b = (pending_batch){NULL, jobs, from, to};
    err = sc_writer_start(jobs, to - from, &b->writer, diag);
    if (err != SC_OK) {
        free(jobs);
        return err;
    }
    r->npending++;
    if (settings->by_school) {
        for (size_t i = from; i < to; i++) {
            school_run_release(&r->schools_run[i]);
            /* Counted already in its summary line; only its workbook
             * shows them. */
            sc_anomalies_clear(&r->schools_run[i].anomalies);
        }
    }
    return SC_OK;
}

/* "UAI — name" for the Synthèse, or NULL when the inputs give no UAI. */
static sc_error school_label(school_run *s, const sc_school *school)
{
    size_t size;

    if (!school || !school->uai)
        return SC_OK;
    size = strlen(school->uai) + (school->name ? strlen(school->name) : 0) + 8;
    s->label = malloc(size);
    if (!s->label)
        return SC_ERROR_MEMORY;
    snprintf(s->label, size, "%s%s%s", school->uai,
             school->name ? " — " : "", school->name ? school->name : "");
    return SC_OK;
}

_Static_assert(SC_DATASET_INPUTS == 65535, "add_input's message says it");

/* Appends an input: given is split into its path, class and sheet. A
 * workbook's pupil holds its file in 16 bits: past SC_DATASET_INPUTS
 * files, given is refused by name before anything is read. */
static sc_error add_input(sc_run *r, const char *given, int detect,
                          sc_kind kind, int from_folder, sc_diag *diag)
{
    run_input *in;

    if (r->ninputs >= SC_DATASET_INPUTS) {
        sc_diag_set(diag, given, 0, "trop de fichiers d'entrée : un passage "
                    "en lit au plus 65 535");
        return SC_ERROR_FILE_READ;
    }
    if (r->ninputs == r->ncap) {
        size_t cap = r->ncap ? 2 * r->ncap : 8;
        run_input *grown = realloc(r->specs, cap * sizeof *grown);

        if (!grown)
            return SC_ERROR_MEMORY;
        r->specs = grown;
        r->ncap = cap;
    }
    in = &r->specs[r->ninputs];
    *in = (run_input){NULL, NULL, NULL, detect, kind, from_folder};
    r->ninputs++;
    return sc_file_split(given, &in->path, &in->class_name, &in->sheet);
}

/* A folder given: every file in it that stagecheck reads, by name. */
static sc_error add_folder(sc_run *r, const char *dir, sc_diag *diag)
{
    const char *output = r->settings->output;
    struct stat out, st;
    int has_out = output && stat(output, &out) == 0;
    char **paths;
    size_t n;
    sc_error err = sc_inputs_list_folder(dir, &paths, &n, diag);

    if (err != SC_OK)
        return err;
    /* The workbook being written sits in the folder: a previous run's is
     * replaced, never read; a secretary's file of that name is hers. */
    for (size_t i = 0; has_out && i < n; i++)
        if (stat(paths[i], &st) == 0 && st.st_dev == out.st_dev &&
            st.st_ino == out.st_ino) {
            if (!sc_file_own_book(paths[i])) {
                sc_diag_set(diag, paths[i], 0, "ce fichier porte le nom du "
                            "classeur que stagecheck va écrire, mais "
                            "stagecheck ne l'a pas écrit : renommez-le (il "
                            "sera lu), ou donnez un autre classeur avec -o");
                err = SC_ERROR_SAME_FILE;
            }
            free(paths[i]);
            memmove(&paths[i], &paths[i + 1], (n - i - 1) * sizeof *paths);
            n--;
            break;
        }
    if (err == SC_OK && n == 0) {
        sc_diag_set(diag, dir, 0, "aucun fichier à lire dans ce dossier "
                    "(fichiers .csv, .xlsx, .ods, .xls, .xml ou .zip)");
        err = SC_ERROR_FILE_EMPTY;
    }
    for (size_t i = 0; err == SC_OK && i < n; i++)
        err = add_input(r, paths[i], 1, SC_KIND_ROLL, 1, diag);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return err;
}

/* The inputs, rolls first, then placements, then the files and folders
 * whose kind is told from their content, as one list. */
static sc_error list_inputs(sc_run *r, sc_diag *diag)
{
    const sc_settings *settings = r->settings;
    sc_error err = SC_OK;

    for (size_t i = 0; err == SC_OK && i < settings->nrolls; i++)
        err = add_input(r, settings->rolls[i], 0, SC_KIND_ROLL, 0, diag);
    for (size_t i = 0; err == SC_OK && i < settings->nplacements; i++)
        err = add_input(r, settings->placements[i], 0, SC_KIND_PLACEMENTS, 0,
                        diag);
    for (size_t i = 0; err == SC_OK && i < settings->nfiles; i++) {
        struct stat st;

        if (stat(settings->files[i], &st) == 0 && S_ISDIR(st.st_mode))
            err = add_folder(r, settings->files[i], diag);
        else
            err = add_input(r, settings->files[i], 1, SC_KIND_ROLL, 0, diag);
    }
    if (err != SC_OK)
        return err;
    r->inputs = malloc((r->ninputs ? r->ninputs : 1) * sizeof *r->inputs);
    r->listed = calloc(r->ninputs ? r->ninputs : 1, sizeof *r->listed);
    if (!r->inputs || !r->listed)
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < r->ninputs; i++)
        r->inputs[i] = r->specs[i].path;
    r->progress.files = r->ninputs;
    return SC_OK;
}

/* A file of a folder that is neither a roll nor a tracking sheet is left
 * out, said as a warning (a letter saved as .csv, the workbook of another
 * tool); named on the command line, it stops the run. */
static int leave_out(const run_input *in, const sc_file *file, sc_error err)
{
    return in->from_folder && (err == SC_ERROR_NO_HEADER || file->own_book);
}

/* With kinds told from the content, a run still needs both kinds. */
static sc_error check_kinds(sc_run *r, sc_diag *diag)
{
    size_t kinds[2] = {0, 0};
    char list[400] = "";
    size_t len = 0;

    for (size_t i = 0; i < r->nfiles; i++) {
        const sc_file *f = &r->files[i];
        int n;

        kinds[f->kind == SC_KIND_ROLL ? 0 : 1]++;
        n = snprintf(list + len, sizeof list - len, "%s%s (%s)",
                     len ? ", " : "", f->source->path,
                     f->kind == SC_KIND_ROLL ? "liste d'élèves"
                                             : "tableau de suivi");
        if (n > 0 && (size_t)n < sizeof list - len)
            len += (size_t)n;
    }
    if (kinds[0] && kinds[1])
        return SC_OK;
    sc_diag_set(diag, "", 0, "%s parmi les fichiers lus%s%s ; donnez-la avec "
                "%s, ou vérifiez ses titres de colonnes",
                kinds[0] ? "aucun tableau de suivi des stages"
                         : "aucune liste d'élèves",
                len ? " : " : "", list,
                kinds[0] ? "--placements" : "--roll");
    return SC_ERROR_USAGE;
}

/* One input as read by one of the reading threads, for load_inputs to
 * take in the inputs' order. */
typedef struct read_slot {
    const char *seen;          /* read already under this name: skipped */
    sc_anomalies anomalies;    /* what its reader reported */
    sc_error err;
    sc_diag *diag;             /* why it failed, or NULL (sc_strerror) */
} read_slot;

/* The inputs read by several threads: each takes the next one not yet
 * taken (files differ in size), into r->files[i] and slots[i]. */
typedef struct read_pool {
    sc_run *r;
    read_slot *slots;
    int school_year;
    size_t next;               /* atomic: the next input to take */
    size_t stop;               /* atomic: no input past a failed one is
                                  taken (the run ends there) */
} read_pool;

/* Reads input i into r->files[i] and its slot. */
static void read_one(read_pool *pool, size_t i)
{
    sc_run *r = pool->r;
    const run_input *in = &r->specs[i];
    read_slot *slot = &pool->slots[i];
    sc_file_spec spec = {in->path, in->class_name, in->sheet, in->detect,
                         in->kind, pool->school_year};
    sc_diag d;

    sc_diag_clear(&d);
    slot->err = sc_file_open(&r->files[i], &spec, &r->settings->aliases,
                             &slot->anomalies, &d);
    if (slot->err == SC_OK)
        return;
    /* A copy only for the few that fail: a slot per input stays small. */
    if ((slot->diag = malloc(sizeof *slot->diag)) != NULL)
        *slot->diag = d;
    if (!leave_out(in, &r->files[i], slot->err)) {
        size_t stop = __atomic_load_n(&pool->stop, __ATOMIC_RELAXED);

        while (i + 1 < stop &&
               !__atomic_compare_exchange_n(&pool->stop, &stop, i + 1, 0,
                                            __ATOMIC_RELAXED,
                                            __ATOMIC_RELAXED))
            ;
    }
}

/* Takes inputs until none is left; the main thread draws the progress
 * line as it goes (only it writes to the terminal). */
static void read_inputs(read_pool *pool, int main_thread)
{
    sc_run *r = pool->r;
    size_t n = r->ninputs, i;

    while ((i = __atomic_fetch_add(&pool->next, 1, __ATOMIC_RELAXED)) < n &&
           i < __atomic_load_n(&pool->stop, __ATOMIC_RELAXED)) {
        if (main_thread) {
            r->progress.read = i + 1;
            sc_summary_progress(&r->progress, 0);
        }
        if (!pool->slots[i].seen)
            read_one(pool, i);
    }
}

static void *read_thread(void *arg)
{
    read_inputs(arg, 0);
    return NULL;
}

/* Reads every input with up to --jobs threads: files are read side by
 * side, which is most of a run before its first workbook can be written.
 * The readers share nothing but what is read only (the settings, the
 * inputs' list); each file gets its own anomalies and message. */
static void read_all(read_pool *pool)
{
    size_t n = pool->r->ninputs, nthreads = run_jobs(pool->r->settings);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    pthread_t *threads;
    size_t started = 0;

    /* No more threads than cores, whatever -j says: more would only hold
     * more files open at once (each holds one while it reads). */
    if (cpus > 0 && nthreads > (size_t)cpus)
        nthreads = (size_t)cpus;
    if (nthreads > n)
        nthreads = n;
    if (nthreads > 1)
        sc_file_init_threads();
    threads = nthreads > 1 ? malloc((nthreads - 1) * sizeof *threads) : NULL;
    /* A thread that cannot start leaves its share to the others. */
    for (size_t t = 0; threads && t + 1 < nthreads; t++)
        if (pthread_create(&threads[started], NULL, read_thread, pool) == 0)
            started++;
    read_inputs(pool, 1);
    for (size_t t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    free(threads);
}

/* Takes input i's reading into the run, as if the inputs were read one
 * after the other: its anomalies, then what it was taken for; SC_OK, or
 * the error that ends the run with diag set. */
static sc_error take_input(sc_run *r, size_t i, read_slot *slot,
                           sc_diag *diag)
{
    const run_input *in = &r->specs[i];
    sc_file *file = &r->files[i];
    sc_error err;

    /* Read twice, every pupil would be his own duplicate. */
    if (slot->seen)
        return in->from_folder
                   ? SC_OK
                   : sc_anomalies_add(&r->anomalies, SC_SEVERITY_WARNING,
                                      in->path, 0, NULL, NULL,
                                      "fichier donné deux fois (déjà lu sous "
                                      "le nom %s) : lu une seule fois",
                                      slot->seen);
    if ((err = sc_anomalies_move(&r->anomalies, &slot->anomalies)) != SC_OK)
        return err;
    if (slot->err != SC_OK && leave_out(in, file, slot->err)) {
        err = sc_anomalies_add(&r->anomalies,
                               file->own_book ? SC_SEVERITY_NOTE
                                              : SC_SEVERITY_WARNING,
                               in->path, 0, NULL, NULL,
                               "fichier du dossier laissé de côté : %s",
                               slot->diag ? slot->diag->message
                                          : sc_strerror(slot->err));
        sc_file_clear(file);
        return err;
    }
    /* Files are kept in the inputs' order, those left out left out. */
    if (r->nfiles != i) {
        r->files[r->nfiles] = *file;
        memset(file, 0, sizeof *file);
    }
    file = &r->files[r->nfiles++];
    r->detected |= in->detect;
    if (slot->err != SC_OK) {
        if (slot->diag)
            *diag = *slot->diag;
        return slot->err;
    }
    r->listed[r->nfiles - 1] =
        (sc_summary_file){file->source->path, file->kind,
                          file->source->format, file->source->why,
                          file->table->nrows - file->header.row - 1};
    return SC_OK;
}

static sc_error load_inputs(sc_run *r, sc_diag *diag)
{
    size_t n = r->ninputs;
    sc_inputs *known = sc_inputs_new(n);
    read_pool pool = {r, NULL, sc_period_school_year(r->settings->as_of), 0,
                      SIZE_MAX};
    sc_error err = SC_OK;

    r->files = calloc(n ? n : 1, sizeof *r->files);
    pool.slots = calloc(n ? n : 1, sizeof *pool.slots);
    if (!r->files || !pool.slots || !known) {
        free(pool.slots);
        sc_inputs_free(known);
        return SC_ERROR_MEMORY;
    }
    /* The same file given twice is read once, under its first name. */
    for (size_t i = 0; i < n; i++)
        pool.slots[i].seen = sc_inputs_seen(known, r->specs[i].path);
    read_all(&pool);
    for (size_t i = 0; i < n; i++) {
        if (err == SC_OK)
            err = take_input(r, i, &pool.slots[i], diag);
        if (i >= r->nfiles)
            sc_file_clear(&r->files[i]);
        sc_anomalies_clear(&pool.slots[i].anomalies);
        free(pool.slots[i].diag);
    }
    free(pool.slots);
    sc_inputs_free(known);
    r->progress.read = n;
    sc_summary_progress(&r->progress, 0);
    if (err == SC_OK && r->detected)
        err = check_kinds(r, diag);
    return err;
}

/* Sets up the run's schools: one per UAI with --by-school, else one. */
static sc_error plan_schools(sc_run *r, sc_diag *diag)
{
    const sc_settings *settings = r->settings;
    sc_output_names *names = NULL;
    size_t n;
    sc_error err;

    err = sc_school_split(&r->schools, r->files, r->nfiles,
                           settings->by_school != NULL, &r->anomalies, diag);
    if (err != SC_OK)
        return err;
    r->last_reader = calloc(r->nfiles ? r->nfiles : 1,
                            sizeof *r->last_reader);
    if (!r->last_reader)
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < r->schools.count; i++)
        for (size_t p = 0; p < r->schools.items[i].nparts; p++)
            r->last_reader[r->schools.items[i].parts[p].file] = i;
    n = settings->by_school ? r->schools.count : 1;
    r->schools_run = calloc(n ? n : 1, sizeof *r->schools_run);
    r->books = calloc(n ? n : 1, sizeof *r->books);
    if (!r->schools_run || !r->books)
        return SC_ERROR_MEMORY;
    r->nruns = n;
    r->progress.schools = n;
    r->progress.books = n + (settings->by_school ? 1 : 0);
    r->pending = calloc(run_jobs(settings), sizeof *r->pending);
    if (!r->pending)
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < n; i++) {
        r->schools_run[i].book = r->schools_run[i].state =
            (sc_tempfile){NULL, NULL, NULL, -1};
        r->schools_run[i].summary = &r->books[i];
    }
    if (settings->by_school && !(names = sc_output_names_new()))
        return SC_ERROR_MEMORY;
    for (size_t i = 0; err == SC_OK && i < n; i++) {
        school_run *s = &r->schools_run[i];
        const sc_school *school =
            i < r->schools.count ? &r->schools.items[i] : NULL;
        char name[128];

        if (settings->by_school) {
            sc_school_file_name(school, name, sizeof name);
            s->output = sc_output_book_path(names, settings->by_school, name);
        } else {
            s->output = sc_text_dup(settings->output);
        }
        if (!s->output || school_label(s, school) != SC_OK)
            err = SC_ERROR_MEMORY;
    }
    sc_output_names_free(names);
    if (err != SC_OK)
        return err;
    if (!settings->by_school) {
        /* One workbook: what belongs to no school belongs to it. */
        r->schools_run[0].anomalies = r->anomalies;
        memset(&r->anomalies, 0, sizeof r->anomalies);
    }
    return SC_OK;
}

static sc_error prepare_academie(sc_run *r, sc_diag *diag)
{
    const sc_settings *settings = r->settings;
    sc_school_tally *tallies;
    sc_error err;

    tallies = malloc((r->nruns ? r->nruns : 1) * sizeof *tallies);
    if (!tallies)
        return SC_ERROR_MEMORY;
    for (size_t i = 0; i < r->nruns; i++) {
        const char *slash = strrchr(r->schools_run[i].output, '/');

        tallies[i].counts = r->books[i].tally;
        tallies[i].uai = r->schools.items[i].uai;
        tallies[i].name = r->schools.items[i].name;
        tallies[i].workbook = slash ? slash + 1 : r->schools_run[i].output;
    }
    err = sort_anomalies(&r->anomalies, r->files, r->nfiles);
    if (err == SC_OK) {
        sc_academie academie = {.period = &settings->period,
                                .as_of = settings->as_of,
                                .has_deadline = settings->has_deadline,
                                .deadline = settings->deadline,
                                .schools = tallies,
                                .nschools = r->nruns,
                                .anomalies = &r->anomalies};
        sc_book_job job = {.academie = &academie, .path = r->academie_path};

        err = sc_writer_prepare_batch(&job, 1, diag);
        r->academie = job.file;
        if (err == SC_OK)
            r->progress.written++;
    }
    free(tallies);
    return err;
}

/* Frees the tables whose last reader is the i-th school, once its records
 * are built: an académie's files are mostly one school's each, so memory
 * stays that of a batch of schools' records, and each writing process
 * starts from a small one. */
static void release_tables(sc_run *r, size_t i)
{
    const sc_school *school = &r->schools.items[i];

    for (size_t p = 0; p < school->nparts; p++) {
        size_t f = school->parts[p].file;

        /* The school's view of the file, then the file's rows once no
         * school reads them. The source stays: its path names the file in
         * anomalies. */
        sc_table_free(school->parts[p].table);
        school->parts[p].table = NULL;
        if (r->last_reader[f] == i) {
            sc_table_free(r->files[f].table);
            r->files[f].table = NULL;
        }
    }
}

/* Every workbook is ready: rename them all into place, then the states. */
static sc_error commit_all(sc_run *r, sc_diag *diag)
{
    sc_error err = SC_OK;

    for (size_t i = 0; err == SC_OK && i < r->nruns; i++)
        err = sc_tempfile_commit(&r->schools_run[i].book, diag);
    if (err == SC_OK && r->academie_path)
        err = sc_tempfile_commit(&r->academie, diag);
    for (size_t i = 0; err == SC_OK && i < r->nruns; i++) {
        school_run *s = &r->schools_run[i];
        sc_diag d;
        sc_error e;

        sc_diag_clear(&d);
        if (s->state_ready &&
            (e = sc_tempfile_commit(&s->state, &d)) != SC_OK)
            sc_summary_warning(stderr, &d, e, s->state_path,
                               "le classeur est bien écrit ; le prochain "
                               "passage comparera avec l'état précédent");
    }
    return err;
}

/* What the summary shows, once every workbook is in place. */
static void summarize(sc_run *r)
{
    const sc_settings *settings = r->settings;
    sc_summary *s = &r->summary;

    *s = (sc_summary){.period = &settings->period,
                      .as_of = settings->as_of,
                      .has_deadline = settings->has_deadline,
                      .deadline = settings->deadline,
                      .books = r->books,
                      .nbooks = r->nruns,
                      .academie = r->academie_path,
                      .files = r->listed,
                      .nfiles = r->nfiles,
                      .detected = r->detected,
                      .anomalies = settings->by_school
                                       ? &r->anomalies
                                       : &r->schools_run[0].anomalies};
    s->total.findings = sc_anomalies_findings(&r->anomalies);
    for (size_t i = 0; i < r->nruns; i++)
        sc_tally_add(&s->total, &r->books[i].tally);
}

static sc_error run_pipeline(sc_run *r, sc_diag *diag)
{
    const sc_settings *settings = r->settings;
    const char *lock_path;
    sc_error err;

    if (settings->by_school) {
        r->academie_path = sc_output_join(settings->by_school, ACADEMIE_FILE);
        if (!r->academie_path)
            return SC_ERROR_MEMORY;
    }
    lock_path = settings->by_school ? r->academie_path : settings->output;
    if ((err = list_inputs(r, diag)) != SC_OK ||
        /* With --by-school, the folder is made once the inputs are read. */
        (err = sc_output_check(lock_path, !settings->by_school, r->inputs,
                               r->ninputs, diag)) != SC_OK ||
        (err = load_inputs(r, diag)) != SC_OK ||
        (err = plan_schools(r, diag)) != SC_OK ||
        (settings->by_school &&
         (err = sc_output_make_folder(settings->by_school, diag)) != SC_OK) ||
        /* Locked from reading the states to writing them: inputs that
         * cannot be read leave nothing beside the workbook. */
        (err = sc_lock_acquire(lock_path, settings->wait, &r->lock_fd,
                               diag)) != SC_OK)
        return err;
    if (settings->by_school)
        sc_tempfile_sweep_dir(settings->by_school);
    /* Schools are checked, then written a batch at a time: a fork per
     * batch, up to --jobs of them writing while the next batch is checked,
     * and the memory of a few batches of schools. */
    size_t total = 0, share;

    for (size_t i = 0; i < r->schools.count; i++)
        total += school_rows(&r->schools.items[i]);
    share = total / (run_jobs(settings) * BATCHES_PER_JOB);
    for (size_t i = 0, from = 0, pupils = 0, rows = 0; i < r->nruns; i++) {
        school_run *s = &r->schools_run[i];

        rows += school_rows(i < r->schools.count ? &r->schools.items[i]
                                                 : NULL);
        err = school_check(r, s, i);
        if (err != SC_OK) {
            cancel_pending(r);
            return err;
        }
        r->progress.checked++;
        sc_summary_progress(&r->progress, 0);
        pupils += s->data->npupils;
        if (i + 1 < r->nruns && i + 1 - from < BATCH_SCHOOLS &&
            pupils < BATCH_PUPILS && rows < share)
            continue;
        if ((err = write_batch(r, from, i + 1, diag)) != SC_OK) {
            cancel_pending(r);
            return err;
        }
        from = i + 1;
        pupils = rows = 0;
    }
    while (err == SC_OK && r->npending)
        err = finish_first(r, diag);
    if (err != SC_OK) {
        cancel_pending(r);
        return err;
    }
    if ((settings->by_school && (err = prepare_academie(r, diag)) != SC_OK) ||
        (err = commit_all(r, diag)) != SC_OK)
        return err;
    summarize(r);
    return SC_OK;
}

sc_error sc_run_execute(const sc_settings *settings, sc_run **out,
                        sc_diag *diag)
{
    sc_run *r = calloc(1, sizeof *r);
    sc_error err;

    *out = r;
    if (!r)
        return SC_ERROR_MEMORY;
    r->settings = settings;
    r->lock_fd = -1;
    r->academie.fd = -1;
    sc_progress_start(&r->progress, stderr, settings->quiet);
    err = run_pipeline(r, diag);
    sc_summary_progress(&r->progress, 1);
    return err;
}

const sc_summary *sc_run_summary(const sc_run *run)
{
    return &run->summary;
}

