#include <prescreen/core/risk.h>
