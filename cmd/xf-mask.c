/* SPDX-License-Identifier: ISC */

/*
 * xf-mask: hide the personal data in a CSV file so that it can leave the
 * office.  Columns named as names, ID numbers or phone numbers are masked
 * by type (张**, 222401********123X, 138****5678); columns named as text
 * are searched for ID numbers, mobile and landline numbers, bank card
 * numbers and e-mail addresses (lib/pii.h), and for the names of the same
 * record; columns named to be dropped are left out.  Instead of a mask, a
 * value can get a pseudonym, a keyed hash that stays the same from run to
 * run with the same key file (lib/pseudo.h), so that the shared data can
 * still be joined and counted.  Every other column passes unchanged.
 */

#include <getopt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "csvin.h"
#include "csvout.h"
#include "input.h"
#include "output.h"
#include "person.h"
#include "pii.h"
#include "pseudo.h"
#include "rejects.h"
#include "xf.h"

#define MAXLIST	32

/* What xf-mask does to a column. */
enum role {
	R_NONE,
	R_NAME,
	R_ID,
	R_PHONE,
	R_TEXT,
	R_NROLES
};

/* The option that gives each role, for messages. */
static const char *const roleopt[R_NROLES] = {
	"", "-N", "-i", "-p", "-t"
};

enum mode {
	M_PARTIAL,
	M_FULL,
	M_PSEUDO
};

/* A list of column names from the command line. */
struct list {
	char	*name[MAXLIST];
	size_t	 n;
};

struct options {
	struct xf_cli	 cli;
	struct list	 cols[R_NROLES];	/* by role; R_NONE unused */
	struct list	 drop;
	enum mode	 mode;
	int		 modeset;
	const char	*keyfile;
	const char	*newkey;
	int		 anyid;
	long long	 longdigits;
	int		 summary;
};

/* A growing byte buffer. */
struct buf {
	char	*s;
	size_t	 len, cap;
};

/* Matches found in one text field. */
struct mvec {
	struct xf_pii_match *m;
	size_t	 n, cap;
};

/* A name of the current record: a span of one of its fields. */
struct name {
	const char *s;
	size_t	 len;
};

struct run {
	const struct options *opt;
	struct xf_pseudo *ps;
	struct xf_csvout *out;
	struct xf_rejects *rej;
	struct xf_header *hdr;
	enum role	*role;		/* per column of the current input */
	char		*drop;		/* per column: 1 to leave it out */
	size_t		 ncol;
	struct buf	 field;		/* the field being built */
	struct mvec	 mv;
	struct name	*names;
	size_t		 nnames, capnames;
	char		 known[MAXLIST][XF_PII_CANONSZ];
	const char	*knownp[MAXLIST];
	size_t		 nknown;
	unsigned long long records;
	unsigned long long colcount[R_NROLES];	/* values masked by role */
	unsigned long long textcount[XF_PII_NAME + 1];	/* by kind */
};

static const char usage_line[] =
    "usage: xf-mask [-ahsV] [-d delim] [-i cols] [-K newkey] [-k keyfile] "
    "[-l digits] [-m mode] [-N cols] [-o file] [-p cols] [-t cols] "
    "[-x cols] [file ...]";

static const struct option longopts[] = {
	{ "any-id",		no_argument,		NULL,	'a' },
	{ "drop",		required_argument,	NULL,	'x' },
	{ "help",		no_argument,		NULL,	'h' },
	{ "id",			required_argument,	NULL,	'i' },
	{ "key-file",		required_argument,	NULL,	'k' },
	{ "long-digits",	required_argument,	NULL,	'l' },
	{ "mode",		required_argument,	NULL,	'm' },
	{ "name",		required_argument,	NULL,	'N' },
	{ "new-key",		required_argument,	NULL,	'K' },
	{ "phone",		required_argument,	NULL,	'p' },
	{ "pseudonymize",	required_argument,	NULL,	'k' },
	{ "summary",		no_argument,		NULL,	's' },
	{ "text",		required_argument,	NULL,	't' },
	{ "version",		no_argument,		NULL,	'V' },
	XF_CLI_LONGOPTS,
	{ NULL,			0,			NULL,	0 }
};

