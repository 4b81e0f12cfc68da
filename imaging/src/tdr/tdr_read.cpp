#include <prescreen/imaging/tdr/tdr.h>
