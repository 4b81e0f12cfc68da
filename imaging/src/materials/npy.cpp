#include <prescreen/error.h>
#include <prescreen/imaging/materials/npy.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace prescreen::imaging::materials {
namespace {

std::string headerValue(const std::string& header, const std::string& key) {
    const auto at = header.find("'" + key + "'");
    if (at == std::string::npos)
        return {};
    auto start = header.find(':', at);
    if (start == std::string::npos)
        return {};
    ++start;
    while (start < header.size() && header[start] == ' ')
        ++start;
    if (start >= header.size())
        return {};
    if (header[start] == '(') {
        const auto end = header.find(')', start);
        return header.substr(start + 1, end - start - 1);
    }
    const auto end = header.find_first_of(",}", start);
    return header.substr(start, end - start);
}

} // namespace

NpyArray readNpy(const std::filesystem::path& path) {
    const auto fail = [&](const std::string& what) {
        throw Error(ErrorCode::BadFormat, path.string() + ": " + what);
    };
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::Io, path.string() + ": cannot open");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
        fail("not a .npy file (no magic)");
    const auto major = static_cast<unsigned char>(bytes[6]);
    std::size_t headerLength = 0;
    std::size_t offset = 0;
    const auto byte = [&](std::size_t i) {
        return static_cast<std::size_t>(static_cast<unsigned char>(bytes[i]));
    };
    if (major == 1) {
        headerLength = byte(8) | (byte(9) << 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        headerLength = byte(8) | (byte(9) << 8) | (byte(10) << 16) | (byte(11) << 24);
        offset = 12;
    } else {
        fail("unknown .npy version " + std::to_string(major));
    }
    if (offset + headerLength > bytes.size())
        fail("header runs past the end");
    const std::string header = bytes.substr(offset, headerLength);
    const std::string descr = headerValue(header, "descr");
    if (headerValue(header, "fortran_order") != "False")
        fail("Fortran order is not supported");
    const bool isFloat = descr == "'<f8'";
    if (!isFloat && descr != "'<i8'")
        fail("dtype " + descr + " is not little-endian float64 or int64");
    NpyArray array;
    std::size_t count = 1;
    std::string shape = headerValue(header, "shape");
    for (std::size_t pos = 0; pos < shape.size();) {
        const auto comma = shape.find(',', pos);
        const std::string item =
            shape.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        if (item.find_first_of("0123456789") != std::string::npos) {
            try {
                array.shape.push_back(std::stoul(item));
            } catch (const std::exception&) {
                fail("shape '" + shape + "' is not a list of sizes");
            }
            count *= array.shape.back();
        }
        if (comma == std::string::npos)
            break;
        pos = comma + 1;
    }
    const std::size_t data = offset + headerLength;
    if (count > bytes.size() / 8 || bytes.size() - data != count * 8)
        fail("data size " + std::to_string(bytes.size() - data) + " does not match the shape");
    static_assert(std::endian::native == std::endian::little,
                  "the reader assumes a little-endian host");
    array.values.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        if (isFloat) {
            std::memcpy(&array.values[i], bytes.data() + data + 8 * i, 8);
        } else {
            std::int64_t v = 0;
            std::memcpy(&v, bytes.data() + data + 8 * i, 8);
            array.values[i] = static_cast<double>(v);
        }
    }
    return array;
}

} // namespace prescreen::imaging::materials
