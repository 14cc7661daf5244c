/* SPDX-License-Identifier: ISC */

/*
 * The default tables of lib/data/, compiled into the binaries.  The
 * Makefile turns lib/data/NAME.csv into build/data/NAME.c with
 * scripts/embed; each table is its file's bytes followed by a NUL that
 * the length does not count.  Read them through the loaders
 * (xf_params_defaults(), xf_calendar_defaults() in params.h) rather than
 * directly.
 */

#ifndef XF_DATA_H
#define XF_DATA_H

#include <stddef.h>

/* lib/data/holidays.csv: date,kind,name,source. */
extern const unsigned char xf_data_holidays[];
extern const size_t xf_data_holidays_len;

/* lib/data/params.csv: name,region,value,unit,effective_from,... */
extern const unsigned char xf_data_params[];
extern const size_t xf_data_params_len;

/* lib/data/rules.csv: the classification rules (see rules.h). */
extern const unsigned char xf_data_rules[];
extern const size_t xf_data_rules_len;

/* lib/data/routes.csv: category, subcategory, district to departments. */
extern const unsigned char xf_data_routes[];
extern const size_t xf_data_routes_len;

#endif /* XF_DATA_H */
