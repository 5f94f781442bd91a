#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

/* static/bump_allocator.c built with BUMP_PREFIX=bump_, so that cmocka keeps the system malloc. */
void *bump_malloc(size_t size);
void bump_free(void *p);
void *bump_calloc(size_t count, size_t size);
void *bump_realloc(void *p, size_t size);

static void assert_all_zero(const unsigned char *p, size_t size)
{
	for (size_t i = 0; i < size; i++)
		assert_int_equal(p[i], 0);
}

static void blocks_keep_malloc_alignment(void **state)
{
	(void)state;
	for (size_t size = 1; size < 40; size++) {
		void *p = bump_malloc(size);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
	}
}

static void free_of_the_latest_block_gives_its_memory_back(void **state)
{
	(void)state;
	void *a = bump_malloc(100);
	bump_free(a);
	assert_ptr_equal(bump_malloc(100), a);
}

static void free_of_an_older_block_keeps_the_latest(void **state)
{
	(void)state;
	char *a = bump_malloc(16);
	char *b = bump_malloc(16);
	memcpy(b, "latest", 7);
	bump_free(a);
	char *c = bump_malloc(16);
	assert_true(c != a && c != b);
	assert_string_equal(b, "latest");
}

static void realloc_grows_the_latest_block_in_place(void **state)
{
	(void)state;
	char *p = bump_malloc(8);
	memcpy(p, "1234567", 8);
	assert_ptr_equal(bump_realloc(p, 4000), p);
	assert_string_equal(p, "1234567");
}

static void realloc_of_an_older_block_moves_it_with_its_bytes(void **state)
{
	(void)state;
	char *old = bump_malloc(8);
	memcpy(old, "1234567", 8);
	bump_malloc(8);
	char *moved = bump_realloc(old, 64);
	assert_non_null(moved);
	assert_true(moved != old);
	assert_string_equal(moved, "1234567");
}

static void realloc_to_less_keeps_the_first_bytes(void **state)
{
	(void)state;
	char *old = bump_malloc(32);
	memcpy(old, "abcdefgh", 8);
	bump_malloc(8);
	char *moved = bump_realloc(old, 4);
	assert_non_null(moved);
	assert_memory_equal(moved, "abcd", 4);
}

static void realloc_of_null_allocates(void **state)
{
	(void)state;
	assert_non_null(bump_realloc(NULL, 10));
}

static void calloc_zeroes_memory_given_back_by_free(void **state)
{
	(void)state;
	unsigned char *dirty = bump_malloc(256);
	memset(dirty, 0xff, 256);
	bump_free(dirty);
	unsigned char *clean = bump_calloc(16, 16);
	assert_ptr_equal(clean, dirty);
	assert_all_zero(clean, 256);
}

static void calloc_zeroes_memory_given_back_by_a_shrinking_realloc(void **state)
{
	(void)state;
	unsigned char *dirty = bump_malloc(256);
	memset(dirty, 0xff, 256);
	assert_ptr_equal(bump_realloc(dirty, 16), dirty);
	unsigned char *clean = bump_calloc(1, 200);
	assert_true(clean > dirty && clean < dirty + 256);
	assert_all_zero(clean, 200);
}

static void calloc_zeroes_memory_a_block_grew_into(void **state)
{
	(void)state;
	unsigned char *block = bump_malloc(16);
	assert_ptr_equal(bump_realloc(block, 4096), block);
	memset(block, 0xff, 4096);
	assert_ptr_equal(bump_realloc(block, 16), block);
	unsigned char *clean = bump_calloc(1, 2048);
	assert_true(clean > block && clean < block + 4096);
	assert_all_zero(clean, 2048);
}

static void calloc_overflow_fails_with_enomem(void **state)
{
	(void)state;
	errno = 0;
	assert_null(bump_calloc(SIZE_MAX / 8, 16));
	assert_int_equal(errno, ENOMEM);
}

static void huge_request_fails_with_enomem(void **state)
{
	(void)state;
	errno = 0;
	assert_null(bump_malloc(SIZE_MAX - 8));
	assert_int_equal(errno, ENOMEM);
}

static void blocks_beyond_the_first_chunk_are_whole(void **state)
{
	(void)state;
	for (size_t size = 1000; size <= 4u << 20; size *= 4) {
		unsigned char *p = bump_malloc(size);
		assert_non_null(p);
		memset(p, 0xab, size);
		assert_int_equal(p[0], 0xab);
		assert_int_equal(p[size - 1], 0xab);
	}
}

static void realloc_of_the_latest_block_across_chunks_keeps_its_bytes(void **state)
{
	(void)state;
	char *p = bump_malloc(16);
	memcpy(p, "grow me", 8);
	for (size_t size = 32; size <= 1u << 20; size *= 2) {
		p = bump_realloc(p, size);
		assert_non_null(p);
		assert_string_equal(p, "grow me");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blocks_keep_malloc_alignment),
		cmocka_unit_test(free_of_the_latest_block_gives_its_memory_back),
		cmocka_unit_test(free_of_an_older_block_keeps_the_latest),
		cmocka_unit_test(realloc_grows_the_latest_block_in_place),
		cmocka_unit_test(realloc_of_an_older_block_moves_it_with_its_bytes),
		cmocka_unit_test(realloc_to_less_keeps_the_first_bytes),
		cmocka_unit_test(realloc_of_null_allocates),
		cmocka_unit_test(calloc_zeroes_memory_given_back_by_free),
		cmocka_unit_test(calloc_zeroes_memory_given_back_by_a_shrinking_realloc),
		cmocka_unit_test(calloc_zeroes_memory_a_block_grew_into),
		cmocka_unit_test(calloc_overflow_fails_with_enomem),
		cmocka_unit_test(huge_request_fails_with_enomem),
		cmocka_unit_test(blocks_beyond_the_first_chunk_are_whole),
		cmocka_unit_test(realloc_of_the_latest_block_across_chunks_keeps_its_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
