/*
 * siecle.c - SIECLE's XML export « Élèves sans adresses » into a table:
 * libzip for the archive, libxml2's streaming reader for the XML.
 *
 * The shape (element names, Inactifs, a pupil who left keeping his
 * structures, last year's school inside ELEVE) is the one public importers
 * read: 1024pix/pix (siecle-parser.js, xml-organization-learner-set.js),
 * SACoche's and Gepi's SCONET imports.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <libxml/xmlreader.h>
#include <zip.h>
#include "stagecheck/base/array.h"
#include "stagecheck/base/text.h"
#include "stagecheck/input/siecle.h"

static const char *const column_headers[SC_SIECLE_COLUMNS] = {
    [SC_SIECLE_SURNAME] = "Nom",
    [SC_SIECLE_FIRST] = "Prénom",
    [SC_SIECLE_BIRTH] = "Né(e) le",
    [SC_SIECLE_INE] = "INE",
    [SC_SIECLE_CLASS] = "Classe",
    [SC_SIECLE_MEF_CODE] = "Code MEF",
    [SC_SIECLE_MEF] = "MEF",
    [SC_SIECLE_LEFT] = "Date de sortie",
    [SC_SIECLE_UAI] = "UAI",
};

const char *sc_siecle_header(sc_siecle_column column)
{
    if ((unsigned)column >= SC_SIECLE_COLUMNS)
        return "";
    return column_headers[column];
}

/* ---- MEF codes ---------------------------------------------------------- */

/* Masks over the code's first digits, '.' matching any: the "dispositif de
 * formation" (3 digits), then for bac pro the year (10th digit). They are
 * SACoche's sacoche_niveau masks, the levels of a lycée. */
static const struct {
    const char *mask;
    const char *label;
} mef_levels[] = {
    {"200", "Seconde générale et technologique"},
    {"201", "Première générale"},
    {"202", "Terminale générale"},
    {"210", "Seconde technologique ou musique"},
    {"211", "Première technologique"},
    {"212", "Terminale technologique"},
    {"213", "Première technologique"},
    {"214", "Terminale technologique"},
    {"240", "CAP en un an"},
    {"241", "CAP en deux ans"},
    {"242", "CAP en trois ans"},
    {"243", "BEP"},
    {"244", "BEP"},
    {"245", "Baccalauréat professionnel en un an"},
    {"246", "Baccalauréat professionnel en deux ans"},
    {"247......1", "Seconde professionnelle"},
    {"247......2", "Première professionnelle"},
    {"247......3", "Terminale professionnelle"},
    {"310", "BTS"},
    {"311", "BTS"},
    {"312", "BTS"},
    {"370", "BTS agricole"},
    {"371", "BTS agricole"},
};

/* Returns 1 if code is a MEF: 10 digits, and SIECLE's 11th character. */
static int mef_valid(const char *code)
{
    size_t n = code ? strlen(code) : 0;

    if (n != 10 && n != 11)
        return 0;
    for (size_t i = 0; i < 10; i++)
        if (code[i] < '0' || code[i] > '9')
            return 0;
    return n == 10 || (code[10] >= '0' && code[10] <= '9') ||
           (code[10] >= 'A' && code[10] <= 'Z');
}

const char *sc_siecle_mef_label(const char *code)
{
    if (!mef_valid(code))
        return NULL;
    for (size_t i = 0; i < sizeof mef_levels / sizeof *mef_levels; i++) {
        const char *m = mef_levels[i].mask;
        size_t k = 0;

        while (m[k] && (m[k] == '.' || m[k] == code[k]))
            k++;
        if (!m[k])
            return mef_levels[i].label;
    }
    return NULL;
}

int sc_siecle_mef_seconde_gt(const char *code)
{
    if (!mef_valid(code))
        return -1;
    return strncmp(code, "200", 3) == 0;
}

/* ---- Where the XML comes from ------------------------------------------- */

/* The bytes libxml2's reader pulls, from exactly one of a file, memory or
 * an archive's member. */
typedef struct siecle_input {
    FILE *fp;
    const char *mem;
    size_t mem_len, mem_pos;
    zip_t *zip;
    zip_file_t *member;
    int failed;    /* a read failed: what libxml2 reports then is ours */
    int en;        /* errno of a failed fread */
    int zip_error; /* libzip's code of a failed zip_fread */
} siecle_input;

