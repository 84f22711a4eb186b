/* The compiled form of yamlio's reader: walks libyaml's events and builds the same tree
 * (YMap / YSeq with lines) that yamlio._build builds from PyYAML's event objects, with the
 * same checks in the same order and the same errors. yamlio.py is the specification: every
 * rule here mirrors one there, and tests/test_yamltree.py checks that both agree.
 *
 * build(data, text, name, hook_key, convert, ymap, yseq, fail, field, max_chars, max_depth)
 *   data      the bytes libyaml reads (UTF-8, checked, ending with a line break)
 *   text      the same bytes decoded: libyaml's marks count characters, so the checks of
 *             what libyaml lets through look at this string
 *   name      the path used in messages
 *   hook_key, convert   yamlio's ItemHook (or None, None)
 *   ymap, yseq          the node classes
 *   fail(name, line, rule, message, field) -> DataError   (yamlio._fail)
 *   field(stack, key) -> str                               (yamlio._field)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <yaml.h>

/* The SHA-256 of this file, given by the build (hatch_build.py); yamlio uses the module only
 * when it is the digest of the source beside it. */
#ifndef YAMLTREE_SOURCE_SHA256
#define YAMLTREE_SOURCE_SHA256 ""
#endif

typedef struct {
    PyObject *node;  /* borrowed: its parent (or the root reference) owns it */
    PyObject *lines; /* key_lines (dict) or item_lines (list), borrowed from node */
    PyObject *key;   /* the pending key of a mapping (strong), or NULL */
    int is_map;
    long indent;       /* column of the nearest block collection, -1 for none */
    int flow;          /* a flow collection: start holds where it opened */
    yaml_mark_t start;
} Frame;

/* Short values repeat (keys, language and script codes, dates, schemes): one str each, found
 * again by their bytes, saves decoding, allocating and hashing them for every occurrence. */
#define SHORT_MAX 24
#define SHORT_SLOTS 4096
typedef struct {
    size_t length;
    unsigned char bytes[SHORT_MAX];
    PyObject *text; /* strong, or NULL */
} Short;

typedef struct {
    const char *data;
    Py_ssize_t size;
    PyObject *text;
    int kind;
    const void *chars;
    Py_ssize_t length;
    PyObject *name;
    PyObject *hook_key, *convert;
    PyTypeObject *ymap, *yseq;
    PyObject *fail, *field;
    Py_ssize_t max_chars;
    int max_depth;
    Frame *stack;
    int depth;
    PyObject *root;   /* strong */
    PyObject *target; /* borrowed: the sequence whose items the hook converts */
    int documents;
    int explicit_keys_possible;
    Short *shorts;
} State;

static PyObject *s_line, *s_key_lines, *s_item_lines, *s_empty_tuple;

/* The character at a mark's index (libyaml counts characters, as str does); 0 past the end. */
static Py_UCS4 char_at(State *s, Py_ssize_t index) {
    if (index < 0 || index >= s->length) return 0;
    return PyUnicode_READ(s->kind, s->chars, index);
}

/* yamlio._field(stack, key) over the frames as they are now. */
static PyObject *field_of(State *s, PyObject *key) {
    PyObject *stack = PyList_New(s->depth);
    if (stack == NULL) return NULL;
    for (int i = 0; i < s->depth; i++) {
        Frame *f = &s->stack[i];
        PyObject *frame = PyList_New(2);
        if (frame == NULL) {
            Py_DECREF(stack);
            return NULL;
        }
        Py_INCREF(f->node);
        PyList_SET_ITEM(frame, 0, f->node);
        PyObject *k = f->key != NULL ? f->key : Py_None;
        Py_INCREF(k);
        PyList_SET_ITEM(frame, 1, k);
        PyList_SET_ITEM(stack, i, frame);
    }
    PyObject *result =
        PyObject_CallFunctionObjArgs(s->field, stack, key != NULL ? key : Py_None, NULL);
    Py_DECREF(stack);
    return result;
}

/* Raise fail(name, line, rule, message, field); steals message and field (either may be
 * NULL: an error is then already set, or the field is ""). Always returns -1. */
static int problem(State *s, long line, const char *rule, PyObject *message, PyObject *field) {
    if (message == NULL || (field == NULL && PyErr_Occurred())) {
        Py_XDECREF(message);
        Py_XDECREF(field);
        return -1;
    }
    if (field == NULL) field = PyUnicode_FromString("");
    PyObject *exc = NULL;
    if (field != NULL)
        exc = PyObject_CallFunction(s->fail, "OlsOO", s->name, line, rule, message, field);
    Py_DECREF(message);
    Py_XDECREF(field);
    if (exc != NULL) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return -1;
}

static int problem_text(State *s, long line, const char *rule, const char *message) {
    return problem(s, line, rule, PyUnicode_FromString(message), NULL);
}

static int is_after_close(Py_UCS4 c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' ||
           c == ':';
}

/* yamlio._check_after */
static int check_after(State *s, size_t index, long line, const char *what) {
    if ((Py_ssize_t)index < s->length && !is_after_close(char_at(s, (Py_ssize_t)index)))
        return problem(s, line, "yaml-syntax",
                       PyUnicode_FromFormat("invalid YAML: text directly after %s: put a space "
                                            "before a '#' comment",
                                            what),
                       NULL);
    return 0;
}

/* yamlio._check_indent: every continuation line of a value over several lines inside a block
 * collection stays to the right of the collection's column. */
static int check_indent(State *s, yaml_mark_t start, yaml_mark_t end, long indent,
                        const char *what) {
    if (indent < 0 || end.line == start.line) return 0;
    Py_ssize_t stop = (Py_ssize_t)end.index;
    if (stop > s->length) stop = s->length;
    Py_ssize_t i = (Py_ssize_t)start.index;
    long offset = 0;
    /* find the first line break: the first line is not checked */
    while (i < stop && char_at(s, i) != '\n') i++;
    while (i < stop) {
        i++; /* past the line break */
        offset++;
        long spaces = 0;
        while (i < stop && char_at(s, i) == ' ') {
            spaces++;
            i++;
        }
        int content = 0;
        while (i < stop) {
            Py_UCS4 c = char_at(s, i);
            if (c == '\n') break;
            if (!Py_UNICODE_ISSPACE(c)) content = 1;
            i++;
        }
        if (content && spaces <= indent)
            return problem(
                s, (long)start.line + offset + 1, "yaml-syntax",
                PyUnicode_FromFormat(
                    "invalid YAML: a line of %s is not indented more than its key", what),
                NULL);
    }
    return 0;
}

