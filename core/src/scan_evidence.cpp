#include <prescreen/core/scan_evidence.h>
