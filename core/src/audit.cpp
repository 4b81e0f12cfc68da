#include <prescreen/core/audit.h>