static int bad_escape(Py_UCS4 c) {
    return c <= 0x08 || c == 0x0b || c == 0x0c || (c >= 0x0e && c <= 0x1f) ||
           (c >= 0x7f && c <= 0x84) || (c >= 0x86 && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff) ||
           c == 0xfffe || c == 0xffff;
}

/* yamlio._check_styled: what libyaml lets through around a quoted or block scalar. */
static int check_styled(State *s, yaml_event_t *e, PyObject *value) {
    yaml_scalar_style_t style = e->data.scalar.style;
    yaml_mark_t start = e->start_mark, end = e->end_mark;
    if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
        if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
            int kind = PyUnicode_KIND(value);
            const void *chars = PyUnicode_DATA(value);
            Py_ssize_t n = PyUnicode_GET_LENGTH(value);
            for (Py_ssize_t i = 0; i < n; i++) {
                Py_UCS4 c = PyUnicode_READ(kind, chars, i);
                if (bad_escape(c)) {
                    char code[16];
                    snprintf(code, sizeof code, "%04lX", (unsigned long)c);
                    return problem(s, (long)start.line + 1, "control-character",
                                   PyUnicode_FromFormat(
                                       "the escape for U+%s is not allowed: control characters, "
                                       "surrogates and non-characters cannot be stored",
                                       code),
                                   field_of(s, NULL));
                }
            }
        }
        if (check_after(s, end.index, (long)end.line + 1, "a closing quote") < 0) return -1;
        if (s->depth > 0 &&
            check_indent(s, start, end, s->stack[s->depth - 1].indent, "a quoted value") < 0)
            return -1;
    } else if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE) {
        Py_ssize_t i = (Py_ssize_t)start.index, stop = i;
        while (stop < s->length && char_at(s, stop) != '\n') stop++;
        if (stop >= s->length) stop = s->length - 1; /* str.find gave -1: up to the last */
        while (i < stop) {
            Py_UCS4 c = char_at(s, i);
            if (c == '|' || c == '>' || c == '+' || c == '-' || (c >= '0' && c <= '9'))
                i++;
            else
                break;
        }
        if (i < stop) {
            Py_UCS4 c = char_at(s, i);
            if (c != ' ' && c != '\t' && c != '\r')
                return problem_text(s, (long)start.line + 1, "yaml-syntax",
                                    "invalid YAML: text directly after a block scalar indicator: "
                                    "put a space before a '#' comment");
        }
        int kind = PyUnicode_KIND(value);
        const void *chars = PyUnicode_DATA(value);
        Py_ssize_t n = PyUnicode_GET_LENGTH(value);
        int blank = 1;
        for (Py_ssize_t j = 0; j < n && blank; j++)
            if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, chars, j))) blank = 0;
        if (blank)
            return problem(s, (long)start.line + 1, "yaml-empty-block",
                           PyUnicode_FromString(
                               "a block scalar (| or >) with no text: leave the key out instead"),
                           field_of(s, NULL));
    }
    return 0;
}

static PyObject *decode(const unsigned char *bytes, size_t length) {
    return PyUnicode_DecodeUTF8((const char *)bytes, (Py_ssize_t)length, "strict");
}

/* decode(), through the table of short values */
static PyObject *value_of(State *s, const unsigned char *bytes, size_t length) {
    if (length > SHORT_MAX || s->shorts == NULL) return decode(bytes, length);
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < length; i++) h = (h ^ bytes[i]) * 16777619u;
    Short *slot = &s->shorts[(h ^ (h >> 15)) & (SHORT_SLOTS - 1)];
    if (slot->text != NULL && slot->length == length && memcmp(slot->bytes, bytes, length) == 0) {
        Py_INCREF(slot->text);
        return slot->text;
    }
    PyObject *text = decode(bytes, length);
    if (text == NULL) return NULL;
    if (PyObject_Hash(text) == -1) { /* computed once, kept in the str */
        Py_DECREF(text);
        return NULL;
    }
    Py_XSETREF(slot->text, text);
    Py_INCREF(text);
    slot->length = length;
    memcpy(slot->bytes, bytes, length);
    return text;
}

/* yamlio._anchor_or_tag */
static int anchor_or_tag(State *s, long line, const unsigned char *anchor,
                         const unsigned char *tag) {
    PyObject *text = decode(anchor != NULL ? anchor : tag,
                            strlen((const char *)(anchor != NULL ? anchor : tag)));
    if (text == NULL) return -1;
    PyObject *message = anchor != NULL
                            ? PyUnicode_FromFormat("anchors (&%U) are not allowed", text)
                            : PyUnicode_FromFormat("tags (%U) are not allowed", text);
    Py_DECREF(text);
    const char *rule = anchor != NULL ? "yaml-anchor" : "yaml-tag";
    if (message == NULL) return -1;
    return problem(s, line, rule, message, field_of(s, NULL));
}

static int not_a_mapping(State *s, long line) {
    return problem_text(s, line, "not-a-mapping",
                        "the top level must be a mapping of keys to values");
}

static int is_null(const unsigned char *v, size_t n) {
    switch (n) {
    case 0:
        return 1;
    case 1:
        return v[0] == '~';
    case 4:
        return memcmp(v, "null", 4) == 0 || memcmp(v, "Null", 4) == 0 ||
               memcmp(v, "NULL", 4) == 0;
    default:
        return 0;
    }
}

/* yamlio._check_key: an explicit key (? key) */
static int check_key(State *s, yaml_mark_t start) {
    Py_ssize_t index = (Py_ssize_t)start.index;
    while (index > 0) {
        Py_UCS4 c = char_at(s, index - 1);
        if (c != ' ' && c != '\t') break;
        index--;
    }
    if (index > 0 && char_at(s, index - 1) == '?')
        return problem_text(s, (long)start.line + 1, "yaml-explicit-key",
                            "explicit keys (?) are not allowed: write 'key: value'");
    return 0;
}

