/* draw.c: a greeting on the framebuffer. The framebuffer is plain memory, reached
 * through the HHDM (fb->virt); a pixel's colour bits are where the masks say. */
#include "hello.h"

/* A pixel of colour (r, g, b), each 0..255, in the framebuffer's own format. */
static uint32_t pixel(const struct elfboot_framebuffer *fb, uint32_t r, uint32_t g, uint32_t b)
{
    return (r >> (8 - fb->red_size)) << fb->red_shift |
           (g >> (8 - fb->green_size)) << fb->green_shift |
           (b >> (8 - fb->blue_size)) << fb->blue_shift;
}

static void put_pixel(const struct elfboot_framebuffer *fb, uint32_t x, uint32_t y, uint32_t v)
{
    if (x >= fb->width || y >= fb->height)
        return;
    volatile uint8_t *p = (uint8_t *)fb->virt + (uint64_t)y * fb->pitch + x * (fb->bpp / 8);
    for (unsigned i = 0; i < fb->bpp / 8u; i++) /* 4, 3 or 2 bytes, little-endian */
        p[i] = (uint8_t)(v >> (8 * i));
}

static void fill(const struct elfboot_framebuffer *fb, uint32_t x0, uint32_t y0, uint32_t w,
                 uint32_t h, uint32_t v)
{
    for (uint32_t y = y0; y < y0 + h; y++)
        for (uint32_t x = x0; x < x0 + w; x++)
            put_pixel(fb, x, y, v);
}

/* 5x7 glyphs, a row a byte (bit 4 is the leftmost pixel), for the letters we need. */
static const struct {
    char c;
    uint8_t rows[7];
} font[] = {
    { 'H', { 0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11 } },
    { 'E', { 0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f } },
    { 'L', { 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f } },
    { 'O', { 0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e } },
    { 'F', { 0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10 } },
    { 'R', { 0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11 } },
    { 'M', { 0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11 } },
    { 'B', { 0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e } },
    { 'T', { 0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04 } },
    { '!', { 0x04, 0x04, 0x04, 0x04, 0x04, 0x00, 0x04 } },
};

/* Draws `text` with each font pixel a `scale` x `scale` square; returns the width. */
static uint32_t draw_text(const struct elfboot_framebuffer *fb, uint32_t x, uint32_t y,
                          const char *text, uint32_t scale, uint32_t colour)
{
    uint32_t start = x;
    for (; *text; text++, x += 6 * scale) {
        for (unsigned g = 0; g < sizeof font / sizeof font[0]; g++) {
            if (font[g].c != *text)
                continue;
            for (uint32_t row = 0; row < 7; row++)
                for (uint32_t col = 0; col < 5; col++)
                    if (font[g].rows[row] & (0x10 >> col))
                        fill(fb, x + col * scale, y + row * scale, scale, scale, colour);
        }
    }
    return x - start;
}

void draw_greeting(const struct elfboot_framebuffer *fb)
{
    /* A vertical gradient, dark blue to purple. */
    for (uint32_t y = 0; y < fb->height; y++) {
        uint32_t t = y * 255 / fb->height;
        fill(fb, 0, y, fb->width, 1, pixel(fb, 40 + t / 3, 20, 90 + t / 2));
    }
    /* The greeting, centred, with a shadow. */
    const char *text = "HELLO FROM ELFBOOT!";
    uint32_t scale = fb->width / 160 ? fb->width / 160 : 1;
    uint32_t width = 19 * 6 * scale, x = (fb->width - width) / 2, y = fb->height / 3;
    draw_text(fb, x + scale, y + scale, text, scale, pixel(fb, 10, 10, 30));
    draw_text(fb, x, y, text, scale, pixel(fb, 255, 255, 255));
    /* Red, green and blue squares: if they show in those colours, the masks were right. */
    uint32_t side = 12 * scale, gap = 4 * scale, sx = (fb->width - 3 * side - 2 * gap) / 2;
    uint32_t sy = y + 12 * scale;
    fill(fb, sx, sy, side, side, pixel(fb, 255, 0, 0));
    fill(fb, sx + side + gap, sy, side, side, pixel(fb, 0, 255, 0));
    fill(fb, sx + 2 * (side + gap), sy, side, side, pixel(fb, 0, 0, 255));
}
