#include <prescreen/core/scan_cache.h>
