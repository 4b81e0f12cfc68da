#include "../args.h"
#include "../commands.h"

#include <prescreen/core/digest.h>
#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>

#include <bit>
#include <ostream>

namespace prescreen::cli {
namespace {

// MD5 over the plane's stored values as little-endian uint16, row after row, no padding (the
// form of the WG-04 oracle).
std::string md5Hex(const imaging::Image& image) {
    static_assert(std::endian::native == std::endian::little, "stored values hashed as-is");
    core::Digest digest(core::Digest::Algorithm::Md5);
    for (int y = 0; y < image.height(); ++y)
        digest.update(image.row<std::uint16_t>(y), static_cast<std::size_t>(image.width()) * 2);
    return digest.hex();
}

} // namespace

int pixelsCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {}, {"--md5", "--no-siblings"});
    parsed.expectPositionals(1, 1, "exactly one PATH (a scan file or folder)");
    if (!parsed.has("--md5"))
        throw UsageError("say what to print: --md5");
    imaging::OpenOptions options;
    options.findSiblings = !parsed.has("--no-siblings");
    const auto scan = imaging::openScan(parsed.positionals().front(), options);
    for (const auto& view : scan.views) {
        for (const auto& plane : view.planes) {
            out << md5Hex(plane.pixels) << "  view " << view.index << ' '
                << imaging::planeKindName(plane.kind) << ' ' << plane.pixels.width() << 'x'
                << plane.pixels.height() << "  " << plane.sourceFile.filename().string() << '\n';
        }
    }
    return 0;
}

} // namespace prescreen::cli
