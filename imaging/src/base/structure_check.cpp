#include <prescreen/error.h>
#include <prescreen/imaging/detail/structure_check.h>

#include <dcmtk/dcmdata/dctag.h>

#include <array>
#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace prescreen::imaging::detail {
namespace {

constexpr std::uint32_t kUndefinedLength = 0xFFFFFFFFu;
constexpr std::size_t kPreambleBytes = 128;
constexpr std::size_t kNoEnd = static_cast<std::size_t>(-1);

// Explicit-VR encodings whose length field is 32-bit (after two reserved bytes).
constexpr std::array<std::string_view, 13> kLongVrs = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ",
                                                       "SV", "UC", "UN", "UR", "UT", "UV"};
constexpr std::array<std::string_view, 21> kShortVrs = {"AE", "AS", "AT", "CS", "DA", "DS", "DT",
                                                        "FL", "FD", "IS", "LO", "LT", "PN", "SH",
                                                        "SL", "SS", "ST", "TM", "UI", "UL", "US"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view vr) {
    for (const auto candidate : list)
        if (candidate == vr)
            return true;
    return false;
}

// Thrown (and caught below) to end a limits-only walk at something it does not understand.
struct LeaveToDcmtk {};

struct Encoding {
    bool explicitVr = true;
    bool littleEndian = true;
};

// What the bytes between a container's start and its end (or delimiter) are.
enum class Kind { DataSet, Sequence, Item, Fragments };

struct Frame {
    Kind kind;
    std::size_t end; ///< offset one past the last byte, kNoEnd for undefined length
    Encoding encoding;
};

class Walker {
public:
    Walker(std::span<const std::uint8_t> bytes, const std::filesystem::path& file,
           const StructureLimits& limits)
        : bytes_(bytes), file_(file), limits_(limits) {}

    void run() {
        if (bytes_.size() < kPreambleBytes + 4 ||
            std::string_view(reinterpret_cast<const char*>(bytes_.data()) + kPreambleBytes, 4) !=
                "DICM")
            fail(0, "not a DICOM Part 10 file (no \"DICM\" after the 128-byte preamble)");
        pos_ = kPreambleBytes + 4;
        const Encoding encoding = readMeta();
        walkDataSet(encoding);
    }

private:
    [[noreturn]] void fail(std::size_t offset, const std::string& what) const {
        if (limits_.limitsOnly)
            throw LeaveToDcmtk{};
        failLimit(offset, what);
    }

    // A limit is enforced in both modes.
    [[noreturn]] void failLimit(std::size_t offset, const std::string& what) const {
        throw Error(ErrorCode::BadFormat,
                    file_.string() + ": " + what + " (at byte " + std::to_string(offset) + ")");
    }

    std::uint16_t u16(std::size_t at, bool littleEndian) const {
        const unsigned a = bytes_[at];
        const unsigned b = bytes_[at + 1];
        return static_cast<std::uint16_t>(littleEndian ? a | (b << 8) : (a << 8) | b);
    }
    std::uint32_t u32(std::size_t at, bool littleEndian) const {
        const std::uint32_t lo = u16(at, littleEndian);
        const std::uint32_t hi = u16(at + 2, littleEndian);
        return littleEndian ? lo | (hi << 16) : (lo << 16) | hi;
    }

    static std::string tagText(std::uint16_t group, std::uint16_t element) {
        char text[16];
        std::snprintf(text, sizeof text, "(%04X,%04X)", group, element);
        return text;
    }

