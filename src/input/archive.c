/*
 * archive.c - XML parts of a zip archive, decompressed by libzip as
 * libxml2's streaming reader asks for them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include "stagecheck/base/text.h"
#include "stagecheck/input/archive.h"
#include "stagecheck/input/sheetcells.h"

struct sc_archive {
    zip_t *zip;
    char *path;
};

/* What libxml2's read callback and its error handler share with us. */
struct sc_archive_stream {
    sc_archive *archive;
    zip_file_t *file;
    char member[256];
    int eof;        /* the entry was read to its end */
    int zip_error;  /* libzip's error when reading failed, else 0 */
    int xml_code;   /* libxml2's first error, 0 when none */
    int xml_line;
};

/* ---- Opening ------------------------------------------------------------ */

static sc_error open_failed(const char *path, zip_error_t *ze, sc_diag *diag)
{
    int code = zip_error_code_zip(ze);
    int en = zip_error_code_system(ze);

    switch (code) {
    case ZIP_ER_MEMORY:
        return SC_ERROR_MEMORY;
    case ZIP_ER_NOENT:
        sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier : %s",
                    sc_strerrno(ENOENT));
        return SC_ERROR_FILE_OPEN;
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
        if (zip_error_system_type(ze) == ZIP_ET_SYS) {
            sc_diag_set(diag, path, 0, "impossible d'ouvrir le fichier : %s",
                        sc_strerrno(en));
            return SC_ERROR_FILE_OPEN;
        }
        break;
    case ZIP_ER_NOZIP:
        sc_diag_set(diag, path, 0,
                    "archive zip incomplète ou abîmée : le fichier a sans "
                    "doute été tronqué (copie ou téléchargement interrompu) ; "
                    "enregistrez-le de nouveau depuis Excel ou LibreOffice");
        return SC_ERROR_FILE_READ;
    default:
        break;
    }
    sc_diag_set(diag, path, 0,
                "archive zip abîmée (%s) : enregistrez-la de nouveau depuis "
                "Excel ou LibreOffice",
                code == ZIP_ER_INCONS ? "structure incohérente"
                                      : "illisible");
    return SC_ERROR_FILE_READ;
}

static sc_error archive_new(const char *path, zip_t *zip, sc_archive **out)
{
    sc_archive *archive = calloc(1, sizeof *archive);

    if (!archive || !(archive->path = sc_text_dup(path))) {
        free(archive);
        zip_discard(zip);
        return SC_ERROR_MEMORY;
    }
    archive->zip = zip;
    *out = archive;
    return SC_OK;
}

sc_error sc_archive_open(const char *path, sc_archive **out, sc_diag *diag)
{
    zip_error_t ze;
    zip_t *zip;
    int code = 0;

    *out = NULL;
    zip = zip_open(path, ZIP_RDONLY, &code);
    if (!zip) {
        sc_error err;

        zip_error_init_with_code(&ze, code);
        err = open_failed(path, &ze, diag);
        zip_error_fini(&ze);
        return err;
    }
    return archive_new(path, zip, out);
}

sc_error sc_archive_open_buffer(const char *name, const void *bytes,
                                size_t len, sc_archive **out, sc_diag *diag)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *zip;
    sc_error err;

    *out = NULL;
    zip_error_init(&ze);
    src = zip_source_buffer_create(bytes, len, 0, &ze);
    zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!zip) {
        zip_source_free(src);
        err = open_failed(name, &ze, diag);
        zip_error_fini(&ze);
        return err;
    }
    zip_error_fini(&ze);
    return archive_new(name, zip, out);
}

const char *sc_archive_path(const sc_archive *archive)
{
    return archive->path;
}

/* Part names are case-insensitive in both OOXML and ODF. */
int sc_archive_has(sc_archive *archive, const char *member)
{
    return zip_name_locate(archive->zip, member, ZIP_FL_NOCASE) >= 0;
}

/* Opens member, or fills diag. */
static sc_error entry_open(sc_archive *archive, const char *member,
                           zip_file_t **out, sc_diag *diag)
{
    zip_error_t *ze;

    *out = zip_fopen(archive->zip, member, ZIP_FL_NOCASE);
    if (*out)
        return SC_OK;
    ze = zip_get_error(archive->zip);
    switch (zip_error_code_zip(ze)) {
    case ZIP_ER_MEMORY:
        return SC_ERROR_MEMORY;
    case ZIP_ER_NOENT:
        sc_diag_set(diag, archive->path, 0,
                    "l'archive ne contient pas %s : ce n'est pas un classeur "
                    "complet", member);
        break;
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
    case ZIP_ER_ENCRNOTSUPP:
        return sc_sheetcells_refuse_password(archive->path, diag);
    default:
        sc_diag_set(diag, archive->path, 0,
                    "archive zip abîmée : %s illisible", member);
        break;
    }
    return SC_ERROR_FILE_READ;
}

