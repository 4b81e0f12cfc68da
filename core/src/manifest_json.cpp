#include <prescreen/core/manifest.h>