/* Put node (a new reference, stolen) into the current container: its item or its value. */
static int add_item(Frame *f, PyObject *node, long line) {
    if (!f->is_map) {
        PyObject *n = PyLong_FromLong(line);
        if (n == NULL || PyList_Append(f->node, node) < 0 || PyList_Append(f->lines, n) < 0) {
            Py_XDECREF(n);
            Py_DECREF(node);
            return -1;
        }
        Py_DECREF(n);
        Py_DECREF(node);
        return 0;
    }
    int r = PyDict_SetItem(f->node, f->key, node);
    Py_DECREF(node);
    Py_CLEAR(f->key);
    return r;
}

static int on_scalar(State *s, yaml_event_t *e) {
    long line = (long)e->start_mark.line + 1;
    if (e->data.scalar.anchor != NULL || e->data.scalar.tag != NULL)
        return anchor_or_tag(s, line, e->data.scalar.anchor, e->data.scalar.tag);
    yaml_scalar_style_t style = e->data.scalar.style;
    int plain = style == YAML_PLAIN_SCALAR_STYLE || style == YAML_ANY_SCALAR_STYLE;
    PyObject *value;
    if (plain && is_null(e->data.scalar.value, e->data.scalar.length)) {
        value = Py_None;
        Py_INCREF(value);
    } else {
        value = value_of(s, e->data.scalar.value, e->data.scalar.length);
        if (value == NULL) return -1;
        if (!plain && check_styled(s, e, value) < 0) {
            Py_DECREF(value);
            return -1;
        }
        if (PyUnicode_GET_LENGTH(value) > s->max_chars) {
            Py_DECREF(value);
            return problem(
                s, line, "too-large",
                PyUnicode_FromFormat("a text value is longer than the limit of %zd characters",
                                     s->max_chars),
                field_of(s, NULL));
        }
    }
    if (s->depth == 0) {
        Py_DECREF(value);
        return not_a_mapping(s, line);
    }
    Frame *f = &s->stack[s->depth - 1];
    if (f->key != NULL || !f->is_map) return add_item(f, value, line);
    /* a mapping's key */
    if (s->explicit_keys_possible && check_key(s, e->start_mark) < 0) {
        Py_DECREF(value);
        return -1;
    }
    if (value == Py_None) {
        Py_DECREF(value);
        return problem_text(s, line, "bad-key", "a key must not be empty");
    }
    if (plain && e->data.scalar.length == 2 && memcmp(e->data.scalar.value, "<<", 2) == 0) {
        Py_DECREF(value);
        return problem_text(s, line, "yaml-merge-key", "merge keys (<<) are not allowed");
    }
    PyObject *first = PyDict_GetItemWithError(f->lines, value);
    if (first != NULL) {
        PyObject *message =
            PyUnicode_FromFormat("duplicate key %R (first at line %S)", value, first);
        PyObject *field = field_of(s, value);
        Py_DECREF(value);
        return problem(s, line, "duplicate-key", message, field);
    }
    if (PyErr_Occurred()) {
        Py_DECREF(value);
        return -1;
    }
    PyObject *n = PyLong_FromLong(line);
    if (n == NULL || PyDict_SetItem(f->lines, value, n) < 0) {
        Py_XDECREF(n);
        Py_DECREF(value);
        return -1;
    }
    Py_DECREF(n);
    f->key = value; /* the reference moves into the frame */
    return 0;
}

static PyObject *new_node(State *s, int is_map, long line, PyObject **lines) {
    PyTypeObject *type = is_map ? s->ymap : s->yseq;
    PyObject *node = type->tp_new(type, s_empty_tuple, NULL);
    if (node == NULL) return NULL;
    PyObject *n = PyLong_FromLong(line);
    PyObject *l = is_map ? PyDict_New() : PyList_New(0);
    if (n == NULL || l == NULL || PyObject_SetAttr(node, s_line, n) < 0 ||
        PyObject_SetAttr(node, is_map ? s_key_lines : s_item_lines, l) < 0) {
        Py_XDECREF(n);
        Py_XDECREF(l);
        Py_DECREF(node);
        return NULL;
    }
    Py_DECREF(n);
    Py_DECREF(l); /* the node holds it */
    *lines = l;
    return node;
}

static int on_start(State *s, yaml_event_t *e, int is_map) {
    long line = (long)e->start_mark.line + 1;
    const unsigned char *anchor, *tag;
    int flow;
    if (is_map) {
        anchor = e->data.mapping_start.anchor;
        tag = e->data.mapping_start.tag;
        flow = e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
    } else {
        anchor = e->data.sequence_start.anchor;
        tag = e->data.sequence_start.tag;
        flow = e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
    }
    if (anchor != NULL || tag != NULL) return anchor_or_tag(s, line, anchor, tag);
    if (s->depth >= s->max_depth)
        return problem(s, line, "too-deep",
                       PyUnicode_FromFormat("nesting deeper than the limit of %d levels",
                                            s->max_depth),
                       NULL);
    PyObject *lines;
    PyObject *node = new_node(s, is_map, line, &lines);
    if (node == NULL) return -1;
    long indent = s->depth > 0 ? s->stack[s->depth - 1].indent : -1;
    if (s->depth == 0) {
        if (!is_map) {
            Py_DECREF(node);
            return not_a_mapping(s, line);
        }
        s->root = node; /* the reference moves here */
    } else {
        Frame *f = &s->stack[s->depth - 1];
        if (f->is_map && f->key == NULL) {
            Py_DECREF(node);
            return problem_text(s, line, "bad-key", "a key must be a plain text value");
        }
        if (f->is_map && s->depth == 1 && !is_map && s->hook_key != Py_None) {
            int same = PyObject_RichCompareBool(s->hook_key, f->key, Py_EQ);
            if (same < 0) {
                Py_DECREF(node);
                return -1;
            }
            if (same) s->target = node;
        }
        Py_INCREF(node);
        if (add_item(f, node, line) < 0) {
            Py_DECREF(node);
            return -1;
        }
        Py_DECREF(node); /* the parent holds it */
    }
    Frame *g = &s->stack[s->depth++];
    g->node = node;
    g->lines = lines;
    g->key = NULL;
    g->is_map = is_map;
    g->flow = flow;
    g->start = e->start_mark;
    g->indent = flow ? indent : (long)e->start_mark.column;
    return 0;
}

