/*
 * summary.c - the one place that prints: the summary of a finished run
 * from its tallies, in the sentences of core/timeline.h that the Synthèse
 * shares, and the messages of runs that stop or go on with a problem.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "stagecheck/summary.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/timeline.h"
#include "stagecheck/settings/settings.h"

/* Prints where a problem is: "FILE:LINE: " for a CSV, as compilers and
 * editors read it; "suivi.xlsx, feuille « Suivi », ligne 12 : " for a
 * sheet, as the secretary will look for it. */
static void summary_where(FILE *err, const char *file, unsigned line)
{
    char where[1200];

    sc_anomalies_where(where, sizeof where, file, line);
    fprintf(err, strstr(file, SC_ANOMALIES_SHEET_MARK) ? "%s : " : "%s: ",
            where);
}

/* Prints the anomalies that are findings, as FILE:LINE:. */
static void summary_anomalies(const sc_anomalies *list, FILE *err)
{
    for (size_t i = 0; list && i < list->count; i++) {
        const sc_anomaly *a = &list->items[i];
        if (a->severity == SC_SEVERITY_NOTE)
            continue;
        if (a->line) {
            summary_where(err, a->file, a->line);
            fprintf(err, "%s%s%s\n", a->pupil, a->pupil[0] ? " : " : "",
                    a->message);
        }
        else
            fprintf(err, "%s: %s\n", a->file[0] ? a->file : "stagecheck",
                    a->message);
    }
}

static void summary_heading(const sc_summary *s, FILE *out)
{
    char from[11], to[11], as_of[11], deadline[11], when[80];
    const sc_period *period = s->period;
    int year = sc_period_school_year(period->start);

    sc_date_format(period->start, from);
    sc_date_format(period->end, to);
    sc_date_format(s->as_of, as_of);
    fprintf(out, "stagecheck %s — stage de seconde %d-%d\n", SC_VERSION, year,
            year + 1);
    fprintf(out, "Période : du %s au %s (%d jour%s ouvré%s, %s)\n", from, to,
            period->ndays, period->ndays > 1 ? "s" : "",
            period->ndays > 1 ? "s" : "",
            period->given ? "donnée par --period" : "calendrier calculé");
    sc_timeline_as_of(period, s->as_of, when, sizeof when);
    fprintf(out, "Date de référence : %s, %s\n", as_of, when);
    if (s->has_deadline) {
        sc_date_format(s->deadline, deadline);
        sc_timeline_deadline(s->as_of, s->deadline, s->total.late, when,
                             sizeof when);
        fprintf(out, "Date limite des conventions : %s, %s\n", deadline,
                when);
    }
}

static void summary_counts(const sc_tally *t, FILE *out)
{
    char aside[256];

    fprintf(out, "Élèves : %zu\n", t->pupils);
    for (int s = 0; s < SC_STATUS_COUNT; s++)
        fprintf(out, "  %s : %zu\n", sc_status_label((sc_status)s),
                t->status[s]);
    fprintf(out, "À accueillir dans l'établissement : %zu\n", t->hosted);
    if (sc_tally_aside_text(t, aside, sizeof aside))
        fprintf(out, "Non suivis : %s (voir Anomalies, Information)\n",
                aside);
    fprintf(out, "Anomalies : %zu\n", t->findings);
}

/* Which kind each file was taken for, and why: said when stagecheck told
 * the kinds itself, so that a wrong guess is seen at once. */
static void summary_files(const sc_summary *s, FILE *out)
{
    if (!s->detected)
        return;
    fprintf(out, "Fichiers lus : %zu\n", s->nfiles);
    for (size_t i = 0; i < s->nfiles; i++) {
        const sc_summary_file *f = &s->files[i];

        fprintf(out, "  %s : %s, %zu ligne(s) — %s ; %s\n", f->path,
                f->kind == SC_KIND_ROLL ? "liste d'élèves" : "tableau de suivi",
                f->rows, f->format ? f->format : "?", f->why ? f->why : "");
    }
}

