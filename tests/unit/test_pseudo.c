/* SPDX-License-Identifier: ISC */

/*
 * Unit tests for lib/pseudo.c: the key file and keyed pseudonyms.
 *
 * The expected pseudonyms were computed with Python's hashlib, which
 * has its own BLAKE2b, independent of libsodium:
 *
 *   k = hashlib.blake2b(content, digest_size=32).digest()
 *   p = "p_" + hashlib.blake2b(kind.encode() + b"\0" + value,
 *           key=k, digest_size=16).hexdigest()[:16]
 *
 * with content the 32 bytes 00 01 02 ... 1f, or the 65-byte text
 * "0123456789abcdef" * 4 + "\n".
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pseudo.h"

/* Fixture: a scratch directory, removed with what is in it. */
struct scratch {
	char	 dir[64];
	char	 path[128];
};

static int
setup(void **state)
{
	struct scratch *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return -1;
	snprintf(s->dir, sizeof(s->dir), "/tmp/xf-mask-test-XXXXXX");
	if (mkdtemp(s->dir) == NULL)
		return -1;
	snprintf(s->path, sizeof(s->path), "%s/key", s->dir);
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	struct scratch *s = *state;

	unlink(s->path);
	rmdir(s->dir);
	free(s);
	return 0;
}

/* Write n bytes to s->path with the given mode. */
static void
put(struct scratch *s, const void *data, size_t n, mode_t mode)
{
	int fd;

	unlink(s->path);
	fd = open(s->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void
counting(unsigned char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = (unsigned char)i;
}

static void
make__known_key__matches_python_blake2b(void **state)
{
	struct scratch *s = *state;
	struct xf_pseudo *ps;
	unsigned char key[32];
	const char *why = NULL;
	char out[XF_PSEUDO_STRSZ];

	counting(key, sizeof(key));
	put(s, key, sizeof(key), 0600);
	ps = xf_pseudo_load(s->path, &why);
	assert_non_null(ps);
	xf_pseudo_make(ps, "id", "222401199001011230", 18, out);
	assert_string_equal(out, "p_83ac34b43e894044");
	/* The same digits as another kind: another pseudonym. */
	xf_pseudo_make(ps, "phone", "222401199001011230", 18, out);
	assert_string_equal(out, "p_53de093a8e3db1da");
	xf_pseudo_make(ps, "phone", "13812345678", 11, out);
	assert_string_equal(out, "p_aa71bdba59fc1df7");
	xf_pseudo_make(ps, "name", "张海涛", 9, out);
	assert_string_equal(out, "p_f4beef23305eb995");
	xf_pseudo_make(ps, "id", "", 0, out);
	assert_string_equal(out, "p_a99b7ba8d8ee8a7e");
	xf_pseudo_free(ps);
}

static void
make__same_key_twice__same_pseudonym(void **state)
{
	struct scratch *s = *state;
	struct xf_pseudo *a, *b;
	unsigned char key[32];
	const char *why;
	char x[XF_PSEUDO_STRSZ], y[XF_PSEUDO_STRSZ];

	counting(key, sizeof(key));
	put(s, key, sizeof(key), 0600);
	a = xf_pseudo_load(s->path, &why);
	b = xf_pseudo_load(s->path, &why);
	assert_non_null(a);
	assert_non_null(b);
	xf_pseudo_make(a, "id", "x", 1, x);
	xf_pseudo_make(b, "id", "x", 1, y);
	assert_string_equal(x, y);
	xf_pseudo_free(a);
	xf_pseudo_free(b);
	/* One byte of the key changed: another pseudonym. */
	key[31] ^= 1;
	put(s, key, sizeof(key), 0600);
	a = xf_pseudo_load(s->path, &why);
	assert_non_null(a);
	xf_pseudo_make(a, "id", "x", 1, y);
	assert_string_not_equal(x, y);
	xf_pseudo_free(a);
}

static void
load__text_key__hashed_whole(void **state)
{
	struct scratch *s = *state;
	static const char text[] = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef\n";
	struct xf_pseudo *ps;
	const char *why;
	char out[XF_PSEUDO_STRSZ];

	put(s, text, sizeof(text) - 1, 0600);
	ps = xf_pseudo_load(s->path, &why);
	assert_non_null(ps);
	xf_pseudo_make(ps, "phone", "13812345678", 11, out);
	assert_string_equal(out, "p_ccd80ab457aeed98");
	xf_pseudo_free(ps);
}

static void
load__group_readable__accepted(void **state)
{
	struct scratch *s = *state;
	struct xf_pseudo *ps;
	unsigned char key[32];
	const char *why;

	counting(key, sizeof(key));
	put(s, key, sizeof(key), 0640);
	ps = xf_pseudo_load(s->path, &why);
	assert_non_null(ps);
	xf_pseudo_free(ps);
}

static void
load__world_readable_or_writable__refused(void **state)
{
	struct scratch *s = *state;
	unsigned char key[32];
	const char *why = NULL;

	counting(key, sizeof(key));
	put(s, key, sizeof(key), 0644);
	assert_null(xf_pseudo_load(s->path, &why));
	assert_int_equal(errno, 0);
	assert_string_equal(why,
	    "others may read or write the key file: chmod 600 it");
	put(s, key, sizeof(key), 0602);
	why = NULL;
	assert_null(xf_pseudo_load(s->path, &why));
	assert_non_null(why);
}

static void
load__short_long_or_constant__refused(void **state)
{
	struct scratch *s = *state;
	static unsigned char big[XF_PSEUDO_FILEMAX + 1];
	struct xf_pseudo *ps;
	unsigned char key[32];
	const char *why = NULL;

	counting(key, sizeof(key));
	/* 31 bytes: one short. */
	put(s, key, 31, 0600);
	assert_null(xf_pseudo_load(s->path, &why));
	assert_string_equal(why,
	    "the key file is too short: at least 32 bytes are needed");
	put(s, "", 0, 0600);
	assert_null(xf_pseudo_load(s->path, &why));
	/* 4097 bytes: one too many; 4096 are fine. */
	counting(big, sizeof(big));
	put(s, big, sizeof(big), 0600);
	assert_null(xf_pseudo_load(s->path, &why));
	assert_string_equal(why, "the key file is too long: at most 4096 "
	    "bytes");
	put(s, big, sizeof(big) - 1, 0600);
	ps = xf_pseudo_load(s->path, &why);
	assert_non_null(ps);
	xf_pseudo_free(ps);
	/* 32 zero bytes. */
	memset(key, 0, sizeof(key));
	put(s, key, sizeof(key), 0600);
	assert_null(xf_pseudo_load(s->path, &why));
	assert_string_equal(why,
	    "the key file holds one byte repeated: not a key");
}

static void
load__missing_or_not_regular__refused_with_errno(void **state)
{
	struct scratch *s = *state;
	const char *why = NULL;

	unlink(s->path);
	assert_null(xf_pseudo_load(s->path, &why));
	assert_int_equal(errno, ENOENT);
	assert_string_equal(why, "cannot open the key file");
	/* A directory, and a device that would give a new key each run. */
	assert_null(xf_pseudo_load(s->dir, &why));
	assert_string_equal(why, "the key file is not a regular file");
	assert_null(xf_pseudo_load("/dev/urandom", &why));
	assert_string_equal(why, "the key file is not a regular file");
}

static void
key_new__fresh_file__mode_0600_32_bytes_loadable(void **state)
{
	struct scratch *s = *state;
	struct xf_pseudo *ps;
	struct stat st;
	const char *why = NULL;
	mode_t old;

	unlink(s->path);
	/* A permissive umask must not widen the mode. */
	old = umask(0);
	assert_int_equal(xf_pseudo_key_new(s->path, &why), 0);
	umask(old);
	assert_int_equal(stat(s->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, XF_PSEUDO_KEYSZ);
	ps = xf_pseudo_load(s->path, &why);
	assert_non_null(ps);
	xf_pseudo_free(ps);
}

static void
key_new__existing_file__refused_untouched(void **state)
{
	struct scratch *s = *state;
	unsigned char key[32], back[64];
	const char *why = NULL;
	int fd;

	counting(key, sizeof(key));
	put(s, key, sizeof(key), 0600);
	assert_int_equal(xf_pseudo_key_new(s->path, &why), -1);
	assert_int_equal(errno, EEXIST);
	assert_string_equal(why, "cannot create the key file");
	fd = open(s->path, O_RDONLY);
	assert_int_equal(read(fd, back, sizeof(back)), 32);
	close(fd);
	assert_memory_equal(back, key, 32);
}

static void
key_new__two_keys__differ(void **state)
{
	struct scratch *s = *state;
	unsigned char a[32], b[32];
	const char *why;
	int fd;

	unlink(s->path);
	assert_int_equal(xf_pseudo_key_new(s->path, &why), 0);
	fd = open(s->path, O_RDONLY);
	assert_int_equal(read(fd, a, sizeof(a)), 32);
	close(fd);
	unlink(s->path);
	assert_int_equal(xf_pseudo_key_new(s->path, &why), 0);
	fd = open(s->path, O_RDONLY);
	assert_int_equal(read(fd, b, sizeof(b)), 32);
	close(fd);
	assert_memory_not_equal(a, b, 32);
}

static void
free__null__nothing(void **state)
{
	(void)state;
	xf_pseudo_free(NULL);
}

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(make__known_key__matches_python_blake2b),
		T(make__same_key_twice__same_pseudonym),
		T(load__text_key__hashed_whole),
		T(load__group_readable__accepted),
		T(load__world_readable_or_writable__refused),
		T(load__short_long_or_constant__refused),
		T(load__missing_or_not_regular__refused_with_errno),
		T(key_new__fresh_file__mode_0600_32_bytes_loadable),
		T(key_new__existing_file__refused_untouched),
		T(key_new__two_keys__differ),
		cmocka_unit_test(free__null__nothing),
	};

#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
