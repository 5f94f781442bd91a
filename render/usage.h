#ifndef HFENV_RENDER_USAGE_H
#define HFENV_RENDER_USAGE_H

/* What hfenv --help prints. */
extern const char hfenv_usage[];

#endif
