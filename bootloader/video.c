/* video.c: one rule for choosing a framebuffer mode, for VBE and GOP alike. */
#include "video.h"

static int usable_depth(uint32_t bpp)
{
    return bpp == 32 || bpp == 24 || bpp == 16;
}

/* Better of two modes: bigger area, then deeper colour. */
static int better(const struct eb_video_mode *a, const struct eb_video_mode *b)
{
    uint64_t area_a = (uint64_t)a->width * a->height, area_b = (uint64_t)b->width * b->height;
    if (area_a != area_b)
        return area_a > area_b;
    return a->bpp > b->bpp;
}

int eb_pick_video_mode(const struct eb_video_mode *modes, size_t n, uint32_t want_width,
                       uint32_t want_height)
{
    int best = -1;
    if (want_width && want_height) {
        for (size_t i = 0; i < n; i++)
            if (usable_depth(modes[i].bpp) && modes[i].width == want_width &&
                modes[i].height == want_height && (best < 0 || modes[i].bpp > modes[best].bpp))
                best = (int)i;
        if (best >= 0)
            return best;
    }
    for (size_t i = 0; i < n; i++)
        if (usable_depth(modes[i].bpp) && modes[i].width <= EB_VIDEO_MAX_WIDTH &&
            modes[i].height <= EB_VIDEO_MAX_HEIGHT && modes[i].width && modes[i].height &&
            (best < 0 || better(&modes[i], &modes[best])))
            best = (int)i;
    return best;
}