static int on_end(State *s, yaml_event_t *e, int is_map) {
    if (s->depth == 0) return 0; /* libyaml pairs them: cannot happen */
    Frame done = s->stack[--s->depth];
    Py_CLEAR(done.key);
    if (done.flow) {
        if (check_after(s, e->end_mark.index, (long)e->end_mark.line + 1, "a closing bracket") <
            0)
            return -1;
        if (check_indent(s, done.start, e->end_mark, done.indent, "a [ ] or { } collection") <
            0)
            return -1;
    }
    if (is_map && s->depth == 2 && s->stack[1].node == s->target && s->target != NULL &&
        s->convert != Py_None) {
        PyObject *target = s->target;
        Py_ssize_t last = PyList_GET_SIZE(target) - 1;
        PyObject *lines = s->stack[1].lines;
        PyObject *result =
            PyObject_CallFunctionObjArgs(s->convert, s->root, PyList_GET_ITEM(target, last),
                                         PyList_GET_ITEM(lines, PyList_GET_SIZE(lines) - 1), NULL);
        if (result == NULL) return -1;
        if (PyList_SetItem(target, last, result) < 0) return -1; /* steals result */
    }
    return 0;
}

/* PyYAML's error for libyaml's, as yamlio turns it into a problem. */
static int parser_error(State *s, yaml_parser_t *parser) {
    if (parser->error == YAML_MEMORY_ERROR) {
        PyErr_NoMemory();
        return -1;
    }
    if (parser->error == YAML_READER_ERROR) {
        size_t stop = parser->problem_offset;
        if (stop > (size_t)s->size) stop = (size_t)s->size;
        long line = 1;
        for (size_t i = 0; i < stop; i++)
            if (s->data[i] == '\n') line++;
        return problem(s, line, "yaml-syntax",
                       PyUnicode_FromFormat("invalid YAML: %s",
                                            parser->problem ? parser->problem : ""),
                       NULL);
    }
    if (parser->error == YAML_SCANNER_ERROR || parser->error == YAML_PARSER_ERROR) {
        long line = 0;
        if (parser->problem != NULL)
            line = (long)parser->problem_mark.line + 1;
        else if (parser->context != NULL)
            line = (long)parser->context_mark.line + 1;
        const char *text = "invalid YAML";
        if (parser->problem != NULL && parser->problem[0])
            text = parser->problem;
        else if (parser->context != NULL && parser->context[0])
            text = parser->context;
        if (strstr(text, "nesting") != NULL)
            return problem(s, line, "too-deep",
                           PyUnicode_FromFormat("nesting deeper than the limit of %d levels",
                                                s->max_depth),
                           NULL);
        return problem(s, line, "yaml-syntax", PyUnicode_FromFormat("invalid YAML: %s", text),
                       NULL);
    }
    PyErr_SetString(PyExc_ValueError, "no parser error");
    return -1;
}

static int on_event(State *s, yaml_event_t *e) {
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        return on_scalar(s, e);
    case YAML_MAPPING_START_EVENT:
        return on_start(s, e, 1);
    case YAML_SEQUENCE_START_EVENT:
        return on_start(s, e, 0);
    case YAML_MAPPING_END_EVENT:
        return on_end(s, e, 1);
    case YAML_SEQUENCE_END_EVENT:
        return on_end(s, e, 0);
    case YAML_ALIAS_EVENT:
        return problem(s, (long)e->start_mark.line + 1, "yaml-alias",
                       PyUnicode_FromString("aliases (*name) are not allowed"),
                       field_of(s, NULL));
    case YAML_DOCUMENT_START_EVENT:
        if (++s->documents > 1)
            return problem_text(s, (long)e->start_mark.line + 1, "yaml-syntax",
                                "only one YAML document is allowed");
        return 0;
    default:
        return 0;
    }
}

static PyObject *build(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *data, *ymap, *yseq;
    State s;
    memset(&s, 0, sizeof s);
    if (!PyArg_ParseTuple(args, "SUUOOOOOOni", &data, &s.text, &s.name, &s.hook_key,
                          &s.convert, &ymap, &yseq, &s.fail, &s.field, &s.max_chars,
                          &s.max_depth))
        return NULL;
    if (!PyType_Check(ymap) || !PyType_IsSubtype((PyTypeObject *)ymap, &PyDict_Type) ||
        !PyType_Check(yseq) || !PyType_IsSubtype((PyTypeObject *)yseq, &PyList_Type) ||
        s.max_depth < 1) {
        PyErr_SetString(PyExc_TypeError, "build: bad node classes or depth");
        return NULL;
    }
    s.ymap = (PyTypeObject *)ymap;
    s.yseq = (PyTypeObject *)yseq;
    s.data = PyBytes_AS_STRING(data);
    s.size = PyBytes_GET_SIZE(data);
    s.kind = PyUnicode_KIND(s.text);
    s.chars = PyUnicode_DATA(s.text);
    s.length = PyUnicode_GET_LENGTH(s.text);
    s.explicit_keys_possible =
        PyUnicode_FindChar(s.text, '?', 0, s.length, 1) >= 0; /* else no "? key" anywhere */
    s.stack = PyMem_Calloc((size_t)s.max_depth + 1, sizeof(Frame));
    if (s.stack == NULL) return PyErr_NoMemory();
    if (s.size > 4096) /* else not worth it */
        s.shorts = PyMem_Calloc(SHORT_SLOTS, sizeof(Short));

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        PyMem_Free(s.stack);
        return PyErr_NoMemory();
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)s.data, (size_t)s.size);
    int failed = 0;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            parser_error(&s, &parser);
            failed = 1;
            break;
        }
        yaml_event_type_t type = event.type;
        int r = on_event(&s, &event);
        yaml_event_delete(&event);
        if (r < 0) {
            failed = 1;
            break;
        }
        if (type == YAML_STREAM_END_EVENT || type == YAML_NO_EVENT) break;
    }
    yaml_parser_delete(&parser);
    for (int i = 0; i < s.depth; i++) Py_CLEAR(s.stack[i].key);
    PyMem_Free(s.stack);
    if (s.shorts != NULL) {
        for (int i = 0; i < SHORT_SLOTS; i++) Py_XDECREF(s.shorts[i].text);
        PyMem_Free(s.shorts);
    }
    if (failed) {
        Py_XDECREF(s.root);
        return NULL;
    }
    if (s.root == NULL) {
        not_a_mapping(&s, 1);
        return NULL;
    }
    return s.root;
}

