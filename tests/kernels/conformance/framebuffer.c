/* framebuffer.c: the framebuffer the test expected (fb= on the command line), with a
 * sane geometry; we draw colour bars over all of it through the HHDM and read every
 * pixel back. */
#include "check.h"
#include "conformance.h"

struct colour_masks {
    uint8_t size[3], shift[3]; /* red, green, blue */
};

static uint32_t mask_of(uint8_t size, uint8_t shift)
{
    return size >= 32 ? 0xffffffffu : ((1u << size) - 1) << shift;
}

static bool geometry_ok(const struct elfboot_framebuffer *fb, const struct colour_masks *c)
{
    if (!fb->width || !fb->height || (fb->bpp != 16 && fb->bpp != 24 && fb->bpp != 32))
        return false;
    if ((uint64_t)fb->pitch < (uint64_t)fb->width * fb->bpp / 8)
        return false;
    uint32_t seen = 0;
    for (int i = 0; i < 3; i++) {
        if (!c->size[i] || c->size[i] > 16 || c->size[i] + c->shift[i] > fb->bpp)
            return false;
        uint32_t m = mask_of(c->size[i], c->shift[i]);
        if (seen & m)
            return false; /* two colours share a bit */
        seen |= m;
    }
    return true;
}

/* (r, g, b) in 0..255, scaled to the mode's channel sizes and placed at their shifts. */
static uint32_t pixel_value(const struct colour_masks *c, uint32_t r, uint32_t g, uint32_t b)
{
    uint32_t rgb[3] = { r, g, b }, v = 0;
    for (int i = 0; i < 3; i++) {
        uint32_t x = c->size[i] >= 8 ? rgb[i] << (c->size[i] - 8) : rgb[i] >> (8 - c->size[i]);
        v |= x << c->shift[i];
    }
    return v;
}

/* Eight bars (white, yellow, cyan, green, magenta, red, blue, black) over a gradient. */
static uint32_t pattern(const struct elfboot_framebuffer *fb, const struct colour_masks *c,
                        uint32_t x, uint32_t y)
{
    static const uint8_t bars[8][3] = { { 255, 255, 255 }, { 255, 255, 0 }, { 0, 255, 255 },
                                        { 0, 255, 0 },     { 255, 0, 255 }, { 255, 0, 0 },
                                        { 0, 0, 255 },     { 0, 0, 0 } };
    if (y < fb->height * 3 / 4) {
        const uint8_t *bar = bars[(uint64_t)x * 8 / fb->width];
        return pixel_value(c, bar[0], bar[1], bar[2]);
    }
    uint32_t level = (uint32_t)((uint64_t)x * 255 / fb->width);
    return pixel_value(c, level, level, level);
}

static uint8_t *pixel_at(const struct elfboot_framebuffer *fb, uint32_t x, uint32_t y)
{
    return (uint8_t *)fb->virt + (uint64_t)y * fb->pitch + (uint64_t)x * (fb->bpp / 8);
}

static void put_pixel(const struct elfboot_framebuffer *fb, uint32_t x, uint32_t y, uint32_t v)
{
    volatile uint8_t *p = pixel_at(fb, x, y);
    for (unsigned i = 0; i < fb->bpp / 8u; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_pixel(const struct elfboot_framebuffer *fb, uint32_t x, uint32_t y)
{
    const volatile uint8_t *p = pixel_at(fb, x, y);
    uint32_t v = 0;
    for (unsigned i = 0; i < fb->bpp / 8u; i++)
        v |= (uint32_t)p[i] << (8 * i);
    return v;
}

static void draw_and_read_back(const struct elfboot_framebuffer *fb, const struct colour_masks *c)
{
    uint32_t colour_bits = 0;
    for (int i = 0; i < 3; i++)
        colour_bits |= mask_of(c->size[i], c->shift[i]);
    for (uint32_t y = 0; y < fb->height; y++)
        for (uint32_t x = 0; x < fb->width; x++)
            put_pixel(fb, x, y, pattern(fb, c, x, y));
    uint64_t wrong = 0;
    for (uint32_t y = 0; y < fb->height; y++)
        for (uint32_t x = 0; x < fb->width; x++)
            if ((get_pixel(fb, x, y) ^ pattern(fb, c, x, y)) & colour_bits)
                wrong++;
    check(wrong == 0, "framebuffer.draw", "%lu of %lu pixels read back wrong", wrong,
          (uint64_t)fb->width * fb->height);
}

void check_framebuffer(void)
{
    const struct elfboot_framebuffer *fb = &conf.info->framebuffer;
    const struct expectations *e = &conf.expect;
    if (e->fb == FB_NONE) {
        check(fb->phys == 0, "framebuffer.absent", "phys 0x%lx, but fb=none", fb->phys);
        return;
    }
    if (!check(fb->phys != 0, "framebuffer.present", "no framebuffer (QEMU's VGA has one)"))
        return;
    struct colour_masks c = { { fb->red_size, fb->green_size, fb->blue_size },
                              { fb->red_shift, fb->green_shift, fb->blue_shift } };
    check_note("framebuffer: %ux%u, %u bpp, pitch %u, at 0x%lx; red %u@%u green %u@%u "
               "blue %u@%u", fb->width, fb->height, fb->bpp, fb->pitch, fb->phys,
               fb->red_size, fb->red_shift, fb->green_size, fb->green_shift, fb->blue_size,
               fb->blue_shift);
    if (e->fb == FB_MODE)
        check(fb->width == e->fb_width && fb->height == e->fb_height, "framebuffer.mode",
              "%ux%u, expected %ux%u", fb->width, fb->height, e->fb_width, e->fb_height);
    if (!check(geometry_ok(fb, &c), "framebuffer.geometry", "inconsistent width, height, "
               "bpp, pitch or colour masks (see \"framebuffer:\" above)"))
        return;
    if (fb->virt != conf.hhdm + fb->phys)
        return; /* info.framebuffer-pointer failed: do not write to a wrong address */
    draw_and_read_back(fb, &c);
}
