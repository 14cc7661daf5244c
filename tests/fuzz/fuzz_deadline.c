/* SPDX-License-Identifier: ISC */

/*
 * libFuzzer harness for the deadline module (lib/deadline.h).  The input
 * bytes become a case (which dates it has, how far apart, the extension),
 * an as-of date, --soon and --roll-holidays, evaluated with the built-in
 * parameters and calendar; dates run from 2004 (before the 2005
 * regulation) past the calendar's last year, and sometimes up against
 * 9999-12-31.  An accepted case must keep the promises of deadline.h:
 * every started step has a due date on or after its start and after its
 * plain end, a rolled due date is a working day, the status agrees with
 * days_left and the step, an extension is cut only when over the limit,
 * and the explanation is valid UTF-8 in a buffer of any size.  Any
 * broken promise aborts.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "deadline.h"
#include "params.h"
#include "utf8.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct xf_params	 *params;
static struct xf_calendar *cal;

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_deadline: %s\n", what);
	abort();
}

/* The next input byte, or 0 when the input is used up. */
static unsigned
next(const uint8_t **p, size_t *n)
{
	if (*n == 0)
		return 0;
	(*n)--;
	return *(*p)++;
}

static void
check(const struct xf_dl_config *cfg, const struct xf_dl_case *c,
    const struct xf_dl_result *r)
{
	const struct xf_dl_due *d;
	char buf[512];
	size_t size, bad;
	int s;

	if ((unsigned)r->status >= XF_DL_NSTATUS ||
	    (unsigned)r->current >= XF_DL_NSTEP)
		fail("status or step out of range");
	if (!r->step[XF_DL_ACCEPT].set)
		fail("no accept due date");
	for (s = 0; s < XF_DL_NSTEP; s++) {
		d = &r->step[s];
		if (!d->set) {
			if (s == (int)r->current)
				fail("current step not started");
			continue;
		}
		if (s > (int)r->current)
			fail("a later step started than the current one");
		if (xf_date_diff(&d->start, &d->raw) < 0 ||
		    xf_date_diff(&d->raw, &d->due) < 0)
			fail("due date before its start or its plain end");
		if (!cfg->roll && xf_date_diff(&d->raw, &d->due) != 0)
			fail("moved without --roll-holidays");
		if (cfg->roll && xf_calendar_is_restday(cfg->cal, &d->due))
			fail("rolled due date on a rest day");
		if (xf_date_diff(&d->start, &cfg->asof) < 0)
			fail("a step started after the as-of date");
	}
	switch (r->status) {
	case XF_DL_PENDING:
	case XF_DL_ACCEPT_LATE:
		if (r->current != XF_DL_ACCEPT ||
		    (r->days_left < 0) != (r->status == XF_DL_ACCEPT_LATE))
			fail("acceptance status");
		break;
	case XF_DL_OPEN:
		if (r->current == XF_DL_ACCEPT || r->days_left <= cfg->soon)
			fail("在办");
		break;
	case XF_DL_SOON:
		if (r->current == XF_DL_ACCEPT || r->days_left < 0 ||
		    r->days_left > cfg->soon)
			fail("临期");
		break;
	case XF_DL_OVERDUE:
	case XF_DL_DONE_LATE:
		if (r->current == XF_DL_ACCEPT || r->days_left >= 0)
			fail("late status with days to spare");
		break;
	case XF_DL_DONE:
		if (r->current == XF_DL_ACCEPT || r->days_left < 0)
			fail("按期办结 with negative days");
		break;
	default:
		break;
	}
	if (r->capped && !(r->ext_given > r->ext_max &&
	    r->extended == r->ext_max && c->extended == r->ext_given))
		fail("extension cut wrongly");
	if (!r->capped && r->step[XF_DL_HANDLE].set && c->extended > 0 &&
	    r->extended != c->extended)
		fail("extension changed without a cut");
	for (size = 0; size <= sizeof(buf); size += 37) {
		xf_deadline_explain(r, buf, size);
		if (size > 0 && (strlen(buf) >= size ||
		    !xf_utf8_valid(buf, strlen(buf), &bad)))
			fail("explanation too long or not UTF-8");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xf_dl_config cfg;
	struct xf_dl_case c;
	struct xf_dl_result r;
	struct xf_date base;
	char why[1024];
	long day;
	unsigned b;
	int e;

	if (params == NULL) {
		params = xf_params_new();
		if (xf_params_defaults(params) == -1 ||
		    (cal = xf_calendar_defaults()) == NULL)
			fail("built-in tables do not load");
	}
	memset(&cfg, 0, sizeof(cfg));
	memset(&c, 0, sizeof(c));
	cfg.params = params;
	cfg.cal = cal;

	/* Received: 2004-01-01 plus up to ~24 years, or near 9999-12-31. */
	b = next(&data, &size);
	if (b == 0xff)
		day = XF_DATE_MAX_DAYS - (long)next(&data, &size);
	else
		day = 12418 + (long)((b << 8 | next(&data, &size)) % 9000);
	if (xf_date_from_days(day, &base) == -1)
		return 0;
	c.date[XF_DL_RECEIVED] = base;
	c.has[XF_DL_RECEIVED] = next(&data, &size) != 1;
	/* Each later event: present or not, and days after the one before. */
	for (e = 1; e < XF_DL_NEVENT; e++) {
		b = next(&data, &size);
		if (!(b & 1))
			continue;
		day += (long)(b >> 1) - 4;	/* sometimes before: rejected */
		if (xf_date_from_days(day, &c.date[e]) == -1)
			return 0;
		c.has[e] = 1;
	}
	b = next(&data, &size);
	c.extended = b & 0x80 ? (long)(b & 0x7f) : 0;
	b = next(&data, &size);
	cfg.roll = b & 1;
	cfg.soon = (long)(b >> 1);
	b = next(&data, &size) << 8 | next(&data, &size);
	if (xf_date_from_days(xf_date_to_days(&base) + (long)(b % 800) - 30,
	    &cfg.asof) == -1)
		return 0;

	why[0] = '\0';
	if (xf_deadline_eval(&cfg, &c, &r, why, sizeof(why)) == 0)
		check(&cfg, &c, &r);
	else if (why[0] == '\0' || strlen(why) >= sizeof(why))
		fail("rejected without a reason");
	return 0;
}
