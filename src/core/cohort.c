/*
 * cohort.c - who is followed.
 *
 * FAQ: "C'est un élément obligatoire de la scolarité de l'élève inscrit en
 * classe de seconde générale et technologique." Only those pupils are
 * followed; the others, and the pupils who have left, stay in the dataset
 * so that a tracking row naming them is recognised, not reported as
 * unknown.
 */
#include <stdlib.h>
#include <string.h>
#include "stagecheck/base/text.h"
#include "stagecheck/core/cohort.h"
#include "stagecheck/core/pupil.h"

_Static_assert(SC_COHORT_LEFT < 8, "a pupil's set_aside takes 3 bits");

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Words other levels' names hold; "seconde professionnelle" among them. */
static int says_other_track(const char *key)
{
    return strstr(key, "pro") || strstr(key, "cap") || strstr(key, "bts") ||
           strstr(key, "bma");
}

sc_cohort_level sc_cohort_mef_level(const char *mef)
{
    char *key;
    size_t digits;
    sc_cohort_level level;

    if (!mef || sc_text_blank(mef))
        return SC_LEVEL_UNKNOWN;
    /* Out of memory: follow the pupil rather than lose him. */
    if (!(key = sc_text_key(mef)))
        return SC_LEVEL_UNKNOWN;
    digits = strspn(key, "0123456789");
    if (digits == strlen(key) && digits >= 10)
        /* The MEF code's first three digits are its dispositif de
         * formation: 200 is the seconde générale et technologique. */
        level = starts_with(key, "200") ? SC_LEVEL_SECONDE_GT : SC_LEVEL_OTHER;
    else if (says_other_track(key))
        level = SC_LEVEL_OTHER;
    else if (starts_with(key, "2nd") || starts_with(key, "2de") ||
             starts_with(key, "seconde"))
        level = SC_LEVEL_SECONDE_GT;
    else
        level = SC_LEVEL_OTHER;
    free(key);
    return level;
}

sc_cohort_level sc_cohort_class_level(const char *class_name)
{
    char *key;
    sc_cohort_level level = SC_LEVEL_UNKNOWN;

    if (!class_name || !(key = sc_text_key(class_name)))
        return SC_LEVEL_UNKNOWN;
    if (key[0] == '1' || key[0] == 't' || starts_with(key, "premiere") ||
        says_other_track(key)) {
        level = SC_LEVEL_OTHER;
    } else if (key[0] == '2') {
        /* "2B", "201", "2GT2", "2NDE 1", "2DE1" are secondes GT; a run of
         * letters that names none of those is a seconde professionnelle's
         * specialty ("2MRC2", "2MELEC"). */
        const char *letters = key + 1 + strspn(key + 1, "0123456789");
        size_t n = strspn(letters, "abcdefghijklmnopqrstuvwxyz");

        if (letters == key + 1 && n > 1 && !starts_with(letters, "nd") &&
            !starts_with(letters, "de") && !starts_with(letters, "gt") &&
            !starts_with(letters, "sec"))
            level = SC_LEVEL_OTHER;
    }
    free(key);
    return level;
}

int sc_cohort_has_left(const sc_pupil *pupil, sc_date as_of)
{
    return pupil->no_class || (pupil->has_left && pupil->left <= as_of);
}

/* Why the level sets the pupil aside: its MEF when the roll gives one,
 * else its class's name; SC_COHORT_FOLLOWED when neither does. */
static sc_cohort_reason level_reason(const sc_pupil *pupil)
{
    sc_cohort_level level = sc_cohort_mef_level(sc_pupil_mef(pupil));

    if (level != SC_LEVEL_UNKNOWN)
        return level == SC_LEVEL_OTHER ? SC_COHORT_MEF : SC_COHORT_FOLLOWED;
    return sc_cohort_class_level(sc_pupil_class(pupil)) == SC_LEVEL_OTHER
               ? SC_COHORT_LEVEL
               : SC_COHORT_FOLLOWED;
}

/* Orders pupils set aside by reason, class and place in the roll. */
static int aside_cmp(const void *pa, const void *pb)
{
    const sc_pupil *a = *(const sc_pupil *const *)pa;
    const sc_pupil *b = *(const sc_pupil *const *)pb;
    int c = a->set_aside - b->set_aside;

    if (!c)
        c = strcmp(sc_pupil_class_key(a), sc_pupil_class_key(b));
    return c ? c : (a < b ? -1 : a > b);
}