static int input_read(void *ctx, char *buf, int len)
{
    siecle_input *in = ctx;

    if (len <= 0)
        return 0;
    if (in->member) {
        zip_int64_t n = zip_fread(in->member, buf, (zip_uint64_t)len);

        if (n < 0) {
            in->failed = 1;
            in->zip_error = zip_error_code_zip(zip_file_get_error(in->member));
            return -1;
        }
        return (int)n;
    }
    if (in->fp) {
        size_t n = fread(buf, 1, (size_t)len, in->fp);

        if (n == 0 && ferror(in->fp)) {
            in->en = errno;
            in->failed = 1;
            return -1;
        }
        return (int)n;
    }
    {
        size_t n = in->mem_len - in->mem_pos;

        if (n > (size_t)len)
            n = (size_t)len;
        memcpy(buf, in->mem + in->mem_pos, n);
        in->mem_pos += n;
        return (int)n;
    }
}

static void input_close(siecle_input *in)
{
    if (in->member)
        zip_fclose(in->member);
    if (in->zip)
        zip_discard(in->zip);
    if (in->fp)
        fclose(in->fp);
    memset(in, 0, sizeof *in);
}

static int starts_zip(const char *bytes, size_t len)
{
    return len >= 4 && memcmp(bytes, "PK", 2) == 0 &&
           ((bytes[2] == 3 && bytes[3] == 4) ||
            (bytes[2] == 5 && bytes[3] == 6));
}

/* Returns the index of the member to read: the first whose name ends in
 * .xml, leaving out the hidden files and __MACOSX/ folder a Mac adds when
 * it zips again; -1 when there is none. */
static zip_int64_t input_find_member(zip_t *zip)
{
    zip_int64_t n = zip_get_num_entries(zip, 0);

    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(zip, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        const char *base;
        size_t len;

        if (!name || strncmp(name, "__MACOSX/", 9) == 0)
            continue;
        base = strrchr(name, '/');
        base = base ? base + 1 : name;
        len = strlen(base);
        if (base[0] != '.' && len > 4 &&
            strcasecmp(base + len - 4, ".xml") == 0)
            return i;
    }
    return -1;
}

/* Opens the archive (from memory when bytes is not NULL) and its .xml
 * member. Returns SC_OK or an error with diag set. */
static sc_error input_open_zip(siecle_input *in, const char *path,
                               const char *bytes, size_t len,
                               char *member, size_t member_size,
                               sc_diag *diag)
{
    zip_error_t ze;
    zip_int64_t index;
    int code = 0, en = 0;

    zip_error_init(&ze);
    if (bytes) {
        zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);

        if (src && !(in->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)))
            zip_source_free(src);
        code = zip_error_code_zip(&ze);
    } else {
        errno = 0;
        in->zip = zip_open(path, ZIP_RDONLY, &code);
        en = errno;
    }
    zip_error_fini(&ze);
    if (!in->zip) {
        if (code == ZIP_ER_MEMORY)
            return SC_ERROR_MEMORY;
        if (code == ZIP_ER_OPEN || code == ZIP_ER_NOENT) {
            sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier : %s",
                        sc_strerrno(en ? en : ENOENT));
            return SC_ERROR_FILE_OPEN;
        }
        sc_diag_set(diag, path, 0, "archive zip illisible ou incomplète "
                    "(coupée pendant le téléchargement ?) : téléchargez à "
                    "nouveau l'export depuis SIECLE");
        return SC_ERROR_FILE_READ;
    }
    index = input_find_member(in->zip);
    if (index < 0) {
        sc_diag_set(diag, path, 0, "l'archive zip ne contient aucun fichier "
                    ".xml : ce n'est pas l'export SIECLE « Élèves sans "
                    "adresses » (ExportXML_ElevesSansAdresses.zip)");
        return SC_ERROR_NO_HEADER;
    }
    snprintf(member, member_size, "%s",
             zip_get_name(in->zip, (zip_uint64_t)index, ZIP_FL_ENC_GUESS));
    sc_text_cut(member);
    in->member = zip_fopen_index(in->zip, (zip_uint64_t)index, 0);
    if (!in->member) {
        code = zip_error_code_zip(zip_get_error(in->zip));
        if (code == ZIP_ER_MEMORY)
            return SC_ERROR_MEMORY;
        sc_diag_set(diag, path, 0, "%s", code == ZIP_ER_NOPASSWD ||
                    code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP
                    ? "archive zip protégée par un mot de passe : "
                      "décompressez-la vous-même et donnez le fichier .xml"
                    : "archive zip illisible : téléchargez à nouveau "
                      "l'export depuis SIECLE");
        return SC_ERROR_FILE_READ;
    }
    return SC_OK;
}

