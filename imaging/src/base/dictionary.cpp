#include <prescreen/error.h>
#include <prescreen/imaging/buffer.h>
#include <prescreen/imaging/dictionary.h>

#include <dcmtk/dcmdata/dcdicent.h>
#include <dcmtk/dcmdata/dcdict.h>
#include <dcmtk/dcmdata/dcvr.h>
#include <dcmtk/oflog/oflog.h>

#include <charconv>
#include <mutex>
#include <vector>

namespace prescreen::imaging {
namespace {

std::vector<std::string_view> splitTabs(std::string_view line) {
    std::vector<std::string_view> fields;
    while (true) {
        const auto tab = line.find('\t');
        fields.push_back(line.substr(0, tab));
        if (tab == std::string_view::npos)
            break;
        line.remove_prefix(tab + 1);
    }
    return fields;
}

[[noreturn]] void badLine(int lineNumber, const std::string& what) {
    throw Error(ErrorCode::BadFormat,
                "dictionary line " + std::to_string(lineNumber) + ": " + what);
}

std::uint16_t parseHex16(std::string_view text, int lineNumber) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (ec != std::errc() || end != text.data() + text.size() || text.size() != 4)
        badLine(lineNumber, "tag part '" + std::string(text) + "' is not four hex digits");
    return static_cast<std::uint16_t>(value);
}

// VM text as in dicom.dic: "1", "3", "1-n", "6-n", "2-2n", "1-3".
void parseVm(std::string_view text, int lineNumber, int& vmMin, int& vmMax) {
    const auto dash = text.find('-');
    const auto minText = text.substr(0, dash);
    const auto [end, ec] = std::from_chars(minText.data(), minText.data() + minText.size(), vmMin);
    if (ec != std::errc() || end != minText.data() + minText.size() || vmMin < 0)
        badLine(lineNumber, "VM '" + std::string(text) + "' is not a multiplicity");
    if (dash == std::string_view::npos) {
        vmMax = vmMin;
        return;
    }
    const auto maxText = text.substr(dash + 1);
    if (!maxText.empty() && maxText.back() == 'n') {
        vmMax = -1;
        return;
    }
    const auto [end2, ec2] =
        std::from_chars(maxText.data(), maxText.data() + maxText.size(), vmMax);
    if (ec2 != std::errc() || end2 != maxText.data() + maxText.size() || vmMax < vmMin)
        badLine(lineNumber, "VM '" + std::string(text) + "' is not a multiplicity");
}

void loadSupplementaryDictionary() {
    std::vector<DictionaryLine> entries;
    int lineNumber = 0;
    std::string_view text = supplementaryDictionaryText();
    while (!text.empty()) {
        ++lineNumber;
        const auto newline = text.find('\n');
        auto line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        entries.push_back(parseDictionaryLine(line, lineNumber));
    }

    DcmDataDictionary& dict = dcmDataDict.wrlock();
    for (const auto& entry : entries) {
        // DCMTK's own entry wins where one exists: we only fill gaps.
        if (dict.findEntry(DcmTagKey(entry.group, entry.element), nullptr) != nullptr)
            continue;
        dict.addEntry(new DcmDictEntry(
            entry.group, entry.element, DcmVR(entry.vr.c_str()), entry.keyword.c_str(), entry.vmMin,
            entry.vmMax < 0 ? DcmVariableVM : entry.vmMax, entry.version.c_str(), OFTrue, nullptr));
    }
    dcmDataDict.wrunlock();
}

} // namespace

DictionaryLine parseDictionaryLine(std::string_view line, int lineNumber) {
    const auto fields = splitTabs(line);
    if (fields.size() != 5)
        badLine(lineNumber,
                "expected 5 tab-separated fields (tag, VR, keyword, VM, version), found " +
                    std::to_string(fields.size()));
    const auto tag = fields[0];
    if (tag.size() != 11 || tag.front() != '(' || tag[5] != ',' || tag.back() != ')')
        badLine(lineNumber, "tag '" + std::string(tag) + "' is not of the form (gggg,eeee)");

    DictionaryLine entry;
    entry.group = parseHex16(tag.substr(1, 4), lineNumber);
    entry.element = parseHex16(tag.substr(6, 4), lineNumber);
    entry.vr = std::string(fields[1]);
    if (DcmVR(entry.vr.c_str()).getEVR() == EVR_UNKNOWN || entry.vr.size() != 2)
        badLine(lineNumber, "'" + entry.vr + "' is not a DICOM VR");
    entry.keyword = std::string(fields[2]);
    if (entry.keyword.empty())
        badLine(lineNumber, "keyword is empty");
    parseVm(fields[3], lineNumber, entry.vmMin, entry.vmMax);
    entry.version = std::string(fields[4]);
    return entry;
}

void initialise() {
    static std::once_flag once;
    std::call_once(once, [] {
        Buffer::tuneHeap();
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        loadSupplementaryDictionary();
    });
}

std::optional<TagInfo> lookupTag(std::uint16_t group, std::uint16_t element) {
    initialise();
    const DcmDataDictionary& dict = dcmDataDict.rdlock();
    const DcmDictEntry* entry = dict.findEntry(DcmTagKey(group, element), nullptr);
    std::optional<TagInfo> info;
    if (entry != nullptr) {
        info = TagInfo{entry->getTagName(), entry->getVR().getVRName(), {}};
        const int vmMin = entry->getVMMin();
        const int vmMax = entry->getVMMax();
        info->vm = std::to_string(vmMin);
        if (vmMax == DcmVariableVM)
            info->vm += "-n";
        else if (vmMax != vmMin)
            info->vm += "-" + std::to_string(vmMax);
    }
    dcmDataDict.rdunlock();
    return info;
}

} // namespace prescreen::imaging
