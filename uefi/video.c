/* video.c: the framebuffer, through the Graphics Output Protocol (UEFI 2.10, 12.9).
 *
 * Mode choice: the config's resolution, else the kernel's request, else the largest
 * mode not above 1920x1080 (choose_mode, through the core's eb_pick_video_mode). A
 * machine without GOP, or with only a blit-only mode, boots without a framebuffer: the
 * kernel sees phys 0.
 */
#include "messages.h"
#include "uefi.h"
#include "util.h"
#include "video.h"

/* The config's resolution is no mode's, the kernel's request comes next (the same words
 * in bios/vbe.c). */
#define MSG_NO_SUCH_MODE_TRY_REQUEST "video: no %ux%u mode; trying the kernel's request %ux%u"

static EFI_GRAPHICS_OUTPUT_PROTOCOL *find_gop(void)
{
    EFI_GUID gop_guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;
    EFI_GRAPHICS_OUTPUT_PROTOCOL *gop = NULL;
    /* The console's own GOP first: on machines with several displays that is the one
     * the user is looking at (UEFI 2.10, 12.9: ConsoleOutHandle may carry GOP). */
    if (!EFI_ERROR(uefi_bs->HandleProtocol(uefi_st->ConsoleOutHandle, &gop_guid,
                                           (void **)&gop)) && gop)
        return gop;
    if (!EFI_ERROR(uefi_bs->LocateProtocol(&gop_guid, NULL, (void **)&gop)))
        return gop;
    return NULL;
}

static uint32_t mask_shift(uint32_t mask)
{
    return mask ? (uint32_t)__builtin_ctz(mask) : 0;
}

/* Counted by hand: __builtin_popcount becomes a libgcc call without -mpopcnt. */
static uint32_t mask_size(uint32_t mask)
{
    uint32_t n = 0;
    for (; mask; mask &= mask - 1)
        n++;
    return n;
}

/* Bits per pixel of a mode; 0 for formats without a linear framebuffer. */
static uint32_t mode_bpp(const EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info)
{
    switch (info->PixelFormat) {
    case PixelRedGreenBlueReserved8BitPerColor:
    case PixelBlueGreenRedReserved8BitPerColor:
        return 32;
    case PixelBitMask: {
        const EFI_PIXEL_BITMASK *m = &info->PixelInformation;
        uint32_t all = m->RedMask | m->GreenMask | m->BlueMask | m->ReservedMask;
        return all ? EB_ALIGN_UP(32 - (uint32_t)__builtin_clz(all), 8) : 0;
    }
    default:
        return 0; /* PixelBltOnly: no framebuffer to hand over */
    }
}

static void describe_pixels(const EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info,
                            struct elfboot_framebuffer *fb)
{
    uint32_t red = 0x0000ff, green = 0x00ff00, blue = 0xff0000; /* RGBReserved */
    if (info->PixelFormat == PixelBlueGreenRedReserved8BitPerColor) {
        red = 0xff0000;
        blue = 0x0000ff;
    } else if (info->PixelFormat == PixelBitMask) {
        red = info->PixelInformation.RedMask;
        green = info->PixelInformation.GreenMask;
        blue = info->PixelInformation.BlueMask;
    }
    fb->red_size = mask_size(red);
    fb->red_shift = mask_shift(red);
    fb->green_size = mask_size(green);
    fb->green_shift = mask_shift(green);
    fb->blue_size = mask_size(blue);
    fb->blue_shift = mask_shift(blue);
}

/* Lists the modes the core may pick from; returns how many (an array from the pool). */
static size_t list_modes(EFI_GRAPHICS_OUTPUT_PROTOCOL *gop, struct eb_video_mode **out)
{
    UINT32 max = gop->Mode->MaxMode;
    struct eb_video_mode *modes;
    size_t n = 0;
    if (EFI_ERROR(uefi_bs->AllocatePool(EfiLoaderData, max * sizeof(*modes),
                                        (void **)&modes)))
        uefi_fatal("out of memory listing %u video modes", max);
    for (UINT32 i = 0; i < max; i++) {
        EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info;
        UINTN info_size;
        if (EFI_ERROR(gop->QueryMode(gop, i, &info_size, &info)))
            continue;
        modes[n].width = info->HorizontalResolution;
        modes[n].height = info->VerticalResolution;
        modes[n].bpp = mode_bpp(info);
        modes[n].id = i;
        n++;
        uefi_bs->FreePool(info);
    }
    *out = modes;
    return n;
}