static void	help(void) __attribute__((noreturn));

static void
help(void)
{
	printf("%s\n\n", usage_line);
	fputs("Mask or pseudonymise personal data in named columns and in "
	    "free text.\n\n"
	    "  -N, --name=COLS         names: 张**, 欧阳**; also hidden where "
	    "they occur\n"
	    "                          in the record's text columns\n"
	    "  -i, --id=COLS           ID numbers: 222401********123X\n"
	    "  -p, --phone=COLS        phone numbers: 138****5678, "
	    "0433-****955\n"
	    "  -t, --text=COLS         free text: ID, mobile, landline, bank "
	    "card numbers,\n"
	    "                          e-mail addresses, and the names of -N\n"
	    "  -x, --drop=COLS         leave these columns out\n"
	    "  -m, --mode=MODE         partial (default), full (every "
	    "character *) or\n"
	    "                          pseudonym (p_ and 16 hex digits; needs "
	    "-k)\n"
	    "  -k, --key-file=FILE     key for pseudonyms (implies -m "
	    "pseudonym);\n"
	    "      --pseudonymize=FILE the same\n"
	    "  -K, --new-key=FILE      write a new random key file (mode 0600) "
	    "and exit\n"
	    "  -a, --any-id            in text, every 18-character ID-shaped "
	    "number is an ID\n"
	    "  -l, --long-digits=N     in text, hide any other run of N or "
	    "more digits\n"
	    "  -s, --summary           print what was masked, by kind, at the "
	    "end\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n"
	    XF_CLI_HELP
	    "\nCOLS is a comma-separated list of column headers; name, "
	    "id_number, phone,\n"
	    "subject and content also find their Chinese headers (姓名, "
	    "身份证号, ...).\n"
	    "Without -N, -i, -p and -t: name, id_number and phone are "
	    "masked by type\n"
	    "and subject and content as text, those of them the file has.\n"
	    "\nExample:\n"
	    "  xf-mask -K office.key\n"
	    "  xf-mask -k office.key -x channel petitions.csv > shared.csv\n"
	    "\nSee xf-mask(1).\n", stdout);
	exit(xf_finish(XF_EXIT_OK));
}

/* Split a comma-separated list of column names into l (in place). */
static int
split_list(const char *opt, char *arg, struct list *l)
{
	return xf_cli_split_list(opt, arg, l->name, &l->n, MAXLIST);
}

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->cap - b->len < n) {
		while (b->cap - b->len < n)
			b->cap = b->cap ? b->cap * 2 : 256;
		b->s = xf_reallocarray(b->s, b->cap, 1);
	}
	if (n > 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
}

/* Make room for n more bytes and return where they go. */
static char *
buf_room(struct buf *b, size_t n)
{
	if (b->cap - b->len < n) {
		while (b->cap - b->len < n)
			b->cap = b->cap ? b->cap * 2 : 256;
		b->s = xf_reallocarray(b->s, b->cap, 1);
	}
	return b->s + b->len;
}

/*
 * The pseudonym tag of a match: what it is, so that a phone number in a
 * column and the same number in a text get the same pseudonym.
 */
static const char *
tag_of(enum role role, enum xf_pii_kind kind)
{
	if (role == R_ID || kind == XF_PII_ID)
		return "id";
	if (role == R_PHONE || kind == XF_PII_MOBILE ||
	    kind == XF_PII_LANDLINE)
		return "phone";
	if (role == R_NAME || kind == XF_PII_NAME)
		return "name";
	return xf_pii_kind_name(kind);
}

/*
 * Append the masked form of match m of the field s to b, as the mode
 * says.  role is the column's (R_TEXT for a match found in text).
 */
