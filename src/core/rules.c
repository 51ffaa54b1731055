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
#include "stagecheck/core/category.h"
#include "stagecheck/core/dataset.h"
#include "stagecheck/core/status.h"
#include "stagecheck/core/period.h"

/* One verdict per pupil of a roll that may hold a million (issue 14). */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(sc_verdict) == 8, "sc_verdict grew: see rules.h");
#endif

/* The verdict under construction. */
typedef struct judge {
    const sc_period *period;
    sc_verdict *v;
    sc_findings *found; /* the caller's, its todo "; "-separated */
    size_t todo_len;
    int incomplete;    /* something the file needs is missing */
    int anomaly;       /* a row of the pupil has an anomaly */
    uint64_t dispensed; /* working days a granted dispense covers */
    uint64_t awaiting;  /* working days a dispense awaiting its proof covers */
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
    if (j->todo_len + len + 1 > j->found->todo_cap) {
        size_t cap = (j->found->todo_cap + len + 1) * 2;
        char *p = realloc(j->found->todo, cap);
        if (!p) {
            j->err = SC_ERROR_MEMORY;
            return;
        }
        j->found->todo = p;
        j->found->todo_cap = cap;
    }
    j->todo_len += (size_t)sprintf(j->found->todo + j->todo_len, "%s%s",
                                   j->todo_len ? "; " : "", item);
}

/* Names the column at fault in the finding just recorded, if it was. */
static void judge_column(judge *j, const char *column)
{
    if (j->err == SC_OK && j->found->count > 0)
        j->found->items[j->found->count - 1].column = column;
}

/* Records a finding of this severity on one of the pupil's rows. */
static void judge_note(judge *j, const sc_entry *e, sc_severity severity,
                       const char *fmt, va_list ap)
{
    sc_findings *found = j->found;
    sc_finding *f;

    if (sc_array_reserve((void **)&found->items, &found->cap, found->count,
                         sizeof *found->items) != SC_OK) {
        j->err = SC_ERROR_MEMORY;
        return;
    }
    f = &found->items[found->count];
    f->entry = e;
    f->severity = severity;
    f->column = NULL;
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    sc_text_cut(f->message);
    /* The head teacher reads why on the pupil's line too; a warning does
     * not change the status, so a « Prêt » pupil's line does not say "à
     * vérifier". */
    judge_todo(j, "%s, ligne %u : %s",
               severity == SC_SEVERITY_WARNING ? "attention" : "à vérifier",
               e->line, f->message);
    found->count++;
}