/* relined(objects, lines, slot): the cache's and the incremental reader's copies of records at
 * other lines (load.relined is the specification, and its Python form the fallback).
 *   objects   a list of records of one slotted class without __dict__ (model.Entry)
 *   lines     a list of ints, as long
 *   slot      the class's member descriptor of the line (Entry.line)
 * Returns a new list: objects[i] itself where its line is lines[i], else a copy of it (every
 * slot shared, as a copy made in Python shares them) whose line is lines[i]. */
/* The class of ``slot`` (a member descriptor) when it is a record class as relined and
 * shares_values need: a class of Python straight from object, with slots and no __dict__, whose
 * every slot holds an object, and nothing else in its instances but the slots (and a weak
 * reference list); else NULL and a TypeError. */
static PyTypeObject *record_class(PyObject *slot, const char *name) {
    PyMemberDescrObject *descr = (PyMemberDescrObject *)slot;
    PyTypeObject *tp = descr->d_common.d_type;
    PyMemberDef *members = tp->tp_members;
    if (descr->d_member->type != T_OBJECT_EX || members == NULL || tp->tp_dictoffset != 0 ||
        tp->tp_itemsize != 0 || tp->tp_base != &PyBaseObject_Type ||
        !(tp->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        PyErr_Format(PyExc_TypeError, "%s: not a slotted record class", name);
        return NULL;
    }
    Py_ssize_t size = (Py_ssize_t)sizeof(PyObject);
    /* The weak reference list: in the instance, else none or (3.12+) before its header. */
    if (tp->tp_weaklistoffset > 0) size += (Py_ssize_t)sizeof(PyObject *);
    for (PyMemberDef *m = members; m->name != NULL; m++) {
        if (m->type != T_OBJECT_EX || (m->flags & READONLY)) {
            PyErr_Format(PyExc_TypeError, "%s: a slot that is not an object", name);
            return NULL;
        }
        size += (Py_ssize_t)sizeof(PyObject *);
    }
    if (tp->tp_basicsize != size) {
        PyErr_Format(PyExc_TypeError, "%s: not a slotted record class", name);
        return NULL;
    }
    return tp;
}

static PyObject *relined(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *objects, *lines, *slot;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &objects, &PyList_Type, &lines,
                          &PyMemberDescr_Type, &slot))
        return NULL;
    PyMemberDescrObject *descr = (PyMemberDescrObject *)slot;
    PyTypeObject *tp = record_class(slot, "relined");
    if (tp == NULL) return NULL;
    PyMemberDef *members = tp->tp_members;
    Py_ssize_t n = PyList_GET_SIZE(objects);
    if (PyList_GET_SIZE(lines) != n) {
        PyErr_SetString(PyExc_ValueError, "relined: as many lines as objects");
        return NULL;
    }
    Py_ssize_t at = descr->d_member->offset;
    PyObject *out = PyList_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        /* An allocation may run the collector, and a finalizer may change the lists. */
        if (PyList_GET_SIZE(objects) != n || PyList_GET_SIZE(lines) != n) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_RuntimeError, "relined: a list changed size");
            return NULL;
        }
        PyObject *obj = PyList_GET_ITEM(objects, i);
        PyObject *line = PyList_GET_ITEM(lines, i);
        if (Py_TYPE(obj) != tp || !PyLong_CheckExact(line)) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_TypeError, "relined: an object of another class, or a line");
            return NULL;
        }
        PyObject *current = *(PyObject **)((char *)obj + at);
        int same = current == line;
        if (!same && current != NULL && PyLong_CheckExact(current)) {
            same = PyObject_RichCompareBool(current, line, Py_EQ);
            if (same < 0) {
                Py_DECREF(out);
                return NULL;
            }
        }
        if (same) {
            Py_INCREF(obj);
            PyList_SET_ITEM(out, i, obj);
            continue;
        }
        Py_INCREF(obj); /* held across the allocation (see above) */
        Py_INCREF(line);
        PyObject *copy = tp->tp_alloc(tp, 0);
        if (copy == NULL) {
            Py_DECREF(obj);
            Py_DECREF(line);
            Py_DECREF(out);
            return NULL;
        }
        for (PyMemberDef *m = members; m->name != NULL; m++) {
            PyObject *value = *(PyObject **)((char *)obj + m->offset);
            Py_XINCREF(value);
            *(PyObject **)((char *)copy + m->offset) = value;
        }
        PyObject **target = (PyObject **)((char *)copy + at);
        Py_XDECREF(*target);
        *target = line; /* the reference taken above */
        Py_DECREF(obj);
        PyList_SET_ITEM(out, i, copy);
    }
    return out;
}

/* shares_values(olds, news, slot) -> list of bools: for each pair, whether both are records of
 * the class of ``slot`` (the line's member descriptor) holding the very same object in every
 * slot but the line; such records are equal (``line`` is not part of equality). False says
 * nothing: the caller compares them. */
static PyObject *shares_values(PyObject *Py_UNUSED(self), PyObject *args) {
    PyObject *olds, *news, *slot;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyList_Type, &olds, &PyList_Type, &news,
                          &PyMemberDescr_Type, &slot))
        return NULL;
    PyMemberDescrObject *descr = (PyMemberDescrObject *)slot;
    PyTypeObject *tp = record_class(slot, "shares_values");
    if (tp == NULL) return NULL;
    PyMemberDef *members = tp->tp_members;
    Py_ssize_t n = PyList_GET_SIZE(olds);
    if (PyList_GET_SIZE(news) != n) {
        PyErr_SetString(PyExc_ValueError, "shares_values: bad arguments");
        return NULL;
    }
    PyObject *out = PyList_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *a = PyList_GET_ITEM(olds, i), *b = PyList_GET_ITEM(news, i);
        int same = Py_TYPE(a) == tp && Py_TYPE(b) == tp;
        for (PyMemberDef *m = members; same && m->name != NULL; m++) {
            if (m->offset == descr->d_member->offset) continue;
            if (m->type != T_OBJECT_EX) same = 0;
            else same = *(PyObject **)((char *)a + m->offset) == *(PyObject **)((char *)b + m->offset);
        }
        PyObject *flag = same ? Py_True : Py_False;
        Py_INCREF(flag);
        PyList_SET_ITEM(out, i, flag);
    }
    return out;
}