static sc_error note_class(const sc_dataset *data, sc_anomalies *anomalies,
                           const sc_pupil *first, size_t count,
                           const char *pattern)
{
    const char *file = sc_dataset_pupil_file(data, first);

    if (first->set_aside == SC_COHORT_CLASSES)
        return sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, file,
                                first->line, sc_pupil_class(first), NULL,
                                "classe écartée par --classes '%s' : %zu "
                                "élève(s) de cette classe non suivi(s)",
                                pattern, count);
    if (first->set_aside == SC_COHORT_MEF)
        return sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, file,
                                first->line, sc_pupil_class(first), NULL,
                                "%zu élève(s) de la classe %s écarté(s) "
                                "d'après leur MEF (%s) : pas en seconde "
                                "générale et technologique, non suivi(s) "
                                "(--classes pour les suivre quand même)",
                                count, sc_pupil_class(first),
                                sc_pupil_mef(first));
    return sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, file,
                            first->line, sc_pupil_class(first), NULL,
                            "classe %s écartée d'après son nom : pas une "
                            "classe de seconde générale et technologique ; "
                            "%zu élève(s) non suivi(s) (--classes pour la "
                            "suivre quand même)",
                            sc_pupil_class(first), count);
}

static sc_error note_left(const sc_dataset *data, sc_anomalies *anomalies,
                          const sc_pupil *p)
{
    const char *file = sc_dataset_pupil_file(data, p);
    char who[256], day[11];

    sc_pupil_display(p, who, sizeof who);
    if (p->no_class)
        return sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, file, p->line,
                                NULL, who, "élève sans classe dans la liste "
                                "(parti de l'établissement) : non suivi");
    sc_date_format(p->left, day);
    return sc_anomalies_add(anomalies, SC_SEVERITY_NOTE, file, p->line,
                            sc_pupil_class(p), who,
                            "élève parti le %s : non suivi", day);
}

/* One note per class set aside, one per pupil who left: nobody is lost,
 * only not followed. */
static sc_error report_aside(sc_dataset *data, size_t n, const char *pattern,
                             sc_anomalies *anomalies)
{
    const sc_pupil **out = malloc((n ? n : 1) * sizeof *out);
    size_t k = 0;
    sc_error err = SC_OK;

    if (!out)
        return SC_ERROR_MEMORY;
    for (size_t p = 0; p < data->npupils; p++)
        if (data->pupils[p].set_aside != SC_COHORT_FOLLOWED)
            out[k++] = &data->pupils[p];
    qsort(out, k, sizeof *out, aside_cmp);
    for (size_t i = 0; err == SC_OK && i < k;) {
        size_t j = i + 1;

        if (out[i]->set_aside == SC_COHORT_LEFT) {
            err = note_left(data, anomalies, out[i]);
            i = j;
            continue;
        }
        while (j < k && out[j]->set_aside == out[i]->set_aside &&
               strcmp(sc_pupil_class_key(out[j]),
                      sc_pupil_class_key(out[i])) == 0)
            j++;
        err = note_class(data, anomalies, out[i], j - i, pattern);
        i = j;
    }
    free(out);
    return err;
}

sc_error sc_cohort_select(sc_dataset *data, const char *classes,
                          sc_date as_of, sc_anomalies *anomalies)
{
    size_t aside = 0, matching = 0;

    for (size_t p = 0; p < data->npupils; p++) {
        sc_pupil *pupil = &data->pupils[p];
        /* On folded text, not fnmatch on bytes: under cron's C locale
         * fnmatch's '?' is one byte and its case folding ASCII only. */
        int chosen =
            classes ? sc_text_glob(classes, sc_pupil_class(pupil)) : 0;

        if (chosen < 0)
            return SC_ERROR_MEMORY;
        matching += (size_t)chosen;
        if (sc_cohort_has_left(pupil, as_of))
            pupil->set_aside = SC_COHORT_LEFT;
        else if (classes)
            /* --classes overrides what the MEF or the name says. */
            pupil->set_aside = chosen ? SC_COHORT_FOLLOWED : SC_COHORT_CLASSES;
        else
            pupil->set_aside = level_reason(pupil);
        pupil->selected = pupil->set_aside == SC_COHORT_FOLLOWED;
        aside += !pupil->selected;
    }
    if (classes && matching == 0 &&
        sc_anomalies_add(anomalies, SC_SEVERITY_WARNING, "", 0, NULL, NULL,
                         "aucune classe ne correspond à --classes '%s'",
                         classes) != SC_OK)
        return SC_ERROR_MEMORY;
    return aside ? report_aside(data, aside, classes, anomalies) : SC_OK;
}