static void
put_mask(struct run *r, struct buf *b, const char *s,
    const struct xf_pii_match *m, enum role role)
{
	char ps[XF_PSEUDO_STRSZ];
	size_t n = m->end - m->start;
	enum mode mode;
	char *to;

	/*
	 * A column value that is no usable number (an ID number with an
	 * impossible date, a service number) gets no pseudonym: xf-repeat
	 * would take one for a person.  Every digit of it is masked.
	 */
	mode = r->opt->mode;
	if (mode == M_PSEUDO && role != R_TEXT && m->kind == XF_PII_NUMBER)
		mode = M_PARTIAL;
	switch (mode) {
	case M_PARTIAL:
		to = buf_room(b, n);
		b->len += xf_pii_mask_partial(s, m, to);
		break;
	case M_FULL:
		to = buf_room(b, n);
		b->len += xf_pii_mask_full(s, m, to);
		break;
	case M_PSEUDO:
		xf_pseudo_make(r->ps, tag_of(role, m->kind), m->canon,
		    strlen(m->canon), ps);
		buf_add(b, ps, XF_PSEUDO_STRSZ - 1);
		break;
	}
}

/* A cell of a name, ID or phone column, masked into r->field. */
static void
mask_cell(struct run *r, enum role role, const char *s, size_t n)
{
	struct xf_pii_match m;
	size_t pos = 0, last = 0;
	int found;

	r->field.len = 0;
	if (role == R_NAME) {
		while (xf_pii_next_name(s, n, &pos, &m)) {
			if (!xf_person_name_usable(m.canon, strlen(m.canon)))
				continue;	/* 匿名, 张某, 王女士 */
			buf_add(&r->field, s + last, m.start - last);
			put_mask(r, &r->field, s, &m, role);
			last = m.end;
			r->colcount[role]++;
		}
		buf_add(&r->field, s + last, n - last);
		return;
	}
	found = role == R_ID ? xf_pii_id_value(s, n, &m) :
	    xf_pii_phone_value(s, n, &m);
	if (!found) {
		buf_add(&r->field, s, n);
		return;
	}
	r->colcount[role]++;
	buf_add(&r->field, s, m.start);
	put_mask(r, &r->field, s, &m, role);
	buf_add(&r->field, s + m.end, n - m.end);
}

static int
collect(void *arg, const struct xf_pii_match *m)
{
	struct mvec *v = arg;

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->m = xf_reallocarray(v->m, v->cap, sizeof(*v->m));
	}
	v->m[v->n++] = *m;
	return 0;
}

/* Earlier first; at the same start, the longer first. */
static int
bystart(const void *a, const void *b)
{
	const struct xf_pii_match *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return 0;
}

/* A free-text cell, with what it holds masked, into r->field. */
static void
mask_text(struct run *r, const char *s, size_t n)
{
	const struct options *opt = r->opt;
	struct xf_pii_opt po;
	struct xf_pii_match m;
	size_t i, k, from, last = 0;

	memset(&po, 0, sizeof(po));
	po.anyid = opt->anyid;
	po.longdigits = (size_t)opt->longdigits;
	po.known = r->knownp;
	po.nknown = r->nknown;
	r->mv.n = 0;
	xf_pii_scan(s, n, &po, collect, &r->mv);
	for (i = 0; i < r->nnames; i++)
		for (from = 0; xf_pii_find_name(s, n, from, r->names[i].s,
		    r->names[i].len, &m); from = m.end)
			collect(&r->mv, &m);
	if (r->mv.n > 1)
		qsort(r->mv.m, r->mv.n, sizeof(*r->mv.m), bystart);

	r->field.len = 0;
	for (k = 0; k < r->mv.n; k++) {
		const struct xf_pii_match *mm = &r->mv.m[k];

		if (mm->start < last)
			continue;	/* overlaps one already masked */
		buf_add(&r->field, s + last, mm->start - last);
		put_mask(r, &r->field, s, mm, R_TEXT);
		last = mm->end;
		r->textcount[mm->kind]++;
	}
	buf_add(&r->field, s + last, n - last);
}

