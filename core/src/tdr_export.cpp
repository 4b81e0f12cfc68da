#include <prescreen/core/tdr_export.h>
