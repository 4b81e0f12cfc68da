#include <prescreen/imaging/tdr/tdr.h>

#include <catch2/catch.hpp>
