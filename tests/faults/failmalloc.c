/* SPDX-License-Identifier: ISC */

/*
 * failmalloc.so: an LD_PRELOAD shim that makes the allocator fail, to
 * test that every command survives running out of memory.
 *
 *   XF_FAILMALLOC=N        the first N allocations succeed, every later
 *                          one returns NULL with errno ENOMEM
 *   XF_FAILMALLOC_ONCE=1   only allocation N+1 fails, later ones succeed
 *   XF_FAILMALLOC_COUNT=F  at exit, write the number of allocations to F
 *
 * An allocation is a call of malloc, calloc, realloc, posix_memalign,
 * aligned_alloc, memalign or valloc; free is passed through.  The C
 * library's own functions (strdup, fopen, getline, ...) allocate through
 * malloc, so they fail too, as do libcsv, PCRE2, libsodium and liblinear.
 * Counting starts when this library is initialised, after the C library
 * and before main, so the same command line counts the same every run.
 *
 * The real functions are found with dlsym(RTLD_NEXT), which makes this
 * work in front of AddressSanitizer's allocator too (with
 * ASAN_OPTIONS=verify_asan_link_order=0): then the memory still comes
 * from ASan and every check stays on.  dlsym may itself allocate while
 * the shim starts; those few bytes come from a static buffer.
 *
 * The count is kept with atomic operations, so that commands with
 * threads (xf-split, xf-classify -j) can be swept too; which thread gets
 * the failing allocation then depends on their timing.
 *
 * Test tool only: glibc.
 */

#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void	*(*real_malloc)(size_t);
static void	*(*real_calloc)(size_t, size_t);
static void	*(*real_realloc)(void *, size_t);
static void	 (*real_free)(void *);
static int	 (*real_posix_memalign)(void **, size_t, size_t);
static void	*(*real_aligned_alloc)(size_t, size_t);
static void	*(*real_memalign)(size_t, size_t);
static void	*(*real_valloc)(size_t);

static int		 resolving;
static _Alignas(max_align_t) char boot[8192];
static size_t		 bootused;

static int		 active;	/* counting has started */
static int		 limited;	/* XF_FAILMALLOC was set */
static int		 once;
static unsigned long	 limit;
static unsigned long	 calls;	/* atomic: see fail() */
static const char	*countfile;

/* POSIX: a function pointer is stored through a (void **) cast. */
static void
resolve(void)
{
	resolving = 1;
	*(void **)&real_malloc = dlsym(RTLD_NEXT, "malloc");
	*(void **)&real_calloc = dlsym(RTLD_NEXT, "calloc");
	*(void **)&real_realloc = dlsym(RTLD_NEXT, "realloc");
	*(void **)&real_free = dlsym(RTLD_NEXT, "free");
	*(void **)&real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
	*(void **)&real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
	*(void **)&real_memalign = dlsym(RTLD_NEXT, "memalign");
	*(void **)&real_valloc = dlsym(RTLD_NEXT, "valloc");
	resolving = 0;
}

/* Memory for dlsym while the real functions are being looked up. */
static void *
bootalloc(size_t n)
{
	void *p;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (n > sizeof(boot) - bootused)
		return NULL;
	p = boot + bootused;
	bootused += n;
	return p;
}

static int
isboot(const void *p)
{
	return (const char *)p >= boot && (const char *)p < boot + sizeof(boot);
}

/* Whether this allocation is to fail; counts it. */
static int
fail(void)
{
	unsigned long c;

	if (!active)
		return 0;
	c = __atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED);
	if (!limited)
		return 0;
	if (once ? c == limit + 1 : c > limit) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

static void
put_count(void)
{
	char buf[32];
	unsigned long v = __atomic_load_n(&calls, __ATOMIC_RELAXED);
	int fd, i = sizeof(buf);

	if (countfile == NULL)
		return;
	buf[--i] = '\n';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if ((fd = open(countfile, O_WRONLY | O_CREAT | O_TRUNC, 0666)) == -1)
		return;
	(void)write(fd, buf + i, sizeof(buf) - (size_t)i);
	close(fd);
}

__attribute__((constructor)) static void
start(void)
{
	const char *s;
	char *end;

	if (real_malloc == NULL && !resolving)
		resolve();
	if ((s = getenv("XF_FAILMALLOC")) != NULL && *s != '\0') {
		limit = strtoul(s, &end, 10);
		limited = *end == '\0';
	}
	once = (s = getenv("XF_FAILMALLOC_ONCE")) != NULL && *s == '1';
	if ((s = getenv("XF_FAILMALLOC_COUNT")) != NULL && *s != '\0') {
		countfile = s;
		atexit(put_count);
	}
	active = 1;
}

void *
malloc(size_t n)
{
	if (real_malloc == NULL) {
		if (resolving)
			return bootalloc(n);
		resolve();
	}
	if (fail())
		return NULL;
	return real_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	void *p;

	if (real_calloc == NULL) {
		if (resolving) {
			if (size != 0 && n > SIZE_MAX / size)
				return NULL;
			if ((p = bootalloc(n * size)) != NULL)
				memset(p, 0, n * size);
			return p;
		}
		resolve();
	}
	if (fail())
		return NULL;
	return real_calloc(n, size);
}

void *
realloc(void *old, size_t n)
{
	if (real_realloc == NULL) {
		if (resolving)
			return NULL;
		resolve();
	}
	if (isboot(old))
		return NULL;
	if (fail())
		return NULL;
	return real_realloc(old, n);
}

void
free(void *p)
{
	if (p == NULL || isboot(p))
		return;
	if (real_free == NULL)
		resolve();
	real_free(p);
}

int
posix_memalign(void **pp, size_t align, size_t n)
{
	if (real_posix_memalign == NULL)
		resolve();
	if (fail())
		return ENOMEM;
	return real_posix_memalign(pp, align, n);
}

void *
aligned_alloc(size_t align, size_t n)
{
	if (real_aligned_alloc == NULL)
		resolve();
	if (fail())
		return NULL;
	return real_aligned_alloc(align, n);
}

void *
memalign(size_t align, size_t n)
{
	if (real_memalign == NULL)
		resolve();
	if (fail())
		return NULL;
	return real_memalign(align, n);
}

void *
valloc(size_t n)
{
	if (real_valloc == NULL)
		resolve();
	if (fail())
		return NULL;
	return real_valloc(n);
}