sc_error sc_archive_slurp(sc_archive *archive, const char *member,
                          size_t max, char **out, size_t *len,
                          sc_diag *diag)
{
    zip_file_t *file;
    char *buf = malloc(max + 1);
    zip_int64_t n;
    sc_error err;

    *out = NULL;
    *len = 0;
    if (!buf)
        return SC_ERROR_MEMORY;
    err = entry_open(archive, member, &file, diag);
    if (err != SC_OK) {
        free(buf);
        return err;
    }
    /* One byte more than max tells a member that is too long. */
    n = zip_fread(file, buf, max + 1);
    zip_fclose(file);
    if (n < 0 || (size_t)n > max) {
        free(buf);
        sc_diag_set(diag, archive->path, 0,
                    "archive zip abîmée : %s illisible", member);
        return SC_ERROR_FILE_READ;
    }
    buf[n] = '\0';
    *out = buf;
    *len = (size_t)n;
    return SC_OK;
}

/* ---- Reading a part ----------------------------------------------------- */

static int stream_read(void *ctx, char *buf, int len)
{
    struct sc_archive_stream *s = ctx;
    zip_int64_t n;

    if (s->eof)
        return 0;
    n = zip_fread(s->file, buf, (zip_uint64_t)len);
    if (n < 0) {
        s->zip_error = zip_error_code_zip(zip_file_get_error(s->file));
        if (s->zip_error == 0)
            s->zip_error = ZIP_ER_READ;
        return -1;
    }
    s->eof = n == 0;
    return (int)n;
}

static int stream_close(void *ctx)
{
    (void)ctx; /* the entry is closed with the part */
    return 0;
}

/* Keeps libxml2's first error for sc_archive_part_fail, instead of the
 * English line it would print on stderr. */
static void stream_error(void *ctx, xmlErrorPtr error)
{
    struct sc_archive_stream *s = ctx;

    if (error && error->level >= XML_ERR_ERROR && s->xml_code == 0) {
        s->xml_code = error->code ? error->code : XML_ERR_INTERNAL_ERROR;
        s->xml_line = error->line;
    }
}

sc_error sc_archive_part_open(sc_archive *archive, const char *member,
                              sc_archive_part *part, sc_diag *diag)
{
    struct sc_archive_stream *s = calloc(1, sizeof *s);
    sc_error err;

    memset(part, 0, sizeof *part);
    if (!s)
        return SC_ERROR_MEMORY;
    part->stream = s;
    s->archive = archive;
    snprintf(s->member, sizeof s->member, "%s", member);
    err = entry_open(archive, member, &s->file, diag);
    if (err != SC_OK)
        return err;
    /* No network, no DTD loaded, entities left unexpanded: a spreadsheet
     * part needs none of them, and a hostile one must get none. */
    part->reader = xmlReaderForIO(stream_read, stream_close, s, member, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOCDATA);
    if (!part->reader)
        return SC_ERROR_MEMORY;
    xmlTextReaderSetStructuredErrorHandler(part->reader, stream_error, s);
    return SC_OK;
}

static int part_result(const sc_archive_part *part, int r)
{
    if (r < 0 || part->stream->zip_error || part->stream->xml_code)
        return -1;
    return r;
}

int sc_archive_part_next(sc_archive_part *part)
{
    return part_result(part, xmlTextReaderRead(part->reader));
}

int sc_archive_part_skip(sc_archive_part *part)
{
    return part_result(part, xmlTextReaderNext(part->reader));
}

/* Returns 1 for the XML errors that a cut cannot cause. Once the part's
 * data has all been read, any other error is taken for its cut end: a
 * small part is read whole at once, so the end is reached before its own
 * mistakes are found. */
static int mid_document(int code)
{
    return code == XML_ERR_TAG_NAME_MISMATCH ||
           code == XML_ERR_ATTRIBUTE_REDEFINED;
}

