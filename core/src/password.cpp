#include <prescreen/core/password.h>
