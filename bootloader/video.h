/* video.h: choosing a framebuffer mode, the same rule for VBE and GOP. */
#ifndef EB_VIDEO_H
#define EB_VIDEO_H

#include <stddef.h>
#include <stdint.h>

#define EB_VIDEO_MAX_WIDTH 1920
#define EB_VIDEO_MAX_HEIGHT 1080

struct eb_video_mode {
    uint32_t width, height;
    uint32_t bpp;      /* 32, 24 or 16; other depths are never picked */
    uint32_t id;       /* the firmware's mode number */
};

/* The mode to set: an exact match of want_width x want_height (the config's
 * resolution, else the kernel's request) when one exists, else the largest mode not
 * above 1920x1080; deeper colours win ties. Returns the index in `modes`, or -1. */
int eb_pick_video_mode(const struct eb_video_mode *modes, size_t n, uint32_t want_width,
                       uint32_t want_height);

#endif /* EB_VIDEO_H */
