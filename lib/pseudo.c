/* SPDX-License-Identifier: ISC */

/*
 * Pseudonyms by keyed BLAKE2b (libsodium), and the key file they need.
 * See pseudo.h.
 */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "pseudo.h"

/* Bytes of BLAKE2b output a pseudonym is cut from (libsodium's least). */
#define OUTSZ	16

struct xf_pseudo {
	unsigned char	 key[XF_PSEUDO_KEYSZ];
};

static int
init(const char **why)
{
	if (sodium_init() < 0) {
		errno = 0;
		*why = "libsodium cannot be initialised";
		return -1;
	}
	return 0;
}

struct xf_pseudo *
xf_pseudo_load(const char *path, const char **why)
{
	unsigned char buf[XF_PSEUDO_FILEMAX + 1];
	struct xf_pseudo *ps;
	struct stat st;
	size_t len = 0, i;
	ssize_t r;
	int fd, same;

	if (init(why) == -1)
		return NULL;
	if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1) {
		*why = "cannot open the key file";
		return NULL;
	}
	if (fstat(fd, &st) == -1) {
		*why = "cannot stat the key file";
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = 0;
		*why = "the key file is not a regular file";
		goto fail;
	}
	if (st.st_mode & (S_IROTH | S_IWOTH)) {
		errno = 0;
		*why = "others may read or write the key file: chmod 600 it";
		goto fail;
	}
	while (len < sizeof(buf)) {
		if ((r = read(fd, buf + len, sizeof(buf) - len)) == -1) {
			if (errno == EINTR)
				continue;
			*why = "cannot read the key file";
			goto fail;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	errno = 0;
	if (len < XF_PSEUDO_FILEMIN) {
		*why = "the key file is too short: at least 32 bytes are "
		    "needed";
		sodium_memzero(buf, sizeof(buf));
		return NULL;
	}
	if (len > XF_PSEUDO_FILEMAX) {
		*why = "the key file is too long: at most 4096 bytes";
		sodium_memzero(buf, sizeof(buf));
		return NULL;
	}
	for (same = 1, i = 1; i < len && same; i++)
		same = buf[i] == buf[0];
	if (same) {
		*why = "the key file holds one byte repeated: not a key";
		sodium_memzero(buf, sizeof(buf));
		return NULL;
	}
	if ((ps = malloc(sizeof(*ps))) == NULL) {
		*why = "out of memory";
		sodium_memzero(buf, sizeof(buf));
		return NULL;
	}
	crypto_generichash(ps->key, sizeof(ps->key), buf, len, NULL, 0);
	sodium_memzero(buf, sizeof(buf));
	return ps;
fail:
	{
		int saved = errno;

		close(fd);
		errno = saved;
	}
	return NULL;
}

int
xf_pseudo_key_new(const char *path, const char **why)
{
	unsigned char key[XF_PSEUDO_KEYSZ];
	size_t off = 0;
	ssize_t r;
	int fd, saved;

	if (init(why) == -1)
		return -1;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY,
	    0600)) == -1) {
		*why = "cannot create the key file";
		return -1;
	}
	/* The umask can only take bits away; make sure of 0600 anyway. */
	if (fchmod(fd, 0600) == -1) {
		*why = "cannot set the key file's mode";
		goto fail;
	}
	randombytes_buf(key, sizeof(key));
	while (off < sizeof(key)) {
		if ((r = write(fd, key + off, sizeof(key) - off)) == -1) {
			if (errno == EINTR)
				continue;
			*why = "cannot write the key file";
			goto fail;
		}
		off += (size_t)r;
	}
	sodium_memzero(key, sizeof(key));
	if (fsync(fd) == -1) {
		*why = "cannot sync the key file";
		goto fail;
	}
	if (close(fd) == -1) {
		fd = -1;
		*why = "cannot write the key file";
		goto fail;
	}
	return 0;
fail:
	saved = errno;
	sodium_memzero(key, sizeof(key));
	if (fd != -1)
		close(fd);
	unlink(path);
	errno = saved;
	return -1;
}

void
xf_pseudo_make(const struct xf_pseudo *ps, const char *kind,
    const char *value, size_t n, char out[XF_PSEUDO_STRSZ])
{
	static const char hex[] = "0123456789abcdef";
	crypto_generichash_state st;
	unsigned char h[OUTSZ];
	size_t i;

	crypto_generichash_init(&st, ps->key, sizeof(ps->key), sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)kind,
	    strlen(kind) + 1);
	crypto_generichash_update(&st, (const unsigned char *)value, n);
	crypto_generichash_final(&st, h, sizeof(h));
	out[0] = 'p';
	out[1] = '_';
	for (i = 0; i < 8; i++) {
		out[2 + 2 * i] = hex[h[i] >> 4];
		out[3 + 2 * i] = hex[h[i] & 0xF];
	}
	out[18] = '\0';
}

void
xf_pseudo_free(struct xf_pseudo *ps)
{
	if (ps == NULL)
		return;
	sodium_memzero(ps, sizeof(*ps));
	free(ps);
}
