/* SPDX-License-Identifier: ISC */

/*
 * Checked allocation for liblinear.  liblinear uses what malloc and
 * realloc return without looking (a NULL is written through), and its
 * operator new throws std::bad_alloc, which nothing catches in a C
 * program: out of memory inside train() was a segmentation fault or an
 * abort.  The Makefile links liblinear's static library into one object
 * with `ld -r --wrap=malloc --wrap=realloc ...` together with this file,
 * so that liblinear's calls, and only those, come here: an allocation
 * that fails ends the command as every other one does, with
 * "prog: out of memory" and status 2 (xf_nomem).
 *
 * Not in libxf.a: it exists only inside that object.  The operator new
 * wrappers call libstdc++'s nothrow operator new (it returns NULL instead
 * of throwing), so what they return pairs with liblinear's delete, and
 * AddressSanitizer still sees new matched with delete.  Mangled names:
 * _ZnwmRKSt9nothrow_t is operator new(size_t, const std::nothrow_t &),
 * _ZnamRKSt9nothrow_t the same for new[], _ZSt7nothrow is std::nothrow.
 */

#include <stddef.h>

#include "xf.h"

void	*__real_malloc(size_t);
void	*__real_calloc(size_t, size_t);
void	*__real_realloc(void *, size_t);
void	*__wrap_malloc(size_t);
void	*__wrap_calloc(size_t, size_t);
void	*__wrap_realloc(void *, size_t);
void	*__wrap__Znwm(size_t);
void	*__wrap__Znam(size_t);
void	*_ZnwmRKSt9nothrow_t(size_t, const void *);
void	*_ZnamRKSt9nothrow_t(size_t, const void *);
extern const char _ZSt7nothrow;

void *
__wrap_malloc(size_t n)
{
	void *p;

	if ((p = __real_malloc(n == 0 ? 1 : n)) == NULL)
		xf_nomem();
	return p;
}

void *
__wrap_calloc(size_t n, size_t size)
{
	void *p;

	if ((p = __real_calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		xf_nomem();
	return p;
}

void *
__wrap_realloc(void *old, size_t n)
{
	void *p;

	if ((p = __real_realloc(old, n == 0 ? 1 : n)) == NULL)
		xf_nomem();
	return p;
}

/* operator new(size_t) */
void *
__wrap__Znwm(size_t n)
{
	void *p;

	if ((p = _ZnwmRKSt9nothrow_t(n, &_ZSt7nothrow)) == NULL)
		xf_nomem();
	return p;
}

/* operator new[](size_t) */
void *
__wrap__Znam(size_t n)
{
	void *p;

	if ((p = _ZnamRKSt9nothrow_t(n, &_ZSt7nothrow)) == NULL)
		xf_nomem();
	return p;
}