/* ---- Parsing ------------------------------------------------------------ */

/* What an ELEVE holds that the table needs; each a field in the table's
 * blocks, NULL when absent. */
enum {
    PUPIL_USAGE,  /* NOM_USAGE */
    PUPIL_FAMILY, /* NOM_DE_FAMILLE */
    PUPIL_NAME,   /* NOM, before NOM_DE_FAMILLE existed */
    PUPIL_FIRST,
    PUPIL_BIRTH,
    PUPIL_INE,
    PUPIL_MEF,
    PUPIL_LEFT,
    PUPIL_TAGS
};

static const char *const pupil_tags[PUPIL_TAGS] = {
    "NOM_USAGE", "NOM_DE_FAMILLE", "NOM", "PRENOM", "DATE_NAISS",
    "ID_NATIONAL", "CODE_MEF", "DATE_SORTIE",
};

typedef struct siecle_pupil {
    unsigned line;
    const char *id;      /* ELEVE_ID */
    const char *elenoet;
    const char *tag[PUPIL_TAGS];
} siecle_pupil;

/* A pupil's division, from STRUCTURES_ELEVE; seq keeps the file order, for
 * the last one to win, as in Pix and Gepi. */
typedef struct siecle_division {
    const char *id;
    const char *code;
    size_t seq;
} siecle_division;

typedef struct siecle_parser {
    const char *path;
    sc_table *table;
    sc_siecle_params params;
    siecle_pupil *pupils;
    size_t npupils, pupils_cap;
    siecle_division *divisions;
    size_t ndivisions, divisions_cap;
    unsigned root_line;
    unsigned text_line; /* line of the text node just read, 0 after any
                           other node */
    /* The first error libxml2 reported. */
    int xml_failed;
    int xml_code;
    int xml_line;
    int xml_column;
    sc_error err;
} siecle_parser;

static void on_xml_error(void *arg, xmlErrorPtr e)
{
    siecle_parser *p = arg;

    if (p->xml_failed || !e || e->level < XML_ERR_ERROR)
        return;
    p->xml_failed = 1;
    p->xml_code = e->code;
    p->xml_line = e->line;
    p->xml_column = e->int2;
}

/* Returns a copy of text (libxml2's, freed here; NULL for "") in the
 * table's blocks, trimmed; NULL when out of memory (p->err set). */
static const char *parser_keep(siecle_parser *p, xmlChar *text)
{
    const char *s = text ? (const char *)text : "";
    char *field = sc_table_field(p->table, s, strlen(s));

    xmlFree(text);
    if (!field)
        p->err = SC_ERROR_MEMORY;
    return field;
}

static const char *parser_text(siecle_parser *p, xmlNodePtr node)
{
    return parser_keep(p, xmlNodeGetContent(node));
}

static const char *parser_attribute(siecle_parser *p, xmlNodePtr node,
                                    const char *name)
{
    return parser_keep(p, xmlGetProp(node, (const xmlChar *)name));
}

/* Returns 1 if node is an element named name. */
static int is_element(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE &&
           xmlStrEqual(node->name, (const xmlChar *)name);
}

static void parser_params(siecle_parser *p, xmlNodePtr node)
{
    for (xmlNodePtr c = node->children; c && p->err == SC_OK; c = c->next) {
        const char *text;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_element(c, "UAJ")) {
            if ((text = parser_text(p, c)))
                sc_text_cut((snprintf(p->params.uai, sizeof p->params.uai,
                                      "%s", text), p->params.uai));
        } else if (is_element(c, "ANNEE_SCOLAIRE")) {
            /* "2023", the year the school year starts; "2023-2024" read
             * the same. */
            if ((text = parser_text(p, c)) &&
                strspn(text, "0123456789") == 4)
                p->params.school_year = (int)strtol(text, NULL, 10);
        } else if (is_element(c, "DATE_EXPORT")) {
            sc_date d;

            if ((text = parser_text(p, c)) && sc_date_parse(text, &d) ==
                                                   SC_PARSE_OK)
                p->params.export_date = d;
        }
    }
}