sc_error sc_archive_part_fail(const sc_archive_part *part, const char *where,
                              unsigned last_row, sc_diag *diag)
{
    const struct sc_archive_stream *s = part->stream;
    char prefix[300] = "", after[64] = "";

    if (s->xml_code == XML_ERR_NO_MEMORY || s->zip_error == ZIP_ER_MEMORY)
        return SC_ERROR_MEMORY;
    if (where)
        snprintf(prefix, sizeof prefix, "%s : ", where);
    if (last_row)
        snprintf(after, sizeof after, " (vers la ligne %u de la feuille)",
                 last_row);
    if (s->zip_error == ZIP_ER_CRC)
        sc_diag_set(diag, s->archive->path, 0,
                    "%sarchive abîmée : %s ne se décompresse pas sans erreur"
                    "%s ; enregistrez le fichier de nouveau depuis Excel ou "
                    "LibreOffice", prefix, s->member, after);
    else if (s->zip_error)
        sc_diag_set(diag, s->archive->path, 0,
                    "%sarchive abîmée : %s illisible%s", prefix, s->member,
                    after);
    else if (s->xml_code == XML_ERR_INVALID_CHAR ||
             s->xml_code == XML_ERR_INVALID_ENCODING)
        sc_diag_set(diag, s->archive->path, 0,
                    "%soctet invalide dans %s, ligne %d du XML : ce n'est pas "
                    "de l'UTF-8, le fichier est abîmé%s", prefix, s->member,
                    s->xml_line, after);
    else if (s->eof && !mid_document(s->xml_code))
        sc_diag_set(diag, s->archive->path, 0,
                    "%s%s s'arrête au milieu : le fichier est coupé ou "
                    "abîmé%s", prefix, s->member, after);
    else
        sc_diag_set(diag, s->archive->path, 0,
                    "%sXML incorrect dans %s, ligne %d : le fichier est "
                    "abîmé%s", prefix, s->member, s->xml_line, after);
    return SC_ERROR_FILE_READ;
}

char *sc_archive_part_attr(const sc_archive_part *part, const char *local,
                           const char *ns)
{
    const xmlChar *name = (const xmlChar *)local;

    if (!ns)
        return (char *)xmlTextReaderGetAttributeNs(part->reader, name, NULL);
    return (char *)xmlTextReaderGetAttributeNs(part->reader, name,
                                               (const xmlChar *)ns);
}

int sc_archive_part_is(const sc_archive_part *part, const char *local,
                       const char *ns)
{
    const xmlChar *name, *uri;

    if (xmlTextReaderNodeType(part->reader) != XML_READER_TYPE_ELEMENT)
        return 0;
    name = xmlTextReaderConstLocalName(part->reader);
    if (!name || strcmp((const char *)name, local) != 0)
        return 0;
    if (!ns)
        return 1;
    uri = xmlTextReaderConstNamespaceUri(part->reader);
    return uri && strcmp((const char *)uri, ns) == 0;
}

sc_error sc_archive_text_add(sc_archive_text *text, const char *bytes,
                             size_t len)
{
    if (text->len + len + 1 > text->cap) {
        size_t cap = text->cap ? text->cap : 64;
        char *grown;

        while (cap < text->len + len + 1)
            cap *= 2;
        grown = realloc(text->s, cap);
        if (!grown)
            return SC_ERROR_MEMORY;
        text->s = grown;
        text->cap = cap;
    }
    memcpy(text->s + text->len, bytes, len);
    text->len += len;
    text->s[text->len] = '\0';
    return SC_OK;
}

void sc_archive_text_clear(sc_archive_text *text)
{
    free(text->s);
    memset(text, 0, sizeof *text);
}

int sc_archive_part_text(sc_archive_part *part, sc_archive_text *text)
{
    int depth = xmlTextReaderDepth(part->reader);
    int r;

    if (xmlTextReaderIsEmptyElement(part->reader))
        return 1;
    while ((r = sc_archive_part_next(part)) == 1) {
        int type = xmlTextReaderNodeType(part->reader);
        const char *value;

        if (type == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(part->reader) == depth)
            return 1;
        if (type != XML_READER_TYPE_TEXT &&
            type != XML_READER_TYPE_CDATA &&
            type != XML_READER_TYPE_WHITESPACE &&
            type != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
            continue;
        value = (const char *)xmlTextReaderConstValue(part->reader);
        if (text && value &&
            sc_archive_text_add(text, value, strlen(value)) != SC_OK)
            return -2;
    }
    /* The document cannot end inside an element without an error. */
    return -1;
}

void sc_archive_part_close(sc_archive_part *part)
{
    if (part->reader)
        xmlFreeTextReader(part->reader);
    if (part->stream && part->stream->file)
        zip_fclose(part->stream->file);
    free(part->stream);
    memset(part, 0, sizeof *part);
}

void sc_archive_free(sc_archive *archive)
{
    if (!archive)
        return;
    zip_discard(archive->zip);
    free(archive->path);
    free(archive);
}