/* Records as rows and back: the cache's compact encoding (rows.py is the specification, and
 * its Python forms the fallback; tests/test_rows.py checks that both agree).
 *
 * A plan is (slots, subplans): the member descriptors of one record class, in the order of the
 * row's values (every slot of the class once), and for each value None (kept as it is) or
 * (kind, plan): kind 0, the value is one record of that plan (or None), kind 1, a tuple of them.
 *
 * from_rows(rows, plan) -> list of records, each made without its __init__ (rows.py refuses
 *   classes whose __init__ does more than set the values)
 * to_rows(records, plan) -> list of rows, each a tuple */
#define PLAN_DEPTH 4
/* At most this many plans in all (Entry's has 3): a plan may name one subplan many times, and
 * each is made once per place, so without a bound a small plan could ask for billions. Both
 * bounds are rows.py's MAX_DEPTH and MAX_PLANS, which refuses a Plan beyond them. */
#define PLAN_NODES 64
typedef struct Plan {
    PyTypeObject *tp;
    Py_ssize_t n;
    Py_ssize_t *offsets;
    int *kinds; /* -1: as it is; 0: one record (or None); 1: a tuple of records */
    struct Plan **subs;
} Plan;

static void plan_free(Plan *p) {
    if (p == NULL) return;
    if (p->subs != NULL)
        for (Py_ssize_t i = 0; i < p->n; i++) plan_free(p->subs[i]);
    PyMem_Free(p->offsets);
    PyMem_Free(p->kinds);
    PyMem_Free(p->subs);
    PyMem_Free(p);
}

static Plan *plan_of(PyObject *spec, int depth, int *budget) {
    if (--*budget < 0) {
        PyErr_SetString(PyExc_TypeError, "rows: a plan of too many records");
        return NULL;
    }
    if (depth > PLAN_DEPTH || !PyTuple_CheckExact(spec) || PyTuple_GET_SIZE(spec) != 2 ||
        !PyTuple_CheckExact(PyTuple_GET_ITEM(spec, 0)) ||
        !PyTuple_CheckExact(PyTuple_GET_ITEM(spec, 1))) {
        PyErr_SetString(PyExc_TypeError, "rows: a plan is (slots, subplans)");
        return NULL;
    }
    PyObject *slots = PyTuple_GET_ITEM(spec, 0), *subs = PyTuple_GET_ITEM(spec, 1);
    Py_ssize_t n = PyTuple_GET_SIZE(slots);
    if (n == 0 || PyTuple_GET_SIZE(subs) != n) {
        PyErr_SetString(PyExc_TypeError, "rows: a plan is (slots, subplans)");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!Py_IS_TYPE(PyTuple_GET_ITEM(slots, i), &PyMemberDescr_Type)) {
            PyErr_SetString(PyExc_TypeError, "rows: a slot that is not a member descriptor");
            return NULL;
        }
    }
    PyTypeObject *tp = record_class(PyTuple_GET_ITEM(slots, 0), "rows");
    if (tp == NULL) return NULL;
    Py_ssize_t members = 0;
    for (PyMemberDef *m = tp->tp_members; m->name != NULL; m++) members++;
    if (members != n) {
        PyErr_SetString(PyExc_TypeError, "rows: a plan names every slot of its class once");
        return NULL;
    }
    Plan *p = PyMem_Calloc(1, sizeof(Plan));
    if (p == NULL) return (Plan *)PyErr_NoMemory();
    p->tp = tp;
    p->n = n;
    p->offsets = PyMem_Calloc((size_t)n, sizeof(Py_ssize_t));
    p->kinds = PyMem_Calloc((size_t)n, sizeof(int));
    p->subs = PyMem_Calloc((size_t)n, sizeof(Plan *));
    if (p->offsets == NULL || p->kinds == NULL || p->subs == NULL) {
        plan_free(p);
        return (Plan *)PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyMemberDescrObject *d = (PyMemberDescrObject *)PyTuple_GET_ITEM(slots, i);
        p->offsets[i] = d->d_member->offset;
        int duplicate = 0;
        for (Py_ssize_t j = 0; j < i; j++) duplicate |= p->offsets[j] == p->offsets[i];
        if (d->d_common.d_type != tp || d->d_member->type != T_OBJECT_EX || duplicate) {
            PyErr_SetString(PyExc_TypeError, "rows: a plan names every slot of its class once");
            plan_free(p);
            return NULL;
        }
        PyObject *sub = PyTuple_GET_ITEM(subs, i);
        p->kinds[i] = -1;
        if (sub == Py_None) continue;
        long kind = -1;
        if (PyTuple_CheckExact(sub) && PyTuple_GET_SIZE(sub) == 2 &&
            PyLong_CheckExact(PyTuple_GET_ITEM(sub, 0)))
            kind = PyLong_AsLong(PyTuple_GET_ITEM(sub, 0));
        if (kind != 0 && kind != 1) {
            PyErr_Clear();
            PyErr_SetString(PyExc_TypeError, "rows: a subplan is None or (0 or 1, plan)");
            plan_free(p);
            return NULL;
        }
        p->kinds[i] = (int)kind;
        p->subs[i] = plan_of(PyTuple_GET_ITEM(sub, 1), depth + 1, budget);
        if (p->subs[i] == NULL) {
            plan_free(p);
            return NULL;
        }
    }
    return p;
}

/* A tuple of ``turn`` of each item of the tuple ``items`` (the records within a row, or the rows
 * within a record: kind 1); ``message`` when ``items`` is not a tuple. */
static PyObject *each_of(Plan *p, PyObject *items, PyObject *(*turn)(Plan *, PyObject *),
                         const char *message) {
    if (!PyTuple_CheckExact(items)) {
        PyErr_SetString(PyExc_TypeError, message);
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(items);
    PyObject *out = PyTuple_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *made = turn(p, PyTuple_GET_ITEM(items, i));
        if (made == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, made);
    }
    return out;
}