/* An ELEVE's direct children only: its SCOLARITE_AN_DERNIER holds last
 * year's CODE_STRUCTURE and school, which are not this year's. */
static void parser_pupil(siecle_parser *p, xmlNodePtr node, unsigned line)
{
    siecle_pupil pupil = {line, NULL, NULL, {NULL}};

    pupil.id = parser_attribute(p, node, "ELEVE_ID");
    pupil.elenoet = parser_attribute(p, node, "ELENOET");
    for (xmlNodePtr c = node->children; c && p->err == SC_OK; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (int t = 0; t < PUPIL_TAGS; t++)
            if (!pupil.tag[t] && is_element(c, pupil_tags[t])) {
                pupil.tag[t] = parser_text(p, c);
                break;
            }
    }
    if (p->err == SC_OK &&
        sc_array_reserve((void **)&p->pupils, &p->pupils_cap, p->npupils,
                         sizeof *p->pupils) != SC_OK)
        p->err = SC_ERROR_MEMORY;
    if (p->err == SC_OK)
        p->pupils[p->npupils++] = pupil;
}

/* Returns 1 if code names SIECLE's pseudo-division of inactive pupils,
 * which is no class (Pix leaves it out the same way). */
static int is_inactive(const char *code)
{
    return strcasecmp(code, "Inactifs") == 0;
}

/* The pupil's division among his structures; groups (G) are options and
 * half-classes, no class of his. */
static void parser_structures(siecle_parser *p, xmlNodePtr node)
{
    siecle_division division = {NULL, NULL, p->ndivisions};

    division.id = parser_attribute(p, node, "ELEVE_ID");
    for (xmlNodePtr s = node->children; s && p->err == SC_OK; s = s->next) {
        const char *code = NULL, *type = NULL;

        if (!is_element(s, "STRUCTURE"))
            continue;
        for (xmlNodePtr c = s->children; c && p->err == SC_OK; c = c->next)
            if (is_element(c, "CODE_STRUCTURE"))
                code = parser_text(p, c);
            else if (is_element(c, "TYPE_STRUCTURE"))
                type = parser_text(p, c);
        if (code && type && strcmp(type, "D") == 0 && code[0] &&
            !is_inactive(code))
            division.code = code;
    }
    if (p->err != SC_OK || !division.code)
        return;
    if (sc_array_reserve((void **)&p->divisions, &p->divisions_cap,
                         p->ndivisions, sizeof *p->divisions) != SC_OK) {
        p->err = SC_ERROR_MEMORY;
        return;
    }
    p->divisions[p->ndivisions++] = division;
}

