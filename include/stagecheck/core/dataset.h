/*
 * dataset.h - the records read from every input: pupils (from the rolls),
 * entries (from the placements files) and the files themselves.
 */
#ifndef STAGECHECK_CORE_DATASET_H
#define STAGECHECK_CORE_DATASET_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "stagecheck/base/arena.h"
#include "stagecheck/base/date.h"

/** The fields stagecheck reads. */
typedef enum sc_field {
    SC_FIELD_SURNAME,
    SC_FIELD_FIRST,
    SC_FIELD_FULLNAME,   /* Pronote "NOM Prénom" */
    SC_FIELD_CLASS,
    SC_FIELD_INE,
    SC_FIELD_BIRTH,
    SC_FIELD_HOST,
    SC_FIELD_HOST_TYPE,
    SC_FIELD_SIRET,
    SC_FIELD_CITY,
    SC_FIELD_COUNTRY,
    SC_FIELD_START,
    SC_FIELD_END,
    SC_FIELD_SIGN_HEAD,
    SC_FIELD_SIGN_HOST,
    SC_FIELD_SIGN_PUPIL,
    SC_FIELD_SIGN_PARENT,
    SC_FIELD_ACTIVITIES,
    SC_FIELD_SKILLS,
    SC_FIELD_INS_PUPIL,
    SC_FIELD_INS_HOST,
    SC_FIELD_DISPENSE,
    SC_FIELD_PROOF,
    SC_FIELD_UAI,        /* the school's code, for --by-school */
    SC_FIELD_SCHOOL,     /* the school's name */
    SC_FIELD_MEF,        /* the pupil's MEF: a label ("2NDE G-T") or a code */
    SC_FIELD_LEFT,       /* date the pupil left the school (Sortie) */
    SC_FIELD_COUNT /* keep last: "no field" */
} sc_field;

/** Which export a file is. */
typedef enum sc_kind {
    SC_KIND_ROLL,
    SC_KIND_PLACEMENTS
} sc_kind;

/** A yes/no cell. */
typedef enum sc_flag {
    SC_FLAG_ABSENT = 0, /* the file has no such column */
    SC_FLAG_NO,         /* empty or "non" */
    SC_FLAG_YES,
    SC_FLAG_INVALID     /* unreadable: reported as an anomaly */
} sc_flag;

/** The strings of a pupil, in the order its block holds them. */
typedef enum sc_pupil_text {
    SC_PUPIL_SURNAME,
    SC_PUPIL_FIRST,
    SC_PUPIL_CLASS,     /* "" when the roll gives no class */
    SC_PUPIL_INE,       /* NULL when absent */
    SC_PUPIL_NAME_KEY,  /* sc_text_name_key(surname, first) */
    SC_PUPIL_CLASS_KEY, /* sc_text_key(class_name) */
    SC_PUPIL_MEF,       /* NULL when the roll gives none */
    SC_PUPIL_TEXTS      /* keep last: how many */
} sc_pupil_text;

/** Most inputs a dataset reads: a pupil's is 16 bits. One school's
 *  workbook is read from a few files, the nation's from some 5,000. */
#define SC_DATASET_INPUTS ((size_t)UINT16_MAX)

/** One pupil of a roll: 24 bytes where pointers have 64 bits, for a roll
 *  of a million rows (issue 14). Its seven strings are one block, those
 *  present one after the other, each ended by its NUL: seven pointers
 *  took 56 bytes where these names of a few letters take a dozen. Read
 *  them with the accessors below, set them with sc_pupil_set_texts. Its
 *  file is an index in the dataset's inputs (sc_dataset_pupil_file), its
 *  flags bits. */
typedef struct sc_pupil {
    char *texts;        /* the block, or NULL when every string is NULL */
    unsigned line;
    sc_date birth;      /* SC_DATE_NONE when unknown */
    sc_date left;
    uint16_t input;     /* the roll it was read from: data->inputs[input]
                           (a dataset reads at most SC_DATASET_INPUTS) */
    unsigned present : SC_PUPIL_TEXTS; /* bit t: the string t (an
                           sc_pupil_text) is in the block; absent, it
                           reads NULL */
    unsigned duplicate : 1; /* the row repeats another pupil's, which
                               sc_match_duplicates reported */
    unsigned set_aside : 3; /* why not followed (an sc_cohort_reason), 0
                               when followed or left out by --classes */
    unsigned invalid : 1;  /* the roll row has an anomaly: an unreadable
                              cell, or another pupil's INE */
    unsigned has_left : 1; /* the roll gives a date of leaving (SIECLE
                              DATE_SORTIE, Pronote Sortie): left */
    unsigned no_class : 1; /* the roll gives no class: the pupil has left
                              (SIECLE empties DIV.); its class is "" */
    unsigned selected : 1; /* followed: see sc_cohort_select */
    unsigned packed : 1;   /* 1 when the block is the dataset's arena's,
                              0 when it is the pupil's own allocation */
} sc_pupil;