/* Names and ID numbers of the record, for its text columns. */
static void
record_people(struct run *r, const struct xf_row *row)
{
	struct xf_pii_match m;
	size_t i, pos;

	r->nnames = 0;
	r->nknown = 0;
	for (i = 0; i < row->nfield && i < r->ncol; i++) {
		if (r->role[i] == R_NAME)
			for (pos = 0; xf_pii_next_name(row->field[i],
			    row->len[i], &pos, &m); ) {
				if (!xf_person_name_usable(m.canon,
				    strlen(m.canon)))
					continue;
				if (r->nnames == r->capnames) {
					r->capnames = r->capnames ?
					    r->capnames * 2 : 8;
					r->names = xf_reallocarray(r->names,
					    r->capnames, sizeof(*r->names));
				}
				r->names[r->nnames].s = row->field[i] + m.start;
				r->names[r->nnames].len = m.end - m.start;
				r->nnames++;
			}
		if (r->role[i] == R_ID && r->nknown < MAXLIST &&
		    xf_pii_id_value(row->field[i], row->len[i], &m) &&
		    m.kind == XF_PII_ID) {
			memcpy(r->known[r->nknown], m.canon,
			    strlen(m.canon) + 1);
			r->knownp[r->nknown] = r->known[r->nknown];
			r->nknown++;
		}
	}
}

static void
mask_row(struct run *r, const struct xf_row *row)
{
	size_t i;
	enum role role;

	record_people(r, row);
	for (i = 0; i < row->nfield; i++) {
		if (r->drop[i])
			continue;
		role = r->role[i];
		if (role == R_NONE) {
			xf_csvout_field(r->out, row->field[i], row->len[i]);
			continue;
		}
		if (role == R_TEXT)
			mask_text(r, row->field[i], row->len[i]);
		else
			mask_cell(r, role, row->field[i], row->len[i]);
		xf_csvout_field(r->out, r->field.s != NULL ? r->field.s : "",
		    r->field.len);
	}
	xf_csvout_end(r->out);
}

/*
 * Give a role to the column named NAME; returns -1 (status 2) if it is
 * missing or already has another role.
 */
static int
assign(struct run *r, const struct xf_row *hdr, const char *name,
    const char *file, enum role role)
{
	long k;

	if ((k = xf_col_need(hdr, name, &r->opt->cli.cols, file)) == -1)
		return -1;
	if (r->role[k] != R_NONE && r->role[k] != role) {
		xf_warnat(file, hdr->line, "column '%s' is given to both %s "
		    "and %s", hdr->field[k], roleopt[r->role[k]],
		    roleopt[role]);
		return -1;
	}
	r->role[k] = role;
	return 0;
}

/*
 * The roles of the columns of one input, from its header.  Returns 0,
 * or -1 when a column is missing or given two roles (status 2).
 */
static int
find_columns(struct run *r, const struct xf_row *hdr, const char *file)
{
	static const struct {
		const char *name;
		enum role role;
	} defaults[] = {
		{ "name", R_NAME }, { "id_number", R_ID }, { "phone", R_PHONE },
		{ "subject", R_TEXT }, { "content", R_TEXT }
	};
	const struct options *opt = r->opt;
	size_t i, j, any = 0;
	long k;

	free(r->role);
	free(r->drop);
	r->ncol = hdr->nfield;
	r->role = xf_calloc(r->ncol, sizeof(*r->role));
	r->drop = xf_calloc(r->ncol, 1);
	for (i = 1; i < R_NROLES; i++) {
		for (j = 0; j < opt->cols[i].n; j++)
			if (assign(r, hdr, opt->cols[i].name[j], file,
			    (enum role)i) == -1)
				return -1;
		any += opt->cols[i].n;
	}
	for (j = 0; j < opt->drop.n; j++) {
		if ((k = xf_col_need(hdr, opt->drop.name[j], &opt->cli.cols,
		    file)) == -1)
			return -1;
		r->drop[k] = 1;
	}
	if (any > 0)
		return 0;

	/*
	 * No column named for masking (-x alone does not count, so that
	 * dropping a column never turns the masks off): the petition
	 * columns that are there, except dropped ones.
	 */
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if ((k = xf_col_find(hdr, defaults[i].name,
		    &opt->cli.cols)) != -1 && r->role[k] == R_NONE) {
			r->role[k] = defaults[i].role;
			any++;
		}
	if (any == 0 && opt->drop.n == 0) {
		xf_warnat(file, hdr->line, "no column to mask: none of name, "
		    "id_number, phone, subject, content is here; name columns "
		    "with -N, -i, -p or -t");
		return -1;
	}
	return 0;
}

