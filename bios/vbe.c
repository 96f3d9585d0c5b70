/* vbe.c: a linear framebuffer through the VESA BIOS Extensions 2.0+ (VBE 3.0 spec,
 * functions 00h, 01h, 02h), chosen by the core's rule (video.h). Without a usable mode
 * the loader says so and stays in text mode. */
#include "bios.h"
#include "messages.h"
#include "stage2.h"
#include "util.h"
#include "video.h"

struct vbe_info {
    char signature[4]; /* "VESA" out; "VBE2" in asks for the 2.0 fields */
    uint16_t version;
    uint32_t oem_string;
    uint32_t capabilities;
    uint32_t mode_list; /* far pointer to 16-bit mode numbers ending with 0xffff */
    uint16_t total_memory;
    uint8_t rest[492];
} __attribute__((packed));
_Static_assert(sizeof(struct vbe_info) == 512, "VbeInfoBlock is 512 bytes");

struct vbe_mode_info {
    uint16_t attributes;
    uint8_t window_a, window_b;
    uint16_t granularity, window_size, segment_a, segment_b;
    uint32_t window_function;
    uint16_t bytes_per_line;
    uint16_t width, height;
    uint8_t char_width, char_height, planes, bpp, banks, memory_model, bank_size;
    uint8_t image_pages, reserved0;
    uint8_t red_size, red_shift, green_size, green_shift, blue_size, blue_shift;
    uint8_t rsvd_size, rsvd_shift, direct_colour_info;
    uint32_t phys_base;
    uint32_t reserved1;
    uint16_t reserved2;
    /* VBE 3.0 */
    uint16_t lin_bytes_per_line;
    uint8_t bank_pages, lin_pages;
    uint8_t lin_red_size, lin_red_shift, lin_green_size, lin_green_shift;
    uint8_t lin_blue_size, lin_blue_shift, lin_rsvd_size, lin_rsvd_shift;
    uint32_t max_pixel_clock;
    uint8_t reserved3[190];
} __attribute__((packed));
_Static_assert(sizeof(struct vbe_mode_info) == 256, "ModeInfoBlock is 256 bytes");
_Static_assert(offsetof(struct vbe_mode_info, phys_base) == 40, "ModeInfoBlock layout");
_Static_assert(offsetof(struct vbe_mode_info, lin_bytes_per_line) == 50, "VBE 3.0 fields");

#define MODE_SUPPORTED 0x01
#define MODE_GRAPHICS 0x10
#define MODE_LINEAR 0x80
#define MODEL_DIRECT 6
#define MAX_MODES 128
#define VBE_OK 0x004f
/* The config's resolution is no mode's, the kernel's request comes next (the same words
 * in uefi/video.c). */
#define MSG_NO_SUCH_MODE_TRY_REQUEST "video: no %ux%u mode; trying the kernel's request %ux%u"

static struct vbe_info info;
static struct vbe_mode_info mode_info;
static uint8_t font[CONSOLE_FONT_BYTES];
static struct eb_video_mode modes[MAX_MODES];

static int vbe(uint16_t function, uint16_t bx, uint16_t cx, void *buffer)
{
    struct regs r = {0};
    r.eax = function;
    r.ebx = bx;
    r.ecx = cx;
    r.es = rm_seg(buffer);
    r.edi = rm_off(buffer);
    bios_call(0x10, &r, &r);
    return (r.eax & 0xffff) == VBE_OK;
}

/* The VGA BIOS's 8x16 font (INT 10h AX=1130h BH=06h returns it in ES:BP), copied now:
 * after the mode switch we draw text ourselves. */
static void fetch_font(void)
{
    struct regs r = {0};
    r.eax = 0x1130;
    r.ebx = 0x0600;
    bios_call(0x10, &r, &r);
    memcpy(font, rm_ptr((uint32_t)r.es << 16 | (r.ebp & 0xffff)), sizeof font);
}

static uint32_t list_modes(void)
{
    uint16_t ids[MAX_MODES];
    uint32_t count = 0, n = 0;
    const uint16_t *list = rm_ptr(info.mode_list);
    while (count < MAX_MODES && list[count] != 0xffff) {
        ids[count] = list[count];
        count++;
    }
    for (uint32_t i = 0; i < count; i++) { /* mode info calls may reuse the list's memory */
        if (!vbe(0x4f01, 0, ids[i], &mode_info))
            continue;
        uint16_t need = MODE_SUPPORTED | MODE_GRAPHICS | MODE_LINEAR;
        if ((mode_info.attributes & need) != need || mode_info.memory_model != MODEL_DIRECT ||
            !mode_info.phys_base)
            continue;
        modes[n++] = (struct eb_video_mode){mode_info.width, mode_info.height, mode_info.bpp,
                                            ids[i]};
    }
    return n;
}