_Static_assert(SC_PUPIL_TEXTS <= 7, "a pupil's strings take 7 bits");

/** Returns the string t of pupil, or NULL when absent. The block is
 *  walked: its strings are names of a few letters, and the seventh is
 *  found after six strlen. */
static inline const char *sc_pupil_text_of(const sc_pupil *pupil,
                                           sc_pupil_text t)
{
    const char *s = pupil->texts;

    if (!(pupil->present & (1u << t)))
        return NULL;
    for (unsigned i = 0; i < (unsigned)t; i++)
        if (pupil->present & (1u << i))
            s += strlen(s) + 1;
    return s;
}

static inline const char *sc_pupil_surname(const sc_pupil *p)
{
    return sc_pupil_text_of(p, SC_PUPIL_SURNAME);
}

static inline const char *sc_pupil_first(const sc_pupil *p)
{
    return sc_pupil_text_of(p, SC_PUPIL_FIRST);
}

static inline const char *sc_pupil_class(const sc_pupil *p)
{
    return sc_pupil_text_of(p, SC_PUPIL_CLASS);
}

static inline const char *sc_pupil_ine(const sc_pupil *p)
{
    return sc_pupil_text_of(p, SC_PUPIL_INE);
}

static inline const char *sc_pupil_name_key(const sc_pupil *p)
{
    return sc_pupil_text_of(p, SC_PUPIL_NAME_KEY);
}

static inline const char *sc_pupil_class_key(const sc_pupil *p)
{
    return sc_pupil_text_of(p, SC_PUPIL_CLASS_KEY);
}

static inline const char *sc_pupil_mef(const sc_pupil *p)
{
    return sc_pupil_text_of(p, SC_PUPIL_MEF);
}

/** One row of a placements file: a placement, or a dispense request when
 *  the Dispense cell is not empty. */
typedef struct sc_entry {
    const char *file;
    unsigned line;
    /* who */
    char *ine;
    char *surname;
    char *first;
    char *class_name;
    sc_date birth;
    char *name_key;     /* NULL when the row names nobody */
    char *class_key;    /* NULL when no class */
    /* where and when */
    char *host;
    char *host_type;
    char *siret;
    char *city;
    char *country;      /* NULL or "" = France */
    sc_date start;
    sc_date end;
    /* the convention */
    sc_flag sign_head;
    sc_flag sign_host;
    sc_flag sign_pupil;
    sc_flag sign_parent;
    int sign_pupil_dated;   /* 1 when the pupil's signature cell is a date, */
    sc_date sign_pupil_on;  /* this one: the day the convention was signed */
    char *activities;
    char *skills;
    sc_flag ins_pupil;
    sc_flag ins_host;
    /* dispense */
    char *dispense;     /* NULL for a placement */
    sc_flag proof;
    uint32_t unreadable; /* bit f: the cell of field f could not be read
                            (already reported as an anomaly) */
    long pupil;         /* matched pupil, or -1 */
    char *strings;      /* the first of the strings above once packed
                           into the dataset's arena (sc_arena_pack), or
                           NULL when each is its own allocation */
} sc_entry;

/** One input file, for the summary. */
typedef struct sc_input {
    char *path;
    sc_kind kind;
    const char *encoding;
    char sep;
    size_t rows;        /* data rows read (below the header) */
    const char *format; /* "CSV", "Excel (.xlsx)"…, or NULL; borrowed from
                           the file read, which outlives the dataset */
    const char *why;    /* why it was taken for its kind, or NULL; same */
} sc_input;

/** Everything read from the inputs. */
typedef struct sc_dataset {
    sc_pupil *pupils;
    size_t npupils;
    size_t pupils_cap;
    sc_entry *entries;
    size_t nentries;
    size_t entries_cap;
    sc_input *inputs;
    size_t ninputs;
    size_t inputs_cap;
    sc_arena strings;   /* the packed strings of pupils and entries */
} sc_dataset;

/** Returns the path of the roll pupil was read from, or NULL when data
 *  has no such input (a dataset made by hand). */
static inline const char *sc_dataset_pupil_file(const sc_dataset *data,
                                                const sc_pupil *pupil)
{
    return pupil->input < data->ninputs ? data->inputs[pupil->input].path
                                        : NULL;
}

/** Returns an empty dataset, or NULL when out of memory. */
sc_dataset *sc_dataset_new(void);

/** Frees a dataset and all its records; NULL is fine. */
void sc_dataset_free(sc_dataset *data);

#endif /* STAGECHECK_CORE_DATASET_H */