    // The file meta group: explicit VR little endian, no sequences. Returns the data set's
    // encoding from Transfer Syntax UID (0002,0010).
    Encoding readMeta() {
        std::string transferSyntax;
        std::optional<std::uint32_t> groupLength;
        std::size_t groupStart = 0;
        while (pos_ + 8 <= bytes_.size() && u16(pos_, true) == 0x0002) {
            const std::size_t start = pos_;
            const std::uint16_t element = u16(pos_ + 2, true);
            const std::string_view vr(reinterpret_cast<const char*>(bytes_.data()) + pos_ + 4, 2);
            std::uint32_t length = 0;
            if (contains(kLongVrs, vr)) {
                if (pos_ + 12 > bytes_.size())
                    fail(start, "the file meta information is truncated");
                length = u32(pos_ + 8, true);
                pos_ += 12;
            } else if (contains(kShortVrs, vr)) {
                length = u16(pos_ + 6, true);
                pos_ += 8;
            } else {
                fail(start,
                     "file meta element " + tagText(0x0002, element) + " has no valid explicit VR");
            }
            if (length == kUndefinedLength || length > bytes_.size() - pos_)
                fail(start, "file meta element " + tagText(0x0002, element) +
                                " runs past the end of the file");
            if (element == 0x0000 && length == 4) {
                groupLength = u32(pos_, true);
                groupStart = pos_ + 4;
            }
            if (element == 0x0010) {
                transferSyntax.assign(reinterpret_cast<const char*>(bytes_.data()) + pos_, length);
                while (!transferSyntax.empty() &&
                       (transferSyntax.back() == '\0' || transferSyntax.back() == ' '))
                    transferSyntax.pop_back();
            }
            pos_ += length;
        }
        // DCMTK ends the meta group where its length says: it must be where the group ends.
        if (groupLength && pos_ - groupStart != *groupLength)
            fail(kPreambleBytes, "File Meta Information Group Length says " +
                                     std::to_string(*groupLength) + " bytes, the group has " +
                                     std::to_string(pos_ - groupStart));
        if (transferSyntax.empty())
            fail(kPreambleBytes, "the file meta information has no Transfer Syntax UID");
        if (transferSyntax == "1.2.840.10008.1.2")
            return {false, true};
        if (transferSyntax == "1.2.840.10008.1.2.2")
            return {true, false};
        // Explicit VR little endian, natively or as the data set encoding of a compressed syntax.
        if (transferSyntax == "1.2.840.10008.1.2.1" || transferSyntax == "1.2.840.10008.1.2.5" ||
            transferSyntax.rfind("1.2.840.10008.1.2.4.", 0) == 0)
            return {true, true};
        fail(kPreambleBytes, "transfer syntax " + transferSyntax + " is not supported here");
    }

    int sequenceDepth() const {
        int depth = 0;
        for (const auto& frame : stack_)
            if (frame.kind == Kind::Sequence || frame.kind == Kind::Fragments)
                ++depth;
        return depth;
    }

    void push(const Frame& frame, std::size_t at) {
        stack_.push_back(frame);
        if (sequenceDepth() > limits_.maxSequenceDepth)
            failLimit(at, "sequences are nested more than " +
                              std::to_string(limits_.maxSequenceDepth) + " deep");
    }

    // Where the innermost container of defined length (or the data set) ends.
    std::size_t limit() const {
        for (auto frame = stack_.rbegin(); frame != stack_.rend(); ++frame)
            if (frame->end != kNoEnd)
                return frame->end;
        return bytes_.size();
    }

    // The end of a defined-length child must lie inside its parents and the file.
    std::size_t childEnd(std::size_t at, std::uint32_t length, const std::string& what) const {
        const std::size_t end = limit();
        if (length > end - pos_)
            fail(at, what + " of " + std::to_string(length) + " bytes runs past the end of " +
                         (end == bytes_.size() ? "the file (truncated?)" : "its container"));
        return pos_ + length;
    }

    void walkDataSet(Encoding encoding) {
        stack_.push_back({Kind::DataSet, bytes_.size(), encoding});
        std::size_t elements = 0;
        while (true) {
            const Frame top = stack_.back();
            if (top.end != kNoEnd && pos_ == top.end) {
                if (top.kind == Kind::DataSet)
                    return;
                if (top.kind == Kind::Sequence || top.kind == Kind::Item) {
                    stack_.pop_back();
                    continue;
                }
            }
            if (pos_ > limit())
                fail(pos_, "a sequence runs past the end of its container");
            if (pos_ == bytes_.size())
                fail(pos_, "the file ends inside a sequence (truncated?)");
            if (pos_ + 8 > limit())
                fail(pos_, "an element header runs past the end of its container (truncated?)");
            if (++elements > limits_.maxElements)
                failLimit(pos_, "more than " + std::to_string(limits_.maxElements) + " elements");
            const std::size_t start = pos_;
            const bool le = top.encoding.littleEndian;
            const std::uint16_t group = u16(pos_, le);
            const std::uint16_t element = u16(pos_ + 2, le);
            if (group == 0xFFFE) {
                const std::uint32_t length = u32(pos_ + 4, le);
                pos_ += 8;
                delimiter(top, element, length, start);
                continue;
            }
            if (top.kind == Kind::Sequence || top.kind == Kind::Fragments)
                fail(start, "element " + tagText(group, element) +
                                " appears in a sequence outside any item");
            this->element(top, group, element, start);
        }
    }

