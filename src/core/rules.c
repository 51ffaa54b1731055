/*
 * rules.c - the rules of the stage de seconde (pure: no file, no printing).
 *
 * Each rule quotes the sentence of shared/reference/faq-stage-seconde.md it
 * enforces.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/array.h"
#include "stagecheck/core/rules.h"
#include "stagecheck/base/text.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/period.h"

/* The verdict under construction. */
typedef struct judge {
    const sc_period *period;
    sc_verdict *v;
    char *todo;        /* "; "-separated */
    size_t todo_len;
    size_t todo_cap;
    int incomplete;    /* something the file needs is missing */
    int anomaly;       /* a row of the pupil has an anomaly */
    sc_error err;
} judge;

static void judge_todo(judge *j, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends an item to "À faire". */
static void judge_todo(judge *j, const char *fmt, ...)
{
    char item[512];
    size_t len;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(item, sizeof item, fmt, ap);
    va_end(ap);
    sc_text_cut(item);
    len = strlen(item) + 2;
    if (j->todo_len + len + 1 > j->todo_cap) {
        size_t cap = (j->todo_cap + len + 1) * 2;
        char *p = realloc(j->todo, cap);
        if (!p) {
            j->err = SC_ERROR_MEMORY;
            return;
        }
        j->todo = p;
        j->todo_cap = cap;
    }
    j->todo_len += (size_t)sprintf(j->todo + j->todo_len, "%s%s",
                                   j->todo_len ? "; " : "", item);
}

static void judge_finding(judge *j, const sc_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Names the column at fault in the finding just recorded, if it was. */
static void judge_column(judge *j, const char *column)
{
    if (j->err == SC_OK && j->v->nfindings > 0)
        j->v->findings[j->v->nfindings - 1].column = column;
}

/* Records an anomaly on one of the pupil's rows. */
static void judge_finding(judge *j, const sc_entry *e, const char *fmt, ...)
{
    sc_verdict *v = j->v;
    va_list ap;

    j->anomaly = 1;
    if (sc_array_reserve((void **)&v->findings, &v->findings_cap,
                         v->nfindings, sizeof *v->findings) != SC_OK) {
        j->err = SC_ERROR_MEMORY;
        return;
    }
    v->findings[v->nfindings].entry = e;
    v->findings[v->nfindings].column = NULL;
    va_start(ap, fmt);
    vsnprintf(v->findings[v->nfindings].message,
              sizeof v->findings[v->nfindings].message, fmt, ap);
    va_end(ap);
    sc_text_cut(v->findings[v->nfindings].message);
    /* The head teacher reads why on the pupil's line too. */
    judge_todo(j, "à vérifier, ligne %u : %s", e->line,
               v->findings[v->nfindings].message);
    v->nfindings++;
}

int sc_rules_is_late(sc_status status, sc_date as_of, sc_date deadline)
{
    return as_of > deadline && status != SC_STATUS_READY &&
           status != SC_STATUS_DISPENSED;
}

int sc_rules_is_minor(sc_date birth, sc_date date)
{
    int y, m, d;
    sc_date majority;

    if (birth == SC_DATE_NONE)
        return 1; /* unknown: the représentant légal must sign */
    sc_date_split(birth, &y, &m, &d);
    if (!sc_date_valid(y + 18, m, d)) /* born on 29 February */
        majority = sc_date_make(y + 18, 3, 1);
    else
        majority = sc_date_make(y + 18, m, d);
    return date < majority;
}

/* Working days of the period between start and end. */
static uint64_t days_between(const sc_period *period, sc_date start,
                             sc_date end)
{
    uint64_t mask = 0;

    for (int i = 0; i < period->ndays; i++)
        if (period->days[i] >= start && period->days[i] <= end)
            mask |= UINT64_C(1) << i;
    return mask;
}

static int has_dates(const sc_entry *e)
{
    return e->start != SC_DATE_NONE && e->end != SC_DATE_NONE &&
           e->start <= e->end;
}

static const char *place_name(const sc_entry *e)
{
    return e->host ? e->host : "lieu sans nom";
}

/* Rule: "Les élèves peuvent effectuer leur séquence dans des associations,
 * des administrations, des établissements publics, des collectivités
 * territoriales ainsi que dans des entreprises." (and, abroad, "une
 * structure (entreprise, association, organisme public...)")
 * Returns 1 or 0, or -1 when out of memory. */
static int host_type_allowed(const char *type)
{
    static const char *const allowed[] = {
        "entreprise", "association", "administration", "etablissementpublic",
        "collectiviteterritoriale", "organismepublic",
        /* plurals, as in the FAQ's sentence */
        "entreprises", "associations", "administrations",
        "etablissementspublics", "collectivitesterritoriales"};
    char *key = sc_text_key(type);
    int ok = 0;

    if (!key)
        return -1;
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        ok |= strcmp(key, allowed[i]) == 0;
    free(key);
    return ok;
}

/* Checks one placement's dates and host; returns the days it covers. */
static uint64_t rule_placement_dates(judge *j, const sc_entry *e)
{
    const sc_period *period = j->period;
    char from[11], to[11];
    int allowed;

    if (!e->host) {
        judge_finding(j, e, "structure d'accueil non renseignée");
        judge_column(j, "Structure d'accueil");
    }
    if (e->start == SC_DATE_NONE || e->end == SC_DATE_NONE) {
        /* An unreadable date is reported already, as such. */
        if (!(e->unreadable & (UINT32_C(1) << SC_FIELD_START |
                               UINT32_C(1) << SC_FIELD_END)))
            judge_finding(j, e, "dates du stage manquantes (début et fin)");
        return 0;
    }
    if (e->start > e->end) {
        judge_finding(j, e, "la date de début est après la date de fin");
        return 0;
    }
    /* Rule: "une période de deux semaines dans le calendrier national de
     * cette séquence d'observation" */
    if (e->start < period->start || e->end > period->end) {
        sc_date_format(period->start, from);
        sc_date_format(period->end, to);
        judge_finding(j, e, "dates hors de la période nationale (du %s au %s)",
                      from, to);
    }
    if (e->host_type && (allowed = host_type_allowed(e->host_type)) < 0)
        j->err = SC_ERROR_MEMORY;
    else if (e->host_type && !allowed) {
        judge_finding(j, e,
                      "type de structure « %s » non admis : entreprise, "
                      "association, administration, établissement public ou "
                      "collectivité territoriale",
                      e->host_type);
        judge_column(j, "Type de structure");
    }
    return days_between(period, e->start, e->end);
}

/* Rule: "la signature d'une convention est obligatoire. Elle doit être
 * signée par le chef d'établissement où est inscrit l'élève et le
 * responsable de la structure d'accueil. L'élève, ou ses représentants
 * légaux s'il est mineur, doivent apposer également leur signature", and
 * the convention states "notamment les activités prévues, les compétences
 * visées". */
static void rule_convention(judge *j, const sc_entry *e, int minor)
{
    const char *missing[8];
    size_t n = 0;
    char list[512] = "";

    if (e->sign_head == SC_FLAG_NO || e->sign_head == SC_FLAG_ABSENT)
        missing[n++] = "signature du chef d'établissement";
    if (e->sign_host == SC_FLAG_NO || e->sign_host == SC_FLAG_ABSENT)
        missing[n++] = "signature de la structure d'accueil";
    if (e->sign_pupil == SC_FLAG_NO || e->sign_pupil == SC_FLAG_ABSENT)
        missing[n++] = "signature de l'élève";
    if (minor && (e->sign_parent == SC_FLAG_NO ||
                  e->sign_parent == SC_FLAG_ABSENT))
        missing[n++] = "signature du représentant légal";
    if (!e->activities)
        missing[n++] = "activités prévues";
    if (!e->skills)
        missing[n++] = "compétences visées";
    /* Rule: "La ou le responsable de l'organisme d'accueil doit prendre les
     * dispositions nécessaires pour garantir sa responsabilité civile":
     * checked when the export has the column. */
    if (e->ins_host == SC_FLAG_NO)
        missing[n++] = "assurance de la structure";
    if (n == 0)
        return;
    for (size_t i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                 i ? ", " : "", missing[i]);
    sc_text_cut(list);
    judge_todo(j, "convention « %s » : manque %s", place_name(e), list);
    j->incomplete = 1;
}

/* Rule: "À titre exceptionnel, elle peut être scabable en deux périodes":
 * a third place is an anomaly, and two places cannot overlap. */
static void rule_places(judge *j, const sc_entry *const *places, size_t n)
{
    for (size_t i = 2; i < n; i++)
        judge_finding(j, places[i],
                      "plus de deux lieux d'accueil : la séquence ne peut être "
                      "partagée qu'en deux périodes au plus");
    /* Each place is reported once, against the first it overlaps. */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < i; k++)
            if (has_dates(places[i]) && has_dates(places[k]) &&
                places[i]->start <= places[k]->end &&
                places[k]->start <= places[i]->end) {
                judge_finding(j, places[i],
                              "chevauche le stage « %s » (ligne %u)",
                              place_name(places[k]), places[k]->line);
                break;
            }
}

typedef enum dispense_kind {
    DISPENSE_SNU,
    DISPENSE_MOBILITY,
    DISPENSE_JOB,
    DISPENSE_STAGE,
    DISPENSE_OTHER
} dispense_kind;

/* Returns 1 if the folded text holds word (a sequence of whole words). */
static int has_words(const char *folded, const char *words)
{
    size_t len = strlen(words);

    for (const char *p = strstr(folded, words); p; p = strstr(p + 1, words))
        if ((p == folded || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' '))
            return 1;
    return 0;
}

static dispense_kind dispense_classify(const char *reason, sc_error *err)
{
    static const struct {
        const char *words;
        dispense_kind kind;
    } table[] = {
        {"snu", DISPENSE_SNU},
        {"service national", DISPENSE_SNU},
        {"sejour de cohesion", DISPENSE_SNU},
        {"mission d interet general", DISPENSE_SNU},
        {"mobilite", DISPENSE_MOBILITY},
        {"erasmus", DISPENSE_MOBILITY},
        {"contrat d etudes", DISPENSE_MOBILITY},
        {"job", DISPENSE_JOB},
        {"emploi", DISPENSE_JOB},
        {"saisonnier", DISPENSE_JOB},
        {"travail", DISPENSE_JOB},
        {"stage", DISPENSE_STAGE},
        {"bafa", DISPENSE_STAGE},
        {"linguistique", DISPENSE_STAGE},
        {"langue", DISPENSE_STAGE},
        {"langues", DISPENSE_STAGE},
    };
    char *folded = sc_text_fold(reason);
    dispense_kind kind = DISPENSE_OTHER;

    if (!folded) {
        *err = SC_ERROR_MEMORY;
        return DISPENSE_OTHER;
    }
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (has_words(folded, table[i].words)) {
            kind = table[i].kind;
            break;
        }
    free(folded);
    return kind;
}

/* Rule: "Seuls deux cas de dispenses sont possibles" — the SNU "durant la
 * période du mois de juin prévue par la réglementation ou pendant le mois
 * de juillet", and the mobilité européenne et internationale "durant la
 * période du mois de juin", "d'une durée minimale de deux semaines", each
 * shown by the convocation or the contrat d'études. */
static sc_dispense rule_dispense(judge *j, const sc_entry *e)
{
    const sc_period *period = j->period;
    dispense_kind kind = dispense_classify(e->dispense, &j->err);
    int y, m, d;
    const char *proof;

    switch (kind) {
    case DISPENSE_JOB:
        /* Rule: "Le fait d'exercer un job d'été ne donne pas lieu à une
         * dispense." */
        judge_todo(j, "dispense « %s » refusée : exercer un job d'été ne donne "
                      "pas lieu à une dispense",
                   e->dispense);
        return SC_DISPENSE_REFUSED;
    case DISPENSE_STAGE:
        /* Rule: "Le fait de faire un stage, quelle qu'en soit la nature [...]
         * ne peut donner lieu à l'octroi d'une dispense." */
        judge_todo(j, "dispense « %s » refusée : un stage, quelle qu'en soit "
                      "la nature, ne peut donner lieu à une dispense",
                   e->dispense);
        return SC_DISPENSE_REFUSED;
    case DISPENSE_OTHER:
        judge_todo(j, "dispense « %s » refusée : seuls le SNU et la mobilité "
                      "européenne et internationale permettent une dispense",
                   e->dispense);
        return SC_DISPENSE_REFUSED;
    default:
        break;
    }
    proof = kind == DISPENSE_SNU ? "convocation SNU" : "contrat d'études";
    if (e->start == SC_DATE_NONE || e->end == SC_DATE_NONE) {
        judge_todo(j, "dates de la dispense (%s) à renseigner", proof);
        j->incomplete = 1;
        return SC_DISPENSE_PENDING;
    }
    if (e->start > e->end) {
        judge_finding(j, e, "dispense : la date de début est après la date de fin");
        return SC_DISPENSE_INVALID;
    }
    if (kind == DISPENSE_SNU) {
        sc_date_split(period->end, &y, &m, &d);
        if (e->start < period->start || e->end > sc_date_make(y, 7, 31)) {
            judge_finding(j, e, "dispense SNU hors de la période de juin et du "
                                "mois de juillet");
            return SC_DISPENSE_INVALID;
        }
    } else {
        if (e->start > period->end || e->end < period->start) {
            judge_finding(j, e, "mobilité en dehors de la période de juin");
            return SC_DISPENSE_INVALID;
        }
        if (e->end - e->start + 1 < 14) {
            judge_finding(j, e, "mobilité de moins de deux semaines (%d jours)",
                          (int)(e->end - e->start + 1));
            return SC_DISPENSE_INVALID;
        }
    }
    /* Rule: "il doit présenter à son chef d'établissement la convocation"
     * / "le contrat d'études". */
    if (e->proof != SC_FLAG_YES) {
        if (e->proof != SC_FLAG_INVALID)
            judge_todo(j, "%s à fournir pour la dispense", proof);
        j->incomplete = 1;
        return SC_DISPENSE_PENDING;
    }
    return SC_DISPENSE_VALID;
}

/* The first-ranked of two dispense outcomes. */
static sc_dispense dispense_best(sc_dispense a, sc_dispense b)
{
    static const int rank[] = {
        [SC_DISPENSE_NONE] = 0,    [SC_DISPENSE_REFUSED] = 1,
        [SC_DISPENSE_INVALID] = 2, [SC_DISPENSE_PENDING] = 3,
        [SC_DISPENSE_VALID] = 4};
    return rank[a] >= rank[b] ? a : b;
}

static sc_status judge_status(const judge *j, uint64_t all)
{
    const sc_verdict *v = j->v;

    if (j->anomaly)
        return SC_STATUS_CHECK;
    if (v->dispense == SC_DISPENSE_VALID)
        return SC_STATUS_DISPENSED;
    if (v->dispense == SC_DISPENSE_PENDING)
        return SC_STATUS_INCOMPLETE;
    if (v->covered == 0)
        return SC_STATUS_NO_HOST;
    if ((v->covered & all) != all)
        return SC_STATUS_PARTIAL;
    return j->incomplete ? SC_STATUS_INCOMPLETE : SC_STATUS_READY;
}

sc_error sc_rules_apply(const sc_period *period, const sc_pupil *pupil,
                        const sc_entry *const *entries, size_t n,
                        sc_verdict *verdict)
{
    judge j = {period, verdict, NULL, 0, 0, 0, 0, SC_OK};
    const sc_entry **places;
    size_t nplaces = 0;
    uint64_t all = sc_period_all_days(period);
    sc_date birth = pupil->birth;
    int insured = 0;

    memset(verdict, 0, sizeof *verdict);
    places = malloc((n ? n : 1) * sizeof *places);
    if (!places)
        return SC_ERROR_MEMORY;
    if (pupil->invalid) {
        j.anomaly = 1;
        judge_todo(&j, "vérifier la ligne %u de la liste d'élèves (voir "
                       "Anomalies)", pupil->line);
    }
    for (size_t i = 0; i < n; i++) {
        const sc_entry *e = entries[i];

        if (e->unreadable) {
            j.anomaly = 1;
            judge_todo(&j, "corriger les cellules illisibles de la ligne %u "
                           "(voir Anomalies)", e->line);
        }
        if (birth == SC_DATE_NONE)
            birth = e->birth;
        if (e->dispense && e->host)
            judge_finding(&j, e, "la ligne porte à la fois une structure "
                                 "d'accueil et une dispense : une ligne pour "
                                 "chacune");
        if (e->dispense)
            verdict->dispense =
                dispense_best(verdict->dispense, rule_dispense(&j, e));
        else
            places[nplaces++] = e;
    }
    rule_places(&j, places, nplaces);
    for (size_t i = 0; i < nplaces; i++) {
        verdict->covered |= rule_placement_dates(&j, places[i]);
        /* Rule: the représentant légal signs "s'il est mineur"; minority is
         * judged on the first day of the period. */
        rule_convention(&j, places[i], sc_rules_is_minor(birth, period->start));
        insured |= places[i]->ins_pupil == SC_FLAG_YES ||
                   places[i]->ins_pupil == SC_FLAG_INVALID;
    }
    /* Rule: "L'élève (et, en cas de minorité, ses représentants légaux) doit
     * souscrire et produire une attestation d'assurance couvrant sa
     * responsabilité civile". */
    if (nplaces > 0 && !insured) {
        judge_todo(&j, "attestation d'assurance responsabilité civile de "
                       "l'élève");
        j.incomplete = 1;
    }
    /* Rule: "L'élève peut être accueilli dans son établissement": every
     * working day no placement covers, unless a dispense is granted or
     * awaits its justificatif. */
    if (verdict->dispense != SC_DISPENSE_VALID &&
        verdict->dispense != SC_DISPENSE_PENDING) {
        verdict->hosted = all & ~verdict->covered;
        if (verdict->hosted == all)
            verdict->motif = verdict->dispense == SC_DISPENSE_REFUSED
                                 ? "Dispense refusée, sans lieu d'accueil"
                                 : "Sans lieu d'accueil";
        else if (verdict->hosted)
            verdict->motif = "Lieu d'accueil pour une partie de la période";
    }
    if (verdict->hosted == all)
        judge_todo(&j, "trouver un lieu d'accueil, sinon accueil dans "
                       "l'établissement");
    else if (verdict->hosted)
        judge_todo(&j, "trouver un lieu d'accueil pour les jours non couverts, "
                       "sinon accueil dans l'établissement");
    verdict->status = judge_status(&j, all);
    free(places);
    if (j.err == SC_OK && !j.todo)
        j.todo = strdup("");
    if (j.err != SC_OK || !j.todo) {
        free(j.todo);
        sc_rules_verdict_clear(verdict);
        return SC_ERROR_MEMORY;
    }
    verdict->todo = j.todo;
    return SC_OK;
}

void sc_rules_verdict_clear(sc_verdict *verdict)
{
    if (!verdict)
        return;
    free(verdict->todo);
    free(verdict->findings);
    memset(verdict, 0, sizeof *verdict);
}
