#include <prescreen/core/json_schema.h>