static bool is_mode(const struct eb_video_mode *m, uint32_t width, uint32_t height)
{
    return m->width == width && m->height == height;
}

/* The config's resolution, else the kernel's request, else the largest mode up to
 * 1920x1080 (docs/protocol.md, decisions: "Framebuffer mode"); a wish that no mode
 * has is said. -1 when no mode is usable at all. */
static int choose_mode(uint32_t n, const struct eb_config *cfg, const struct elfboot_request *req)
{
    bool kernel_asks = req->fb_width && req->fb_height;
    if (cfg->width && cfg->height) {
        int pick = eb_pick_video_mode(modes, n, cfg->width, cfg->height);
        if (pick < 0 || is_mode(&modes[pick], cfg->width, cfg->height))
            return pick;
        if (kernel_asks)
            say(MSG_NO_SUCH_MODE_TRY_REQUEST, (unsigned)cfg->width, (unsigned)cfg->height,
                (unsigned)req->fb_width, (unsigned)req->fb_height);
        else
            say(EB_MSG_NO_SUCH_MODE, (unsigned)cfg->width, (unsigned)cfg->height,
                EB_VIDEO_MAX_WIDTH, EB_VIDEO_MAX_HEIGHT);
    }
    if (kernel_asks) {
        int pick = eb_pick_video_mode(modes, n, req->fb_width, req->fb_height);
        if (pick < 0 || is_mode(&modes[pick], req->fb_width, req->fb_height))
            return pick;
        say(EB_MSG_NO_SUCH_MODE, (unsigned)req->fb_width, (unsigned)req->fb_height,
            EB_VIDEO_MAX_WIDTH, EB_VIDEO_MAX_HEIGHT);
    }
    return eb_pick_video_mode(modes, n, 0, 0);
}

void video_setup(const struct eb_config *cfg, const struct elfboot_request *req,
                 struct elfboot_framebuffer *fb)
{
    memset(&info, 0, sizeof info);
    memcpy(info.signature, "VBE2", 4);
    if (!vbe(0x4f00, 0, 0, &info) || memcmp(info.signature, "VESA", 4) != 0 ||
        info.version < 0x200) {
        say(EB_MSG_NO_FRAMEBUFFER "no VBE 2.0 BIOS, staying in text mode");
        return;
    }
    uint32_t n = list_modes();
    int pick = choose_mode(n, cfg, req);
    if (pick < 0) {
        say(EB_MSG_NO_FRAMEBUFFER "none of %u VBE modes has a linear framebuffer of 16, 24 "
            "or 32 bits, staying in text mode", (unsigned)n);
        return;
    }
    const struct eb_video_mode *m = &modes[pick];
    fetch_font();
    /* Bit 14: the linear framebuffer. Bit 15 stays clear: the BIOS clears the screen,
     * which QEMU's VGA does in host code (bochs dispi), far faster than our stores. */
    if (!vbe(0x4f01, 0, (uint16_t)m->id, &mode_info) ||
        !vbe(0x4f02, (uint16_t)(m->id | 0x4000), 0, &mode_info)) {
        say(EB_MSG_NO_FRAMEBUFFER "the BIOS refused mode 0x%x (%ux%u), staying in text mode",
            (unsigned)m->id, (unsigned)m->width, (unsigned)m->height);
        return;
    }
    bool v3 = info.version >= 0x300;
    *fb = (struct elfboot_framebuffer){
        .phys = mode_info.phys_base,
        .width = mode_info.width,
        .height = mode_info.height,
        .pitch = v3 ? mode_info.lin_bytes_per_line : mode_info.bytes_per_line,
        .bpp = mode_info.bpp,
        .red_size = v3 ? mode_info.lin_red_size : mode_info.red_size,
        .red_shift = v3 ? mode_info.lin_red_shift : mode_info.red_shift,
        .green_size = v3 ? mode_info.lin_green_size : mode_info.green_size,
        .green_shift = v3 ? mode_info.lin_green_shift : mode_info.green_shift,
        .blue_size = v3 ? mode_info.lin_blue_size : mode_info.blue_size,
        .blue_shift = v3 ? mode_info.lin_blue_shift : mode_info.blue_shift,
    };
    console_use_framebuffer(&console, fb, (uintptr_t)font);
    say("video: %ux%u, %u bits per pixel, framebuffer at 0x%llx", (unsigned)fb->width,
        (unsigned)fb->height, (unsigned)fb->bpp, (unsigned long long)fb->phys);
}