static bool is_mode(const struct eb_video_mode *m, uint32_t width, uint32_t height)
{
    return m->width == width && m->height == height;
}

/* The config's resolution, else the kernel's request, else the largest mode up to
 * 1920x1080 (docs/protocol.md, decisions: "Framebuffer mode"); a wish that no mode
 * has is said. -1 when no mode is usable at all. */
static int choose_mode(const struct eb_video_mode *modes, size_t n, const struct eb_config *cfg,
                       const struct elfboot_request *req)
{
    bool kernel_asks = req->fb_width && req->fb_height;
    if (cfg->width && cfg->height) {
        int pick = eb_pick_video_mode(modes, n, cfg->width, cfg->height);
        if (pick < 0 || is_mode(&modes[pick], cfg->width, cfg->height))
            return pick;
        if (kernel_asks)
            uefi_log(MSG_NO_SUCH_MODE_TRY_REQUEST, cfg->width, cfg->height, req->fb_width,
                     req->fb_height);
        else
            uefi_log(EB_MSG_NO_SUCH_MODE, cfg->width, cfg->height, EB_VIDEO_MAX_WIDTH,
                     EB_VIDEO_MAX_HEIGHT);
    }
    if (kernel_asks) {
        int pick = eb_pick_video_mode(modes, n, req->fb_width, req->fb_height);
        if (pick < 0 || is_mode(&modes[pick], req->fb_width, req->fb_height))
            return pick;
        uefi_log(EB_MSG_NO_SUCH_MODE, req->fb_width, req->fb_height, EB_VIDEO_MAX_WIDTH,
                 EB_VIDEO_MAX_HEIGHT);
    }
    return eb_pick_video_mode(modes, n, 0, 0);
}

void uefi_setup_video(const struct eb_config *cfg, const struct eb_kernel *kernel,
                      struct elfboot_framebuffer *fb)
{
    memset(fb, 0, sizeof(*fb));
    if (kernel->req_flags & ELFBOOT_REQ_NO_FRAMEBUFFER) {
        uefi_log(EB_MSG_NO_FRAMEBUFFER "the kernel asks for none; text mode stays");
        return;
    }
    EFI_GRAPHICS_OUTPUT_PROTOCOL *gop = find_gop();
    if (!gop) {
        uefi_log(EB_MSG_NO_FRAMEBUFFER "no graphics output (GOP) on this machine");
        return;
    }

    struct eb_video_mode *modes;
    size_t n = list_modes(gop, &modes);
    int pick = choose_mode(modes, n, cfg, &kernel->request);
    if (pick < 0) {
        uefi_log(EB_MSG_NO_FRAMEBUFFER "none of the %u GOP modes has a linear framebuffer",
                 (unsigned)n);
        uefi_bs->FreePool(modes);
        return;
    }
    uint32_t id = modes[pick].id;
    uefi_bs->FreePool(modes);

    if (gop->Mode->Mode != id) {
        EFI_STATUS status = gop->SetMode(gop, id);
        if (EFI_ERROR(status)) {
            uefi_log(EB_MSG_NO_FRAMEBUFFER "cannot set GOP mode %u: %s", id,
                     uefi_status_text(status));
            return;
        }
    }
    /* A console splitter over several displays may have no single framebuffer. */
    if (gop->Mode->FrameBufferBase == 0) {
        uefi_log(EB_MSG_NO_FRAMEBUFFER "the GOP gives no framebuffer address");
        return;
    }
    const EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *info = gop->Mode->Info;
    fb->phys = gop->Mode->FrameBufferBase;
    fb->width = info->HorizontalResolution;
    fb->height = info->VerticalResolution;
    fb->bpp = (uint16_t)mode_bpp(info);
    fb->pitch = info->PixelsPerScanLine * (fb->bpp / 8);
    describe_pixels(info, fb);
    uefi_log("video: %ux%u, %u bpp, pitch %u, framebuffer at 0x%llx", fb->width,
             fb->height, fb->bpp, fb->pitch, (unsigned long long)fb->phys);
}