static int division_compare(const void *a, const void *b)
{
    const siecle_division *x = a, *y = b;
    int c = strcmp(x->id, y->id);

    if (c)
        return c;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Sorts the divisions by pupil and keeps the last one of each. */
static void parser_divisions_sort(siecle_parser *p)
{
    size_t kept = 0;

    if (p->ndivisions == 0)
        return;
    qsort(p->divisions, p->ndivisions, sizeof *p->divisions,
          division_compare);
    for (size_t i = 1; i < p->ndivisions; i++) {
        if (strcmp(p->divisions[i].id, p->divisions[kept].id) != 0)
            kept++;
        p->divisions[kept] = p->divisions[i];
    }
    p->ndivisions = kept + 1;
}

static int division_find(const void *key, const void *item)
{
    return strcmp(key, ((const siecle_division *)item)->id);
}

/* Returns pupil id's division, "" when none; after parser_divisions_sort. */
static const char *parser_division_of(const siecle_parser *p, const char *id)
{
    const siecle_division *d =
        p->ndivisions ? bsearch(id, p->divisions, p->ndivisions,
                                sizeof *p->divisions, division_find)
                      : NULL;

    return d ? d->code : "";
}

/* Returns the first of the texts that is not empty, "" when none is. */
static const char *first_filled(const char *a, const char *b, const char *c)
{
    if (a && a[0])
        return a;
    if (b && b[0])
        return b;
    return c ? c : "";
}

/* Fills the table once the whole file is read: the divisions come after
 * the pupils in SIECLE's files, but nothing says they must. */
static sc_error parser_rows(siecle_parser *p, sc_anomalies *anomalies)
{
    char *fields[SC_SIECLE_COLUMNS];
    size_t uai_len = strlen(p->params.uai);
    /* A copy, not a field: cleaned once already, params and rows agree. */
    char *uai = sc_table_alloc(p->table, uai_len + 1, 1);
    char *empty = sc_table_field(p->table, "", 0);

    if (!uai || !empty)
        return SC_ERROR_MEMORY;
    memcpy(uai, p->params.uai, uai_len + 1);
    for (int c = 0; c < SC_SIECLE_COLUMNS; c++) {
        const char *h = column_headers[c];

        if (!(fields[c] = sc_table_field(p->table, h, strlen(h))))
            return SC_ERROR_MEMORY;
    }
    if (sc_table_add_row(p->table, p->root_line, fields, SC_SIECLE_COLUMNS)
        != SC_OK)
        return SC_ERROR_MEMORY;
    parser_divisions_sort(p);
    for (size_t i = 0; i < p->npupils; i++) {
        const siecle_pupil *pu = &p->pupils[i];
        const char *const *t = pu->tag;
        const char *surname = first_filled(t[PUPIL_USAGE], t[PUPIL_FAMILY],
                                           t[PUPIL_NAME]);
        const char *division = parser_division_of(p, pu->id);
        const char *mef = t[PUPIL_MEF] ? t[PUPIL_MEF] : "";
        const char *label = sc_siecle_mef_label(mef);
        const char *values[SC_SIECLE_COLUMNS] = {
            [SC_SIECLE_SURNAME] = surname,
            [SC_SIECLE_FIRST] = t[PUPIL_FIRST],
            [SC_SIECLE_BIRTH] = t[PUPIL_BIRTH],
            [SC_SIECLE_INE] = t[PUPIL_INE],
            [SC_SIECLE_CLASS] = division,
            [SC_SIECLE_MEF_CODE] = mef,
            [SC_SIECLE_MEF] = label,
            [SC_SIECLE_LEFT] = t[PUPIL_LEFT],
            [SC_SIECLE_UAI] = uai,
        };

        if (!surname[0]) {
            if (sc_anomalies_add(anomalies, SC_SEVERITY_WARNING, p->path,
                                 pu->line, division,
                                 t[PUPIL_FIRST] ? t[PUPIL_FIRST] : "",
                                 "élève sans nom dans l'export SIECLE "
                                 "(ELEVE_ID %s, ELENOET %s) : ignoré",
                                 pu->id, pu->elenoet) != SC_OK)
                return SC_ERROR_MEMORY;
            continue;
        }
        for (int c = 0; c < SC_SIECLE_COLUMNS; c++) {
            const char *v = values[c];

            /* What comes from the file lives in the table's blocks
             * already; a label is static and gets its copy. */
            if (!v || !v[0])
                fields[c] = empty;
            else if (c == SC_SIECLE_MEF)
                fields[c] = sc_table_field(p->table, v, strlen(v));
            else
                fields[c] = (char *)v;
            if (!fields[c])
                return SC_ERROR_MEMORY;
        }
        if (sc_table_add_row(p->table, pu->line, fields, SC_SIECLE_COLUMNS)
            != SC_OK)
            return SC_ERROR_MEMORY;
    }
    return SC_OK;
}

/* Returns the line where node's element starts. libxml2 keeps an
 * element's line in 16 bits, and says 65535 beyond; a text node keeps its
 * exact line (XML_PARSE_BIG_LINES), and the blank before <ELEVE> ends on
 * the line where <ELEVE> starts. */
static unsigned parser_line(const siecle_parser *p, xmlNodePtr node)
{
    if (node->line >= 65535 && p->text_line)
        return p->text_line;
    return node->line;
}

/* Returns 1 if node is named name and its parent parent. */
static int is_child(xmlNodePtr node, const char *name, const char *parent)
{
    return is_element(node, name) && is_element(node->parent, parent);
}

/* Walks the document; returns xmlTextReaderRead's last result (0 at the
 * end, -1 after an error). Stops early, returning 0, when p->err is set
 * or the root is not BEE_ELEVES (root_name set). */
static int parser_walk(siecle_parser *p, xmlTextReaderPtr reader,
                       char *root_name, size_t root_size)
{
    int ret = xmlTextReaderRead(reader);

    while (ret == 1 && p->err == SC_OK) {
        int type = xmlTextReaderNodeType(reader);
        xmlNodePtr node = xmlTextReaderCurrentNode(reader);
        int depth = xmlTextReaderDepth(reader);
        int sub;

        if (type == XML_READER_TYPE_TEXT ||
            type == XML_READER_TYPE_WHITESPACE ||
            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            long line = xmlGetLineNo(node);

            p->text_line = line > 0 ? (unsigned)line : 0;
            ret = xmlTextReaderRead(reader);
            continue;
        }
        if (type == XML_READER_TYPE_ELEMENT && depth == 0) {
            p->root_line = node->line;
            if (!is_element(node, "BEE_ELEVES")) {
                sc_text_cut((snprintf(root_name, root_size, "%s",
                                      (const char *)node->name), root_name));
                return 0;
            }
        }
        sub = type != XML_READER_TYPE_ELEMENT ? 0
              : depth == 1 && is_element(node, "PARAMETRES")     ? 1
              : depth == 3 && is_child(node, "ELEVE", "ELEVES") ? 2
              : depth == 3 && is_child(node, "STRUCTURES_ELEVE",
                                       "STRUCTURES")             ? 3
                                                                 : 0;
        if (sub) {
            /* One pupil's subtree in memory, freed when the reader moves
             * past it. */
            unsigned line = parser_line(p, node);

            if (!xmlTextReaderExpand(reader))
                return -1;
            if (sub == 1)
                parser_params(p, node);
            else if (sub == 2)
                parser_pupil(p, node, line);
            else
                parser_structures(p, node);
            p->text_line = 0;
            ret = xmlTextReaderNext(reader);
            continue;
        }
        p->text_line = 0;
        ret = xmlTextReaderRead(reader);
    }
    return ret;
}

/* Sets diag for a read that failed, from libzip's or the C library's
 * error when the bytes could not be read, else from libxml2's first
 * error; returns the error. */
static sc_error parser_fail(const siecle_parser *p, const siecle_input *in,
                            const char *member, sc_diag *diag)
{
    char where[300] = "";
    const char *what;
    int code = p->xml_code;

    if (in->failed && in->member) {
        if (in->zip_error == ZIP_ER_MEMORY)
            return SC_ERROR_MEMORY;
        sc_diag_set(diag, p->path, 0, "archive zip abîmée : « %s » ne se "
                    "décompresse pas (%s) : téléchargez à nouveau l'export "
                    "depuis SIECLE", member,
                    in->zip_error == ZIP_ER_CRC ? "somme de contrôle fausse"
                                                : "données compressées "
                                                  "abîmées");
        return SC_ERROR_FILE_READ;
    }
    if (in->failed) {
        sc_diag_set(diag, p->path, 0, "impossible de lire le fichier : %s",
                    sc_strerrno(in->en));
        return SC_ERROR_FILE_READ;
    }
    if (member[0])
        snprintf(where, sizeof where, "« %s » de l'archive : ", member);
    if (!p->xml_failed) {
        sc_diag_set(diag, p->path, 0, "%sXML illisible", where);
        return SC_ERROR_ENCODING;
    }
    if (code == XML_ERR_NO_MEMORY)
        return SC_ERROR_MEMORY;
    if (code == XML_ERR_DOCUMENT_EMPTY) {
        sc_diag_set(diag, p->path, 0, "%sfichier vide", where);
        return SC_ERROR_FILE_EMPTY;
    }
    switch (code) {
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF:
    case XML_ERR_INVALID_ENCODING:
        what = "caractère interdit en XML (octet illisible, ou caractère de "
               "contrôle collé dans une fiche)";
        break;
    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_LTSLASH_REQUIRED:
    case XML_ERR_GT_REQUIRED:
        what = "le fichier s'arrête avant sa fin (copie ou téléchargement "
               "interrompu ?)";
        break;
    case XML_ERR_TAG_NAME_MISMATCH:
        what = "balise fermante qui ne correspond pas à la balise ouverte";
        break;
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
        what = "encodage déclaré inconnu";
        break;
    default:
        what = "XML mal formé";
        break;
    }
    if (p->xml_column > 0)
        sc_diag_set(diag, p->path, p->xml_line > 0 ? (unsigned)p->xml_line : 0,
                    "%s%s, colonne %d", where, what, p->xml_column);
    else
        sc_diag_set(diag, p->path, p->xml_line > 0 ? (unsigned)p->xml_line : 0,
                    "%s%s", where, what);
    return SC_ERROR_ENCODING;
}

/* libxml2 reports some errors (a failed read among them) through its
 * global handler rather than the reader's: both go to on_xml_error while
 * an export is read, and the global one is put back after. */
typedef struct saved_handler {
    xmlStructuredErrorFunc func;
    void *ctx;
} saved_handler;

static saved_handler handler_take(void *ctx)
{
    saved_handler saved = {xmlStructuredError, xmlStructuredErrorContext};

    xmlSetStructuredErrorFunc(ctx, on_xml_error);
    return saved;
}

static void handler_restore(saved_handler saved)
{
    xmlSetStructuredErrorFunc(saved.ctx, saved.func);
}

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/* Opens the input: the file at path when bytes is NULL, else the bytes;
 * an archive when they start as a zip. */
static sc_error input_open(siecle_input *in, const char *path,
                           const char *bytes, size_t len, char *member,
                           size_t member_size, sc_diag *diag)
{
    char head[4];
    size_t got;
    struct stat st;

    if (bytes) {
        if (len == 0) {
            sc_diag_set(diag, path, 0, "fichier vide");
            return SC_ERROR_FILE_EMPTY;
        }
        if (starts_zip(bytes, len))
            return input_open_zip(in, path, bytes, len, member, member_size,
                                  diag);
        in->mem = bytes;
        in->mem_len = len;
        return SC_OK;
    }
    in->fp = fopen(path, "rb");
    if (!in->fp) {
        int en = errno;

        sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier : %s",
                    sc_strerrno(en));
        return SC_ERROR_FILE_OPEN;
    }
    /* fopen() accepts a directory on Linux; say so before fread() fails. */
    if (fstat(fileno(in->fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        sc_diag_set(diag, path, 0, "c'est un dossier, pas un fichier");
        return SC_ERROR_FILE_READ;
    }
    got = fread(head, 1, sizeof head, in->fp);
    if (got == 0 && ferror(in->fp)) {
        int en = errno;

        sc_diag_set(diag, path, 0, "impossible de lire le fichier : %s",
                    sc_strerrno(en));
        return SC_ERROR_FILE_READ;
    }
    if (got == 0) {
        sc_diag_set(diag, path, 0, "fichier vide");
        return SC_ERROR_FILE_EMPTY;
    }
    if (starts_zip(head, got)) {
        fclose(in->fp);
        in->fp = NULL;
        return input_open_zip(in, path, NULL, 0, member, member_size, diag);
    }
    rewind(in->fp);
    return SC_OK;
}

static sc_error siecle_load(const char *path, const char *bytes, size_t len,
                            sc_table **out, sc_siecle_params *params,
                            sc_anomalies *anomalies, sc_diag *diag)
{
    siecle_input in;
    siecle_parser p;
    xmlTextReaderPtr reader = NULL;
    saved_handler saved;
    char root_name[64] = "";
    sc_error err;
    int ret;

    *out = NULL;
    memset(&in, 0, sizeof in);
    memset(&p, 0, sizeof p);
    p.path = path;
    p.params.export_date = SC_DATE_NONE;
    p.err = SC_OK;
    saved = handler_take(&p);
    err = input_open(&in, path, bytes, len, p.params.member,
                     sizeof p.params.member, diag);
    if (err != SC_OK)
        goto done;
    p.table = sc_table_new(path);
    reader = xmlReaderForIO(input_read, NULL, &in, path, NULL, XML_OPTIONS);
    if (!p.table || !reader) {
        err = in.failed ? parser_fail(&p, &in, p.params.member, diag)
                        : SC_ERROR_MEMORY;
        goto done;
    }
    xmlTextReaderSetStructuredErrorHandler(reader, on_xml_error, &p);
    ret = parser_walk(&p, reader, root_name, sizeof root_name);
    err = p.err;
    if (err == SC_OK && root_name[0]) {
        sc_diag_set(diag, path, p.root_line, "ce fichier XML n'est pas "
                    "l'export SIECLE « Élèves sans adresses » (son élément "
                    "racine est « %s », pas « BEE_ELEVES »)", root_name);
        err = SC_ERROR_NO_HEADER;
    } else if (err == SC_OK && ret != 0) {
        err = parser_fail(&p, &in, p.params.member, diag);
    }
    if (err != SC_OK)
        goto done;
    {
        const xmlChar *enc = xmlTextReaderConstEncoding(reader);

        sc_text_cut((snprintf(p.params.encoding, sizeof p.params.encoding,
                              "%s", enc ? (const char *)enc : "UTF-8"),
                     p.params.encoding));
    }
    err = parser_rows(&p, anomalies);
    sc_table_done(p.table);

done:
    xmlFreeTextReader(reader);
    input_close(&in);
    handler_restore(saved);
    free(p.pupils);
    free(p.divisions);
    if (err != SC_OK) {
        sc_table_free(p.table);
        return err;
    }
    *out = p.table;
    if (params)
        *params = p.params;
    return SC_OK;
}

sc_error sc_siecle_read(const char *path, sc_table **out,
                        sc_siecle_params *params, sc_anomalies *anomalies,
                        sc_diag *diag)
{
    return siecle_load(path, NULL, 0, out, params, anomalies, diag);
}

sc_error sc_siecle_parse(const char *path, const char *bytes, size_t len,
                         sc_table **out, sc_siecle_params *params,
                         sc_anomalies *anomalies, sc_diag *diag)
{
    return siecle_load(path, bytes ? bytes : "", bytes ? len : 0, out,
                       params, anomalies, diag);
}

/* ---- Detection ---------------------------------------------------------- */

/* How much of the XML tells what it is: its prolog and first element. */
#define HEAD_SIZE 4096

static void on_xml_silence(void *arg, xmlErrorPtr e)
{
    (void)arg;
    (void)e;
}

/* Returns 1 if the first element of the len bytes at head is BEE_ELEVES;
 * the bytes may stop anywhere after it. */
static int head_is_export(const char *head, size_t len)
{
    saved_handler saved = {xmlStructuredError, xmlStructuredErrorContext};
    xmlTextReaderPtr reader;
    int found = 0;

    xmlSetStructuredErrorFunc(NULL, on_xml_silence);
    reader = xmlReaderForMemory(head, (int)len, NULL, NULL, XML_OPTIONS);
    if (reader) {
        xmlTextReaderSetStructuredErrorHandler(reader, on_xml_silence, NULL);
        while (xmlTextReaderRead(reader) == 1)
            if (xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT) {
                found = xmlStrEqual(xmlTextReaderConstLocalName(reader),
                                    (const xmlChar *)"BEE_ELEVES");
                break;
            }
        xmlFreeTextReader(reader);
    }
    handler_restore(saved);
    return found;
}

/* Reads the start of the archive's .xml member into head. */
static sc_siecle_format zip_detect(const char *path, const char *bytes,
                                   size_t len)
{
    siecle_input in;
    char member[256], head[HEAD_SIZE];
    size_t got = 0;
    int ok = 0;

    memset(&in, 0, sizeof in);
    if (input_open_zip(&in, path, bytes, len, member, sizeof member, NULL)
        == SC_OK) {
        while (got < sizeof head) {
            int n = input_read(&in, head + got, (int)(sizeof head - got));

            if (n <= 0)
                break;
            got += (size_t)n;
        }
        ok = got > 0 && head_is_export(head, got);
    }
    input_close(&in);
    return ok ? SC_SIECLE_ZIP : SC_SIECLE_NONE;
}

sc_siecle_format sc_siecle_detect_bytes(const char *bytes, size_t len)
{
    if (!bytes || len == 0)
        return SC_SIECLE_NONE;
    if (starts_zip(bytes, len))
        return zip_detect(NULL, bytes, len);
    return head_is_export(bytes, len < HEAD_SIZE ? len : HEAD_SIZE)
               ? SC_SIECLE_XML
               : SC_SIECLE_NONE;
}

sc_siecle_format sc_siecle_detect(const char *path)
{
    char head[HEAD_SIZE];
    FILE *fp = fopen(path, "rb");
    struct stat st;
    size_t got;

    if (!fp)
        return SC_SIECLE_NONE;
    if (fstat(fileno(fp), &st) != 0 || S_ISDIR(st.st_mode)) {
        fclose(fp);
        return SC_SIECLE_NONE;
    }
    got = fread(head, 1, sizeof head, fp);
    fclose(fp);
    if (starts_zip(head, got))
        return zip_detect(path, NULL, 0);
    return got > 0 && head_is_export(head, got) ? SC_SIECLE_XML
                                                : SC_SIECLE_NONE;
}