void sc_summary_print(const sc_summary *s, FILE *out, FILE *err)
{
    summary_heading(s, out);
    summary_files(s, out);
    if (s->academie) {
        fprintf(out, "Établissements : %zu\n", s->nbooks);
        summary_counts(&s->total, out);
        for (size_t i = 0; i < s->nbooks; i++) {
            const sc_summary_book *b = &s->books[i];
            fprintf(out, "  %s : %zu élève(s), %zu prêt(s) ou dispensé(s), "
                    "%zu anomalie(s)\n", b->path, b->tally.pupils,
                    sc_tally_done(&b->tally), b->tally.findings);
        }
        fprintf(out, "Classeur académique : %s\n", s->academie);
    } else {
        const sc_summary_book *b = &s->books[0];
        summary_counts(&s->total, out);
        if (b->has_previous)
            fprintf(out, "Changements depuis le passage précédent : %zu\n",
                    b->changes);
        else
            fprintf(out, "Changements : premier passage, rien à comparer\n");
        fprintf(out, "Classeur : %s\n", b->path);
    }
    summary_anomalies(s->anomalies, err);
}

int sc_summary_status(const sc_summary *summary)
{
    return sc_tally_clean(&summary->total) ? SC_EXIT_CLEAN : SC_EXIT_FINDINGS;
}

void sc_summary_version(FILE *out)
{
    fprintf(out, "stagecheck %s\n", SC_VERSION);
}

int sc_summary_failure(FILE *err, const sc_diag *diag, sc_error error,
                       int hint)
{
    const char *message = diag->message[0] ? diag->message
                                           : sc_strerror(error);

    if (diag->file[0] && diag->line) {
        summary_where(err, diag->file, diag->line);
        fprintf(err, "%s\n", message);
    }
    else if (diag->file[0])
        fprintf(err, "%s: %s\n", diag->file, message);
    else
        fprintf(err, "stagecheck: %s\n", message);
    fputs(hint ? "Essayez « stagecheck --help ».\n"
               : "stagecheck: aucun classeur écrit.\n",
          err);
    return SC_EXIT_ERROR;
}

/* 1 while a progress line is on stderr: what is printed there next
 * erases it first. */
static int progress_drawn;

static double progress_now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress_erase(FILE *err)
{
    if (!progress_drawn)
        return;
    fputs("\r\033[K", err);
    fflush(err);
    progress_drawn = 0;
}

void sc_progress_start(sc_progress *p, FILE *err, int quiet)
{
    memset(p, 0, sizeof *p);
    /* Never in cron mail: only a person at a terminal sees it. */
    p->enabled = !quiet && isatty(fileno(err));
    p->start = progress_now();
}

void sc_summary_progress(sc_progress *p, int done)
{
    double now, elapsed;
    unsigned phase;

    if (!p->enabled)
        return;
    if (done) {
        progress_erase(stderr);
        return;
    }
    /* The end of a step is always drawn: on a fast machine the rest of
     * the run may take less than the tenth of a second between two
     * lines, and the last line seen would be an early one. */
    phase = (p->read == p->files) | (p->schools > 0) << 1 |
            (p->schools > 0 && p->checked == p->schools) << 2 |
            (p->books > 0 && p->written == p->books) << 3;
    now = progress_now();
    elapsed = now - p->start;
    if (elapsed < 1.0 ||
        (p->shown > 0 && now - p->shown < 0.1 && phase == p->phase))
        return;
    p->shown = now;
    p->phase = phase;
    fprintf(stderr, "\r%zu fichier%s lu%s sur %zu", p->read,
            p->read > 1 ? "s" : "", p->read > 1 ? "s" : "", p->files);
    /* The schools are known once every file is read. */
    if (p->schools)
        fprintf(stderr, ", %zu établissement%s vérifié%s sur %zu, %zu "
                "classeur%s écrit%s sur %zu", p->checked,
                p->checked > 1 ? "s" : "", p->checked > 1 ? "s" : "",
                p->schools, p->written, p->written > 1 ? "s" : "",
                p->written > 1 ? "s" : "", p->books);
    fprintf(stderr, " (%.0f s)\033[K", elapsed);
    fflush(stderr);
    progress_drawn = 1;
}

void sc_summary_warning(FILE *err, const sc_diag *diag, sc_error error,
                        const char *file, const char *consequence)
{
    progress_erase(err);
    fprintf(err, "%s: %s (%s)\n", diag->file[0] ? diag->file : file,
            diag->message[0] ? diag->message : sc_strerror(error),
            consequence);
}
