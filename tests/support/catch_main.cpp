// Catch2's runner, compiled once for every non-GUI test executable.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