static void
write_header(struct run *r, const struct xf_row *hdr)
{
	size_t i;

	if (r->opt->cli.bom)
		xf_csvout_bom(r->out);
	for (i = 0; i < hdr->nfield; i++)
		if (!r->drop[i])
			xf_csvout_field(r->out, hdr->field[i], hdr->len[i]);
	xf_csvout_end(r->out);
}

/* Mask one input.  Returns the exit status it deserves. */
static int
mask(struct run *r, const char *path)
{
	const struct options *opt = r->opt;
	struct xf_input in;
	struct xf_row row;

	if (xf_input_open(&in, path, &opt->cli.csv, r->rej, &r->records,
	    &row) != 1 || xf_input_same(&in, r->hdr, &row) == -1)
		return xf_input_close(&in);
	if (find_columns(r, &row, in.name) == -1) {
		in.status = XF_EXIT_FAIL;
		return xf_input_close(&in);
	}
	if (r->hdr == NULL) {
		r->hdr = xf_header_save(&row);
		xf_rejects_header(r->rej, &row);
		write_header(r, &row);
	}
	while (xf_input_next(&in, &row))
		mask_row(r, &row);
	return xf_input_close(&in);
}

static void
print_summary(const struct run *r)
{
	xf_warnx("%llu records; masked in columns: %llu name, %llu id, "
	    "%llu phone; in text: %llu id, %llu mobile, %llu landline, "
	    "%llu bank, %llu email, %llu number, %llu name", r->records,
	    r->colcount[R_NAME], r->colcount[R_ID], r->colcount[R_PHONE],
	    r->textcount[XF_PII_ID], r->textcount[XF_PII_MOBILE],
	    r->textcount[XF_PII_LANDLINE], r->textcount[XF_PII_BANK],
	    r->textcount[XF_PII_EMAIL], r->textcount[XF_PII_NUMBER],
	    r->textcount[XF_PII_NAME]);
}

static int
new_key(const char *path)
{
	const char *why;

	if (xf_pseudo_key_new(path, &why) == -1) {
		if (errno != 0)
			xf_warn("%s: %s", path, why);
		else
			xf_warnx("%s: %s", path, why);
		return XF_EXIT_FAIL;
	}
	return XF_EXIT_OK;
}