/* The record of one row (a new reference); the row is held by the caller. */
static PyObject *record_of(Plan *p, PyObject *row) {
    if (!PyTuple_CheckExact(row) || PyTuple_GET_SIZE(row) != p->n) {
        PyErr_SetString(PyExc_TypeError, "from_rows: a row is a tuple of every value");
        return NULL;
    }
    PyObject *obj = p->tp->tp_alloc(p->tp, 0);
    if (obj == NULL) return NULL;
    for (Py_ssize_t i = 0; i < p->n; i++) {
        PyObject *value = PyTuple_GET_ITEM(row, i);
        if (p->kinds[i] < 0 || value == Py_None) {
            Py_INCREF(value);
        } else {
            value = p->kinds[i] == 0
                        ? record_of(p->subs[i], value)
                        : each_of(p->subs[i], value, record_of,
                                  "from_rows: records within a row are a tuple");
            if (value == NULL) {
                Py_DECREF(obj); /* its slots not yet set are NULL, as deallocation allows */
                return NULL;
            }
        }
        *(PyObject **)((char *)obj + p->offsets[i]) = value;
    }
    return obj;
}

/* The row of one record (a new reference); the record is held by the caller. */
static PyObject *row_of(Plan *p, PyObject *record) {
    if (!Py_IS_TYPE(record, p->tp)) {
        PyErr_SetString(PyExc_TypeError, "to_rows: a record of another class");
        return NULL;
    }
    PyObject *row = PyTuple_New(p->n);
    if (row == NULL) return NULL;
    for (Py_ssize_t i = 0; i < p->n; i++) {
        PyObject *value = *(PyObject **)((char *)record + p->offsets[i]);
        if (value == NULL) {
            Py_DECREF(row);
            PyErr_SetString(PyExc_AttributeError, "to_rows: a record with a value unset");
            return NULL;
        }
        if (p->kinds[i] < 0 || value == Py_None) {
            Py_INCREF(value);
        } else {
            Py_INCREF(value); /* held while its rows are made (each may run the collector) */
            PyObject *made = p->kinds[i] == 0
                                 ? row_of(p->subs[i], value)
                                 : each_of(p->subs[i], value, row_of,
                                           "to_rows: records within a record are a tuple");
            Py_DECREF(value);
            if (made == NULL) {
                Py_DECREF(row);
                return NULL;
            }
            value = made;
        }
        PyTuple_SET_ITEM(row, i, value);
    }
    return row;
}

/* from_rows and to_rows: one loop over a list, each item held while it is turned. */
static PyObject *map_plan(PyObject *args, const char *name, PyObject *(*turn)(Plan *, PyObject *)) {
    PyObject *items, *spec;
    if (!PyArg_ParseTuple(args, "O!O", &PyList_Type, &items, &spec)) return NULL;
    int budget = PLAN_NODES;
    Plan *p = plan_of(spec, 0, &budget);
    if (p == NULL) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(items);
    PyObject *out = PyList_New(n);
    if (out == NULL) {
        plan_free(p);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        /* An allocation may run the collector, and a finalizer may change the list. */
        if (PyList_GET_SIZE(items) != n) {
            PyErr_Format(PyExc_RuntimeError, "%s: the list changed size", name);
            Py_DECREF(out);
            plan_free(p);
            return NULL;
        }
        PyObject *item = PyList_GET_ITEM(items, i);
        Py_INCREF(item);
        PyObject *made = turn(p, item);
        Py_DECREF(item);
        if (made == NULL) {
            Py_DECREF(out);
            plan_free(p);
            return NULL;
        }
        PyList_SET_ITEM(out, i, made);
    }
    plan_free(p);
    return out;
}

static PyObject *from_rows(PyObject *Py_UNUSED(self), PyObject *args) {
    return map_plan(args, "from_rows", record_of);
}

static PyObject *to_rows(PyObject *Py_UNUSED(self), PyObject *args) {
    return map_plan(args, "to_rows", row_of);
}

/* The loops of incremental.py over a snapshot's text (that module is the specification, and
 * its Python forms the fallback; tests/test_incremental.py checks that both agree).
 *
 * cut_items(data, first, first_line, indent) -> (starts, lines, end, end_line)
 *   from offset ``first`` (an item's dash at column ``indent``, on line ``first_line``): the
 *   offset and line of every item, up to the first line that is neither an item at that
 *   column, nor indented deeper, nor empty (``end``: the offset after the line break before
 *   it, else len(data); ``end_line``: its line, else 0). */
static PyObject *cut_items(PyObject *Py_UNUSED(self), PyObject *args) {
    Py_buffer view;
    Py_ssize_t first, indent;
    Py_ssize_t line;
    if (!PyArg_ParseTuple(args, "y*nnn", &view, &first, &line, &indent)) return NULL;
    const char *data = view.buf;
    Py_ssize_t size = view.len;
    PyObject *starts = PyList_New(0), *lines = PyList_New(0), *item = NULL;
    Py_ssize_t end = size;
    Py_ssize_t end_line = 0;
    if (starts == NULL || lines == NULL) goto fail;
    /* Each line break counts one line: the count must not pass PY_SSIZE_T_MAX. */
    if (first < 0 || first > size || indent < 0 || line < 0 || line > PY_SSIZE_T_MAX - size) {
        PyErr_SetString(PyExc_ValueError, "cut_items: bad start");
        goto fail;
    }
    item = PyLong_FromSsize_t(first);
    if (item == NULL || PyList_Append(starts, item) < 0) goto fail;
    Py_CLEAR(item);
    item = PyLong_FromSsize_t(line);
    if (item == NULL || PyList_Append(lines, item) < 0) goto fail;
    Py_CLEAR(item);
    Py_ssize_t at = first;
    for (;;) {
        const char *found = memchr(data + at, '\n', (size_t)(size - at));
        if (found == NULL) break;
        Py_ssize_t q = found - data;
        line++;
        Py_ssize_t next = q + 1, spaces = 0;
        while (next + spaces < size && spaces <= indent && data[next + spaces] == ' ') spaces++;
        if (spaces == indent && next + indent + 1 < size && data[next + indent] == '-' &&
            data[next + indent + 1] == ' ') {
            item = PyLong_FromSsize_t(next);
            if (item == NULL || PyList_Append(starts, item) < 0) goto fail;
            Py_CLEAR(item);
            item = PyLong_FromSsize_t(line);
            if (item == NULL || PyList_Append(lines, item) < 0) goto fail;
            Py_CLEAR(item);
        } else if (spaces <= indent && !(next < size && data[next] == '\n')) {
            end = next; /* neither an item, nor deeper, nor empty */
            end_line = end < size ? line : 0;
            break;
        }
        at = next;
    }
    PyBuffer_Release(&view);
    return Py_BuildValue("(NNnn)", starts, lines, end, end_line);
fail:
    PyBuffer_Release(&view);
    Py_XDECREF(item);
    Py_XDECREF(starts);
    Py_XDECREF(lines);
    return NULL;
}