static void judge_finding(judge *j, const sc_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records an anomaly on one of the pupil's rows: the pupil is to check. */
static void judge_finding(judge *j, const sc_entry *e, const char *fmt, ...)
{
    va_list ap;

    j->anomaly = 1;
    va_start(ap, fmt);
    judge_note(j, e, SC_SEVERITY_ERROR, fmt, ap);
    va_end(ap);
}

static void judge_warning(judge *j, const sc_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records a warning on one of the pupil's rows: shown, counted, but the
 * pupil's status does not depend on it. */
static void judge_warning(judge *j, const sc_entry *e, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    judge_note(j, e, SC_SEVERITY_WARNING, fmt, ap);
    va_end(ap);
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

/* Writes the working days of mask as runs of consecutive days ("du
 * 24/06/2024 au 28/06/2024, le 01/07/2024") into buf. */
static void days_format(const sc_period *period, uint64_t mask, char *buf,
                        size_t size)
{
    size_t len = 0;

    buf[0] = '\0';
    for (int i = 0; i < period->ndays && len < size; i++) {
        char from[11], to[11];
        int k = i;

        if (!(mask >> i & 1))
            continue;
        while (k + 1 < period->ndays && (mask >> (k + 1) & 1))
            k++;
        sc_date_format(period->days[i], from);
        sc_date_format(period->days[k], to);
        if (k == i)
            len += (size_t)snprintf(buf + len, size - len, "%sle %s",
                                    len ? ", " : "", from);
        else
            len += (size_t)snprintf(buf + len, size - len, "%sdu %s au %s",
                                    len ? ", " : "", from, to);
        i = k;
    }
    sc_text_cut(buf);
}

static int days_count(uint64_t mask)
{
    int n = 0;

    for (; mask; mask &= mask - 1)
        n++;
    return n;
}

/* Rule: "Les élèves peuvent effectuer leur séquence dans des associations,
 * des administrations, des établissements publics, des collectivités
 * territoriales ainsi que dans des entreprises." (and, abroad, "une
 * structure (entreprise, association, organisme public...)"). The typed
 * type is told by core/category.c's table: a private person is no
 * structure (an anomaly); a type the table does not know is a warning,
 * since the secretary's word may well be one of the five. */
static void rule_host_type(judge *j, const sc_entry *e)
{
    sc_category category;

    if (!e->host_type)
        return;
    if (sc_category_of(e->host_type, &category) != SC_OK) {
        j->err = SC_ERROR_MEMORY;
        return;
    }
    if (category == SC_CATEGORY_PRIVATE_PERSON)
        judge_finding(j, e,
                      "type de structure « %s » non admis : un particulier "
                      "n'est pas une structure d'accueil (entreprise, "
                      "association, administration, établissement public "
                      "ou collectivité territoriale)",
                      e->host_type);
    else if (category == SC_CATEGORY_UNKNOWN)
        judge_warning(j, e,
                      "type de structure « %s » non reconnu : vérifiez que "
                      "c'est l'une des cinq catégories (entreprise, "
                      "association, administration, établissement public, "
                      "collectivité territoriale)",
                      e->host_type);
    else
        return;
    judge_column(j, "Type de structure");
}

/* Checks one placement's dates and host; returns the days it covers. */
static uint64_t rule_placement_dates(judge *j, const sc_entry *e)
{
    const sc_period *period = j->period;
    char from[11], to[11];
    uint64_t days;

    if (!e->host) {
        judge_finding(j, e, "structure d'accueil non renseignée");
        judge_column(j, "Structure d'accueil");
    }
    rule_host_type(j, e);
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
    days = days_between(period, e->start, e->end);
    /* A row whose days inside the period are a Saturday and a Sunday covers
     * nothing: said, rather than counted as zero days in silence. */
    if (!days && e->start <= period->end && e->end >= period->start) {
        sc_date_format(e->start > period->start ? e->start : period->start,
                       from);
        sc_date_format(e->end < period->end ? e->end : period->end, to);
        judge_finding(j, e, "aucun jour ouvré entre le %s et le %s : la ligne "
                            "ne couvre aucun jour de la période",
                      from, to);
    }
    return days;
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
    DISPENSE_SNU,         /* the SNU, without saying which of its forms */
    DISPENSE_SNU_STAY,    /* séjour de cohésion */
    DISPENSE_SNU_MISSION, /* mission d'intérêt général */
    DISPENSE_MOBILITY,
    DISPENSE_JOB,
    DISPENSE_STAGE,
    DISPENSE_OTHER        /* none of these, or several at once */
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

/* The words a reason may use, grouped by what they name. */
enum {
    WORDS_SNU = 1,
    WORDS_STAY = 2,
    WORDS_MISSION = 4,
    WORDS_MOBILITY = 8,
    WORDS_JOB = 16,
    WORDS_STAGE = 32
};

/* Tells which case a dispense reason names. A reason that names an allowed
 * case and a refused one, or both allowed cases, is no case at all: the head
 * teacher reads it. */
static dispense_kind dispense_classify(const char *reason, sc_error *err)
{
    static const struct {
        const char *words; /* folded: sc_text_fold's form */
        int group;
    } table[] = {
        /* the SNU, as the SNU itself writes it */
        {"snu", WORDS_SNU},
        {"s n u", WORDS_SNU},
        {"service national", WORDS_SNU},
        {"sejour de cohesion", WORDS_STAY},
        {"sejour cohesion", WORDS_STAY},
        {"mig", WORDS_MISSION},
        {"m i g", WORDS_MISSION},
        {"mission d interet general", WORDS_MISSION},
        {"mission interet general", WORDS_MISSION},
        {"missions d interet general", WORDS_MISSION},
        /* mobility, and the programmes it goes by */
        {"mobilite", WORDS_MOBILITY},
        {"mobilites", WORDS_MOBILITY},
        {"erasmus", WORDS_MOBILITY},
        {"ofaj", WORDS_MOBILITY},
        {"o f a j", WORDS_MOBILITY},
        {"dfjw", WORDS_MOBILITY},
        {"office franco allemand", WORDS_MOBILITY},
        {"sauzay", WORDS_MOBILITY},
        {"voltaire", WORDS_MOBILITY},
        {"echange", WORDS_MOBILITY},
        {"echanges", WORDS_MOBILITY},
        {"sejour d etudes", WORDS_MOBILITY},
        {"sejour d etude", WORDS_MOBILITY},
        {"contrat d etudes", WORDS_MOBILITY},
        {"contrat d etude", WORDS_MOBILITY},
        /* what the FAQ refuses */
        {"job", WORDS_JOB},
        {"jobs", WORDS_JOB},
        {"emploi saisonnier", WORDS_JOB},
        {"emploi d ete", WORDS_JOB},
        {"travail saisonnier", WORDS_JOB},
        {"travail d ete", WORDS_JOB},
        {"saisonnier", WORDS_JOB},
        {"saisonniere", WORDS_JOB},
        {"stage", WORDS_STAGE},
        {"stages", WORDS_STAGE},
        {"bafa", WORDS_STAGE},
        /* "stage intensif de langues": only the phrases that name a
         * refused case; a bare "linguistique" or "langue" is as much an
         * exchange's ("Échange linguistique Brigitte Sauzay", "immersion
         * en langue allemande") and refuses nothing */
        {"sejour linguistique", WORDS_STAGE},
        {"sejours linguistiques", WORDS_STAGE},
        {"cours de langue", WORDS_STAGE},
        {"cours de langues", WORDS_STAGE},
    };
    const int snu = WORDS_SNU | WORDS_STAY | WORDS_MISSION;
    char *folded = sc_text_fold(reason);
    int found = 0;

    if (!folded) {
        *err = SC_ERROR_MEMORY;
        return DISPENSE_OTHER;
    }
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (has_words(folded, table[i].words))
            found |= table[i].group;
    free(folded);
    if (found && !(found & ~snu)) {
        if ((found & (WORDS_STAY | WORDS_MISSION)) == WORDS_STAY)
            return DISPENSE_SNU_STAY;
        if ((found & (WORDS_STAY | WORDS_MISSION)) == WORDS_MISSION)
            return DISPENSE_SNU_MISSION;
        return DISPENSE_SNU;
    }
    if (found == WORDS_MOBILITY)
        return DISPENSE_MOBILITY;
    if (found & (snu | WORDS_MOBILITY))
        return DISPENSE_OTHER;
    if (found & WORDS_JOB)
        return DISPENSE_JOB;
    return found & WORDS_STAGE ? DISPENSE_STAGE : DISPENSE_OTHER;
}

/* Rule (SNU): "un séjour de cohésion (dix jours consécutifs et un
 * week-end) ou une mission d'intérêt général (quatre-vingt-quatre heures)",
 * "durant la période du mois de juin prévue par la réglementation ou
 * pendant le mois de juillet". It must begin inside the period or in July,
 * or on the weekend just before the period when it runs into the period
 * (a séjour "dix jours consécutifs et un week-end" often starts on a
 * Sunday); a séjour of fewer than ten consecutive days is checked by hand,
 * a mission's hours cannot be read from its dates. Returns 1 if it
 * holds. */
static int rule_snu_dates(judge *j, const sc_entry *e, dispense_kind kind)
{
    const sc_period *period = j->period;
    char from[11], to[11];
    int y, m, d;
    sc_date july_end, earliest = period->start;

    sc_date_split(period->end, &y, &m, &d);
    july_end = sc_date_make(y, 7, 31);
    while (sc_date_weekday(earliest - 1) >= 6) /* Saturday, Sunday */
        earliest--;
    if (e->start < earliest || e->start > july_end ||
        (e->start < period->start && e->end < period->start)) {
        sc_date_format(earliest, from);
        sc_date_format(july_end, to);
        judge_finding(j, e, "dispense SNU hors de la période de juin et du "
                            "mois de juillet : elle doit commencer entre le "
                            "%s et le %s",
                      from, to);
        return 0;
    }
    if (kind != DISPENSE_SNU_MISSION && e->end - e->start + 1 < 10) {
        judge_finding(j, e, "séjour de cohésion de %d jour%s seulement : il "
                            "dure dix jours consécutifs et un week-end (pour "
                            "une mission d'intérêt général, écrire « MIG »)",
                      (int)(e->end - e->start + 1),
                      e->end > e->start ? "s" : "");
        return 0;
    }
    return 1;
}

/* Rule (mobility): "durant la période du mois de juin prévue par la
 * réglementation, une mobilité européenne et internationale [...] d'une
 * durée minimale de deux semaines". Two weeks are ten working days, as the
 * FAQ calls 17–28 June "deux semaines". Only the days of the period the
 * mobility covers are dispensed; one that covers less than half of them
 * barely touches the period and is checked by hand. Returns the days it
 * covers, 0 when it does not hold. */
static uint64_t rule_mobility_dates(judge *j, const sc_entry *e)
{
    const sc_period *period = j->period;
    uint64_t days = days_between(period, e->start, e->end);
    int worked = sc_period_working_days(e->start, e->end);
    char list[200];

    if (!days) {
        judge_finding(j, e, "mobilité en dehors de la période de juin");
        return 0;
    }
    if (worked < 10) {
        judge_finding(j, e, "mobilité de moins de deux semaines (%d jour%s "
                            "ouvré%s, il en faut dix)",
                      worked, worked > 1 ? "s" : "", worked > 1 ? "s" : "");
        return 0;
    }
    if (2 * days_count(days) < period->ndays) {
        days_format(period, days, list, sizeof list);
        judge_finding(j, e, "la mobilité ne recouvre que %d jour%s ouvré%s de "
                            "la période (%s) : la dispense vaut pour une "
                            "mobilité durant la période",
                      days_count(days), days_count(days) > 1 ? "s" : "",
                      days_count(days) > 1 ? "s" : "", list);
        return 0;
    }
    return days;
}

/* Rule: "Seuls deux cas de dispenses sont possibles" — the SNU and the
 * mobilité européenne et internationale, each shown by the convocation or
 * the contrat d'études. Sets *days to the working days the dispense covers
 * (granted or awaiting its proof). */
static sc_dispense rule_dispense(judge *j, const sc_entry *e, uint64_t *days)
{
    dispense_kind kind = dispense_classify(e->dispense, &j->err);
    int snu = kind == DISPENSE_SNU || kind == DISPENSE_SNU_STAY ||
              kind == DISPENSE_SNU_MISSION;
    uint64_t covers;
    const char *proof;

    *days = 0;
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
        /* Neither allowed nor refused by the FAQ ("oui", "voir dossier"):
         * the head teacher decides, stagecheck does not refuse it. */
        judge_finding(j, e, "motif de dispense non reconnu : « %s » (seuls le "
                            "SNU et la mobilité européenne et internationale "
                            "permettent une dispense)",
                      e->dispense);
        return SC_DISPENSE_UNKNOWN;
    default:
        break;
    }
    proof = snu ? "convocation SNU" : "contrat d'études";
    if (e->start == SC_DATE_NONE || e->end == SC_DATE_NONE) {
        judge_todo(j, "dates de la dispense (%s) à renseigner", proof);
        j->incomplete = 1;
        *days = sc_period_all_days(j->period);
        return SC_DISPENSE_PENDING;
    }
    if (e->start > e->end) {
        judge_finding(j, e, "dispense : la date de début est après la date de fin");
        return SC_DISPENSE_INVALID;
    }
    if (snu)
        covers = rule_snu_dates(j, e, kind) ? sc_period_all_days(j->period) : 0;
    else
        covers = rule_mobility_dates(j, e);
    if (!covers)
        return SC_DISPENSE_INVALID;
    *days = covers;
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
        [SC_DISPENSE_UNKNOWN] = 2, [SC_DISPENSE_INVALID] = 3,
        [SC_DISPENSE_PENDING] = 4, [SC_DISPENSE_VALID] = 5};
    return rank[a] >= rank[b] ? a : b;
}

static sc_status judge_status(const judge *j, uint64_t all)
{
    uint64_t days = j->found->covered | j->dispensed | j->awaiting;

    if (j->anomaly)
        return SC_STATUS_CHECK;
    if ((j->dispensed & all) == all)
        return SC_STATUS_DISPENSED;
    if (days == 0)
        return SC_STATUS_NO_HOST;
    if ((days & all) != all)
        return SC_STATUS_PARTIAL;
    return j->incomplete ? SC_STATUS_INCOMPLETE : SC_STATUS_READY;
}

/* The day minority is judged on for placement e: the convention is signed
 * before the period, so on the day the pupil signed when the cell says it;
 * on an undated « oui », the pupil signed on as_of at the latest, and
 * before the period; on a cell not signed yet, the eve of the period
 * (turning 18 on its first day, one signs as a minor). */
static sc_date signed_on(const sc_period *period, sc_date as_of,
                         const sc_entry *e)
{
    sc_date eve = period->start - 1;

    if (e->sign_pupil_dated)
        return e->sign_pupil_on;
    if (e->sign_pupil == SC_FLAG_YES && as_of != SC_DATE_NONE && as_of < eve)
        return as_of;
    return eve;
}

sc_error sc_rules_apply(const sc_period *period, sc_date as_of,
                        const sc_pupil *pupil,
                        const sc_entry *const *entries, size_t n,
                        sc_verdict *verdict, sc_findings *findings)
{
    judge j = {period, verdict, findings, 0, 0, 0, 0, 0, SC_OK};
    const sc_entry **places;
    size_t nplaces = 0;
    uint64_t all = sc_period_all_days(period);
    sc_date birth = pupil->birth;
    uint64_t excused;
    int insured = 0;

    memset(verdict, 0, sizeof *verdict);
    findings->count = 0;
    findings->covered = 0;
    findings->hosted = 0;
    if (!findings->todo) {
        if (!(findings->todo = malloc(128)))
            return SC_ERROR_MEMORY;
        findings->todo_cap = 128;
    }
    findings->todo[0] = '\0';
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
        if (e->dispense) {
            uint64_t days;
            sc_dispense outcome = rule_dispense(&j, e, &days);

            if (outcome == SC_DISPENSE_VALID)
                j.dispensed |= days;
            else if (outcome == SC_DISPENSE_PENDING)
                j.awaiting |= days;
            verdict->dispense = dispense_best(verdict->dispense, outcome);
        } else
            places[nplaces++] = e;
    }
    rule_places(&j, places, nplaces);
    for (size_t i = 0; i < nplaces; i++) {
        findings->covered |= rule_placement_dates(&j, places[i]);
        /* Rule: "L'élève, ou ses représentants légaux s'il est mineur",
         * minor on the day he signs (signed_on). */
        rule_convention(&j, places[i],
                        sc_rules_is_minor(birth,
                                          signed_on(period, as_of, places[i])));
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
     * working day no placement covers and no dispense (granted or awaiting
     * its justificatif) covers. */
    excused = j.dispensed | j.awaiting;
    findings->hosted = all & ~findings->covered & ~excused;
    if (findings->hosted == all)
        verdict->motif = verdict->dispense == SC_DISPENSE_REFUSED
                             ? SC_MOTIF_REFUSED
                             : SC_MOTIF_NO_HOST;
    else if (findings->hosted && excused)
        verdict->motif = SC_MOTIF_MOBILITY;
    else if (findings->hosted)
        verdict->motif = SC_MOTIF_PART;
    /* A mobility dispenses only from the days it covers: the others are
     * found like any day no placement covers. */
    if (findings->hosted && excused) {
        char list[200];

        days_format(period, findings->hosted, list, sizeof list);
        judge_todo(&j, "la mobilité ne couvre pas toute la période : %s %s",
                   days_count(findings->hosted) > 1 ? "jours non dispensés"
                                                   : "jour non dispensé",
                   list);
    }
    if (findings->hosted == all)
        judge_todo(&j, "trouver un lieu d'accueil, sinon accueil dans "
                       "l'établissement");
    else if (findings->hosted)
        judge_todo(&j, "trouver un lieu d'accueil pour les jours non couverts, "
                       "sinon accueil dans l'établissement");
    verdict->status = judge_status(&j, all);
    free(places);
    if (j.err != SC_OK) {
        memset(verdict, 0, sizeof *verdict);
        return j.err;
    }
    return SC_OK;
}

void sc_rules_findings_clear(sc_findings *findings)
{
    if (!findings)
        return;
    free(findings->items);
    free(findings->todo);
    memset(findings, 0, sizeof *findings);
}

const char *sc_rules_motif(sc_motif motif)
{
    static const char *const words[SC_MOTIF_COUNT] = {
        [SC_MOTIF_NO_HOST] = "Sans lieu d'accueil",
        [SC_MOTIF_REFUSED] = "Dispense refusée, sans lieu d'accueil",
        [SC_MOTIF_MOBILITY] = "Mobilité pour une partie de la période",
        [SC_MOTIF_PART] = "Lieu d'accueil pour une partie de la période",
    };

    return (unsigned)motif < SC_MOTIF_COUNT ? words[motif] : NULL;
}
