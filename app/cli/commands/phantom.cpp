#include "../args.h"
#include "../commands.h"

#include <prescreen/imaging/dictionary.h>
#include <prescreen/imaging/materials/phantom.h>

#include <charconv>
#include <cstdint>
#include <iomanip>
#include <ostream>
#include <string_view>
#include <tuple>

namespace prescreen::cli {
namespace {

// "WxH" with both parts positive integers.
std::pair<int, int> parseSize(const std::string& text) {
    const auto x = text.find('x');
    int width = 0, height = 0;
    const auto parse = [](std::string_view part, int& value) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        return ec == std::errc() && end == part.data() + part.size() && value > 0;
    };
    if (x == std::string::npos || !parse(std::string_view(text).substr(0, x), width) ||
        !parse(std::string_view(text).substr(x + 1), height))
        throw UsageError("--size '" + text + "' is not WIDTHxHEIGHT (e.g. 2000x1000)");
    return {width, height};
}

} // namespace

int phantomCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {"--seed", "--kind", "--size", "--profile"}, {});
    parsed.expectPositionals(1, 1, "exactly one OUTDIR");
    if (!parsed.has("--seed"))
        throw UsageError("--seed N is required (the same seed gives identical pixels)");
    const long long seed = parsed.integer("--seed", 0);
    if (seed < 0)
        throw UsageError("--seed must not be negative");

    imaging::materials::PhantomOptions options;
    options.seed = static_cast<std::uint64_t>(seed);
    const std::string kindName = parsed.value("--kind", "parcel");
    const auto kind = imaging::materials::parsePhantomKind(kindName);
    if (!kind)
        throw UsageError("--kind '" + kindName + "' is not parcel, pallet or container");
    options.kind = *kind;
    if (const auto size = parsed.value("--size"))
        std::tie(options.width, options.height) = parseSize(*size);

    imaging::initialise();
    const auto phantom =
        imaging::materials::generatePhantom(options, parsed.value("--profile", "parcel-160kv"));
    const auto files = imaging::materials::writePhantom(phantom, parsed.positionals().front());
    const auto& truth = phantom.truth;
    out << "high:  " << files.high.string() << '\n'
        << "low:   " << files.low.string() << '\n'
        << "truth: " << files.truth.string() << '\n'
        << "scan " << truth.scanInstanceUid << " (" << truth.profile << " physics), "
        << truth.objects.size() << " objects, " << std::fixed << std::setprecision(2)
        << truth.totalMassKg << " kg in total\n";
    return 0;
}

} // namespace prescreen::cli