int
main(int argc, char *argv[])
{
	struct options opt;
	struct run r;
	struct xf_output *outfile;
	const char *why;
	int ch, rc, status = XF_EXIT_OK;

	argv[0] = xf_setprogname(argv[0]);
	memset(&opt, 0, sizeof(opt));
	memset(&r, 0, sizeof(r));
	xf_cli_init(&opt.cli);

	while ((ch = getopt_long(argc, argv, "ahi:K:k:l:m:N:p:st:Vx:"
	    XF_CLI_SHORT, longopts, NULL)) != -1) {
		if ((rc = xf_cli_option(&opt.cli, ch, optarg)) == 1)
			continue;
		if (rc == -1)
			xf_usage(usage_line);
		switch (ch) {
		case 'a':
			opt.anyid = 1;
			break;
		case 'h':
			help();
			/* NOTREACHED */
		case 'i':
			if (split_list("-i", optarg, &opt.cols[R_ID]) == -1)
				xf_usage(usage_line);
			break;
		case 'K':
			opt.newkey = optarg;
			break;
		case 'k':
			opt.keyfile = optarg;
			break;
		case 'l':
			if (xf_parse_count("-l", optarg, 1, 1000,
			    &opt.longdigits) == -1)
				xf_usage(usage_line);
			break;
		case 'm':
			if (strcmp(optarg, "partial") == 0)
				opt.mode = M_PARTIAL;
			else if (strcmp(optarg, "full") == 0)
				opt.mode = M_FULL;
			else if (strcmp(optarg, "pseudonym") == 0)
				opt.mode = M_PSEUDO;
			else {
				xf_warnx("-m: expected partial, full or "
				    "pseudonym: '%s'", optarg);
				xf_usage(usage_line);
			}
			opt.modeset = 1;
			break;
		case 'N':
			if (split_list("-N", optarg, &opt.cols[R_NAME]) == -1)
				xf_usage(usage_line);
			break;
		case 'p':
			if (split_list("-p", optarg, &opt.cols[R_PHONE]) == -1)
				xf_usage(usage_line);
			break;
		case 's':
			opt.summary = 1;
			break;
		case 't':
			if (split_list("-t", optarg, &opt.cols[R_TEXT]) == -1)
				xf_usage(usage_line);
			break;
		case 'V':
			xf_version();
			/* NOTREACHED */
		case 'x':
			if (split_list("-x", optarg, &opt.drop) == -1)
				xf_usage(usage_line);
			break;
		default:
			xf_usage(usage_line);
		}
	}
	argc -= optind;
	argv += optind;

	if (opt.newkey != NULL) {
		if (argc > 0 || opt.keyfile != NULL) {
			xf_warnx("-K writes a key and exits: it takes no file "
			    "and no -k");
			xf_usage(usage_line);
		}
		return xf_finish(new_key(opt.newkey));
	}
	if (opt.keyfile != NULL) {
		if (opt.modeset && opt.mode != M_PSEUDO) {
			xf_warnx("-k: a key is only used with -m pseudonym");
			xf_usage(usage_line);
		}
		opt.mode = M_PSEUDO;
	} else if (opt.mode == M_PSEUDO) {
		xf_warnx("-m pseudonym needs a key file: -k FILE (make one "
		    "with -K FILE)");
		xf_usage(usage_line);
	}
	/* A key that cannot be used is the caller's problem: 2. */
	if (opt.keyfile != NULL &&
	    (r.ps = xf_pseudo_load(opt.keyfile, &why)) == NULL) {
		if (errno != 0)
			xf_warn("%s: %s", opt.keyfile, why);
		else
			xf_warnx("%s: %s", opt.keyfile, why);
		return xf_finish(XF_EXIT_FAIL);
	}

	r.opt = &opt;
	if ((r.rej = xf_rejects_open(opt.cli.rejects)) == NULL) {
		xf_pseudo_free(r.ps);
		return xf_finish(XF_EXIT_FAIL);
	}
	if ((outfile = xf_output_open(opt.cli.output)) == NULL) {
		xf_pseudo_free(r.ps);
		return xf_finish(XF_EXIT_FAIL);
	}
	r.out = xf_csvout_new(xf_output_fp(outfile), opt.cli.outdelim,
	    opt.cli.crlf);

	if (argc == 0)
		status = mask(&r, "-");
	for (; *argv != NULL; argv++) {
		rc = mask(&r, *argv);
		status = XF_WORST(status, rc);
	}
	xf_progress_done();

	if (xf_output_finish(outfile, r.out) == -1)
		status = XF_EXIT_FAIL;
	if (xf_rejects_close(r.rej) == -1)
		status = XF_EXIT_FAIL;
	if (opt.summary)
		print_summary(&r);
	xf_pseudo_free(r.ps);
	xf_header_free(r.hdr);
	free(r.role);
	free(r.drop);
	free(r.field.s);
	free(r.mv.m);
	free(r.names);
	return xf_finish(status);
}