    void delimiter(const Frame& top, std::uint16_t element, std::uint32_t length,
                   std::size_t start) {
        if (element == 0xE000) {
            if (top.kind == Kind::Fragments) {
                if (length == kUndefinedLength)
                    fail(start, "a pixel data fragment has undefined length");
                pos_ = childEnd(start, length, "a pixel data fragment");
                return;
            }
            if (top.kind != Kind::Sequence)
                fail(start, "an item appears outside a sequence");
            const std::size_t end =
                length == kUndefinedLength ? kNoEnd : childEnd(start, length, "an item");
            push({Kind::Item, end, top.encoding}, start);
            return;
        }
        if (element == 0xE00D) {
            if (top.kind != Kind::Item || top.end != kNoEnd)
                fail(start, "an item delimiter appears outside an item of undefined length");
            stack_.pop_back();
            return;
        }
        if (element == 0xE0DD) {
            if ((top.kind != Kind::Sequence && top.kind != Kind::Fragments) || top.end != kNoEnd)
                fail(start, "a sequence delimiter appears outside a sequence of undefined length");
            stack_.pop_back();
            return;
        }
        fail(start, "unknown delimiter " + tagText(0xFFFE, element));
    }

    void element(const Frame& top, std::uint16_t group, std::uint16_t element, std::size_t start) {
        const bool le = top.encoding.littleEndian;
        std::string vr;
        std::uint32_t length = 0;
        if (top.encoding.explicitVr) {
            vr.assign(reinterpret_cast<const char*>(bytes_.data()) + pos_ + 4, 2);
            if (contains(kLongVrs, vr)) {
                if (pos_ + 12 > bytes_.size())
                    fail(start, "the file ends inside an element header (truncated?)");
                length = u32(pos_ + 8, le);
                pos_ += 12;
            } else if (contains(kShortVrs, vr)) {
                length = u16(pos_ + 6, le);
                pos_ += 8;
            } else {
                fail(start, "element " + tagText(group, element) + " has no valid explicit VR");
            }
        } else {
            length = u32(pos_ + 4, le);
            pos_ += 8;
            vr = DcmTag(group, element).getEVR() == EVR_SQ ? "SQ" : "";
        }
        const std::string what = "element " + tagText(group, element);
        if (length == kUndefinedLength) {
            if (vr == "SQ")
                push({Kind::Sequence, kNoEnd, top.encoding}, start);
            else if (vr == "UN" || vr.empty()) // CP-246: implicit VR little endian inside
                push({Kind::Sequence, kNoEnd, {false, true}}, start);
            else if (vr == "OB" || vr == "OW")
                push({Kind::Fragments, kNoEnd, top.encoding}, start);
            else
                fail(start, what + " (VR " + vr + ") has undefined length");
            return;
        }
        const std::size_t end = childEnd(start, length, what);
        // In implicit VR, DCMTK may know a (private) tag as SQ where DcmTag(group, element)
        // alone does not: a value that opens with an item is walked as a sequence too.
        const bool opensWithItem = !top.encoding.explicitVr && length >= 8 &&
                                   u16(pos_, le) == 0xFFFE && u16(pos_ + 2, le) == 0xE000;
        if (vr == "SQ" || opensWithItem)
            push({Kind::Sequence, end, top.encoding}, start);
        else
            pos_ = end;
    }

    std::span<const std::uint8_t> bytes_;
    const std::filesystem::path& file_;
    StructureLimits limits_;
    std::size_t pos_ = 0;
    std::vector<Frame> stack_;
};

} // namespace

void checkStructure(std::span<const std::uint8_t> bytes, const std::filesystem::path& file,
                    const StructureLimits& limits) {
    try {
        Walker(bytes, file, limits).run();
    } catch (const LeaveToDcmtk&) {
    }
}

void checkFileStructure(const std::filesystem::path& file, const StructureLimits& limits) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::Io, file.string() + ": cannot open");
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw Error(ErrorCode::Io, file.string() + ": not a regular file");
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    if (size == 0) {
        ::close(fd);
        checkStructure({}, file, limits);
        return;
    }
    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (mapped == MAP_FAILED)
        throw Error(ErrorCode::Io, file.string() + ": cannot map the file to check it");
    try {
        checkStructure({static_cast<const std::uint8_t*>(mapped), size}, file, limits);
    } catch (...) {
        ::munmap(mapped, size);
        throw;
    }
    ::munmap(mapped, size);
}

} // namespace prescreen::imaging::detail
