/* test_header.c: include/elfboot.h against the protocol text (docs/protocol.md). Every
 * struct field the text declares must exist in the header at the same offset with the
 * same size, every struct must have the same size, every constant the same value. The
 * text's C blocks are compiled as they stand (protocol_text.h, generated). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "elfboot.h"
#include "protocol_text.h"

#define FIELD_SIZE(type, f) sizeof(((type *)0)->f)

static void fields_match(void **state)
{
    (void)state;
    int checked = 0;
#define X(s, f)                                                                         \
    do {                                                                                \
        size_t text_off = offsetof(struct proto_##s, f), head_off = offsetof(struct s, f); \
        if (text_off != head_off || FIELD_SIZE(struct proto_##s, f) != FIELD_SIZE(struct s, f)) \
            fail_msg("%s.%s: protocol text offset %zu size %zu, header offset %zu size %zu", \
                     #s, #f, text_off, FIELD_SIZE(struct proto_##s, f), head_off,       \
                     FIELD_SIZE(struct s, f));                                          \
        checked++;                                                                      \
    } while (0);
    PROTO_FIELDS(X)
#undef X
    assert_int_equal(checked, 58); /* every field of the text */ /* the text really was read */
}

static void struct_sizes_match(void **state)
{
    (void)state;
    assert_int_equal(sizeof(struct proto_elfboot_request), sizeof(struct elfboot_request));
    assert_int_equal(sizeof(struct proto_elfboot_memmap_entry), sizeof(struct elfboot_memmap_entry));
    assert_int_equal(sizeof(struct proto_elfboot_framebuffer), sizeof(struct elfboot_framebuffer));
    assert_int_equal(sizeof(struct proto_elfboot_module), sizeof(struct elfboot_module));
    assert_int_equal(sizeof(struct proto_elfboot_tls), sizeof(struct elfboot_tls));
    assert_int_equal(sizeof(struct proto_elfboot_info), sizeof(struct elfboot_info));
    /* The sizes the issue names */
    assert_int_equal(sizeof(struct elfboot_info), 240);
    assert_int_equal(sizeof(struct elfboot_framebuffer), 40);
    assert_int_equal(sizeof(struct elfboot_memmap_entry), 24);
    assert_int_equal(sizeof(struct elfboot_module), 32);
    assert_int_equal(sizeof(struct elfboot_tls), 32);
}

static void constants_match(void **state)
{
    (void)state;
    int checked = 0;
#define X(name)                                                                          \
    do {                                                                                 \
        if ((uint64_t)(PROTO_##name) != (uint64_t)(name))                                \
            fail_msg("%s: protocol text 0x%llx, header 0x%llx", #name,                   \
                     (unsigned long long)(PROTO_##name), (unsigned long long)(name));    \
        checked++;                                                                       \
    } while (0);
    PROTO_CONSTS(X)
#undef X
    assert_int_equal(checked, 23); /* every constant of the text */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_match),
        cmocka_unit_test(struct_sizes_match),
        cmocka_unit_test(constants_match),
    };
    return cmocka_run_group_tests_name("protocol header", tests, NULL, NULL);
}