/* skeleton_text(data, starts, end, digests, known, placeholder) -> (text, replaced)
 *   incremental.skeleton: each piece whose digest is in ``known`` replaced by ``placeholder``
 *   and as many line breaks as the piece had; the other pieces and the text around kept. */
static PyObject *skeleton_text(PyObject *Py_UNUSED(self), PyObject *args) {
    Py_buffer view, hold;
    PyObject *starts, *digests, *known;
    Py_ssize_t end;
    if (!PyArg_ParseTuple(args, "y*O!nO!Oy*", &view, &PyList_Type, &starts, &end, &PyList_Type,
                          &digests, &known, &hold))
        return NULL;
    const char *data = view.buf;
    Py_ssize_t n = PyList_GET_SIZE(starts);
    PyObject *replaced = PyList_New(0), *item = NULL;
    char *out = NULL;
    if (replaced == NULL) goto fail;
    if (PyList_GET_SIZE(digests) != n || n == 0 || end > view.len || end < 0) {
        PyErr_SetString(PyExc_ValueError, "skeleton_text: bad cut");
        goto fail;
    }
    /* Each piece grows by at most the placeholder's length. */
    if (hold.len > (PY_SSIZE_T_MAX - view.len) / (n + 1)) {
        PyErr_NoMemory();
        goto fail;
    }
    out = PyMem_Malloc((size_t)(view.len + (n + 1) * hold.len + 1));
    if (out == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    Py_ssize_t first = PyLong_AsSsize_t(PyList_GET_ITEM(starts, 0));
    if (first < 0 || first > end) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "skeleton_text: bad cut");
        goto fail;
    }
    memcpy(out, data, (size_t)first);
    Py_ssize_t size = first;
    /* Each piece starts where the one before ends (read once: the buffer is sized for pieces
     * that do not overlap). ``known`` may run code, and an allocation the collector: both may
     * change the lists, so their sizes are checked again before each read. */
    Py_ssize_t a = first;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_GET_SIZE(starts) != n || PyList_GET_SIZE(digests) != n) {
            PyErr_SetString(PyExc_RuntimeError, "skeleton_text: a list changed size");
            goto fail;
        }
        Py_ssize_t b = i + 1 < n ? PyLong_AsSsize_t(PyList_GET_ITEM(starts, i + 1)) : end;
        if (b < a || b > end) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "skeleton_text: bad cut");
            goto fail;
        }
        PyObject *name = PyList_GET_ITEM(digests, i);
        Py_INCREF(name);
        int is_known = PySequence_Contains(known, name);
        Py_DECREF(name);
        if (is_known < 0) goto fail;
        Py_ssize_t breaks = 0;
        if (is_known) {
            for (const char *c = data + a; (c = memchr(c, '\n', (size_t)(data + b - c))) != NULL; c++)
                breaks++;
        }
        if (is_known) {
            memcpy(out + size, hold.buf, (size_t)hold.len);
            size += hold.len;
            memset(out + size, '\n', (size_t)breaks);
            size += breaks;
            item = PyLong_FromSsize_t(i);
            if (item == NULL || PyList_Append(replaced, item) < 0) goto fail;
            Py_CLEAR(item);
        } else {
            memcpy(out + size, data + a, (size_t)(b - a));
            size += b - a;
        }
        a = b;
    }
    memcpy(out + size, data + end, (size_t)(view.len - end));
    size += view.len - end;
    PyObject *text = PyBytes_FromStringAndSize(out, size);
    PyMem_Free(out);
    PyBuffer_Release(&view);
    PyBuffer_Release(&hold);
    if (text == NULL) {
        Py_DECREF(replaced);
        return NULL;
    }
    return Py_BuildValue("(NN)", text, replaced);
fail:
    PyMem_Free(out);
    PyBuffer_Release(&view);
    PyBuffer_Release(&hold);
    Py_XDECREF(item);
    Py_XDECREF(replaced);
    return NULL;
}

static PyMethodDef methods[] = {
    {"build", build, METH_VARARGS, "Build yamlio's tree of one file from libyaml's events."},
    {"relined", relined, METH_VARARGS, "Records at other lines (see load.relined)."},
    {"shares_values", shares_values, METH_VARARGS, "Records sharing every value but the line."},
    {"cut_items", cut_items, METH_VARARGS, "The loop of incremental.cut."},
    {"skeleton_text", skeleton_text, METH_VARARGS, "The loop of incremental.skeleton."},
    {"from_rows", from_rows, METH_VARARGS, "Records of rows (see rows.py)."},
    {"to_rows", to_rows, METH_VARARGS, "Rows of records (see rows.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_yamltree", "yamlio's reader, compiled (see yamlio.py).", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__yamltree(void) {
    s_line = PyUnicode_InternFromString("line");
    s_key_lines = PyUnicode_InternFromString("key_lines");
    s_item_lines = PyUnicode_InternFromString("item_lines");
    s_empty_tuple = PyTuple_New(0);
    if (s_line == NULL || s_key_lines == NULL || s_item_lines == NULL || s_empty_tuple == NULL)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddStringConstant(m, "libyaml_version", yaml_get_version_string()) < 0 ||
        PyModule_AddStringConstant(m, "source_sha256", YAMLTREE_SOURCE_SHA256) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
