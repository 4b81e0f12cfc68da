// Files -> scans: decode, find siblings, group by scan and view.
#include "decoded_file.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>

#include <algorithm>
#include <map>
#include <set>

namespace prescreen::imaging {
namespace {

decode::DecodedFile decodeAny(const std::filesystem::path& file) {
    if (decode::looksLikeRaster(file))
        return decode::decodeRasterFile(file);
    return decode::decodeDicomFile(file);
}

int planeOrder(PlaneKind kind) {
    switch (kind) {
    case PlaneKind::HighEnergy:
        return 0;
    case PlaneKind::LowEnergy:
        return 1;
    default:
        return 2 + static_cast<int>(kind);
    }
}

// `files` front first: the file the user opened wins over copies of the same instance.
Scan buildScan(std::vector<decode::DecodedFile> files) {
    Scan scan;
    if (files.empty())
        return scan;
    std::set<std::string> instances;
    std::vector<decode::DecodedFile> unique;
    for (auto& file : files) {
        const std::string uid =
            file.planes.empty() ? std::string() : file.planes.front().sopInstanceUid;
        if (!uid.empty() && !instances.insert(uid).second) {
            scan.warnings.push_back(file.file.filename().string() +
                                    " skipped: another copy of image " + uid);
            continue;
        }
        unique.push_back(std::move(file));
    }
    files = std::move(unique);
    // The same order whatever order the folder listed the files in.
    std::sort(files.begin(), files.end(),
              [](const auto& a, const auto& b) { return a.file < b.file; });
    scan.metadata = files.front().metadata;
    std::map<int, View> views;
    for (auto& file : files) {
        scan.files.push_back(file.file);
        for (auto& warning : file.warnings)
            scan.warnings.push_back(std::move(warning));
        View& view = views[file.viewIndex];
        view.index = file.viewIndex;
        if (view.description.empty())
            view.description = file.viewDescription;
        for (auto& plane : file.planes) {
            if (view.find(plane.kind) != nullptr)
                scan.warnings.push_back(plane.sourceFile.filename().string() + ": a second " +
                                        planeKindName(plane.kind) + " plane in view " +
                                        std::to_string(view.index));
            view.planes.push_back(std::move(plane));
        }
    }
    for (auto& [index, view] : views) {
        std::stable_sort(view.planes.begin(), view.planes.end(), [](const auto& a, const auto& b) {
            return planeOrder(a.kind) < planeOrder(b.kind);
        });
        const auto* high = view.find(PlaneKind::HighEnergy);
        const auto* low = view.find(PlaneKind::LowEnergy);
        if (high != nullptr && low != nullptr &&
            (high->pixels.width() != low->pixels.width() ||
             high->pixels.height() != low->pixels.height()))
            scan.warnings.push_back("view " + std::to_string(index) +
                                    ": high and low energy planes differ in size; material "
                                    "colour is not available");
        scan.views.push_back(std::move(view));
    }
    return scan;
}

std::vector<std::filesystem::path> folderFiles(const std::filesystem::path& folder,
                                               std::size_t limit) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        std::error_code typeError;
        if (!entry.is_regular_file(typeError))
            continue;
        if (files.size() >= limit)
            throw Error(ErrorCode::Unsupported, folder.string() + ": more than " +
                                                    std::to_string(limit) +
                                                    " files; open a scan's own folder");
        files.push_back(entry.path());
    }
    if (ec)
        throw Error(ErrorCode::Io, folder.string() + ": cannot list folder (" + ec.message() + ")");
    std::sort(files.begin(), files.end());
    return files;
}

// The key that groups a file into a scan, or an empty key with a reason.
std::pair<std::string, std::string> scanKey(const std::filesystem::path& file) {
    if (decode::looksLikeRaster(file))
        return {decode::rasterScanKey(file), {}}; // lab pairs are grouped by name
    const auto identity = decode::identifyFile(file);
    if (!identity.isDicom)
        return {{}, identity.problem};
    return {identity.studyUid.empty() ? "file:" + file.string() : identity.studyUid, {}};
}

} // namespace

Scan readScanFile(const std::filesystem::path& file) {
    std::vector<decode::DecodedFile> files;
    files.push_back(decodeAny(file));
    return buildScan(std::move(files));
}

FolderContents openFolder(const std::filesystem::path& folder, const OpenOptions& options) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw Error(ErrorCode::NotFound, folder.string() + ": no such folder");
    FolderContents contents;
    std::map<std::string, std::vector<std::filesystem::path>> groups;
    for (const auto& file : folderFiles(folder, options.maxFolderEntries)) {
        auto [key, problem] = scanKey(file);
        if (key.empty())
            contents.skipped.push_back({file, problem});
        else
            groups[key].push_back(file);
    }
    for (const auto& [key, paths] : groups) {
        std::vector<decode::DecodedFile> decoded;
        for (const auto& path : paths) {
            try {
                decoded.push_back(decodeAny(path));
            } catch (const Error& error) {
                contents.skipped.push_back({path, error.what()});
            }
        }
        if (!decoded.empty())
            contents.scans.push_back(buildScan(std::move(decoded)));
    }
    return contents;
}

Scan openScan(const std::filesystem::path& path, const OpenOptions& options) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        auto contents = openFolder(path, options);
        if (contents.scans.size() == 1) {
            for (const auto& skipped : contents.skipped)
                contents.scans.front().warnings.push_back(skipped.file.filename().string() +
                                                          " skipped: " + skipped.reason);
            return std::move(contents.scans.front());
        }
        std::string reason = contents.scans.empty()
                                 ? "holds no readable scan"
                                 : "holds " + std::to_string(contents.scans.size()) +
                                       " scans; open one of its files";
        if (contents.scans.empty() && !contents.skipped.empty())
            reason += " (first problem: " + contents.skipped.front().file.filename().string() +
                      ": " + contents.skipped.front().reason + ")";
        throw Error(ErrorCode::BadFormat, path.string() + ": " + reason);
    }

    std::vector<decode::DecodedFile> files;
    files.push_back(decodeAny(path));
    const std::string key = files.front().studyUid;
    std::vector<std::string> warnings;
    if (options.findSiblings && !key.empty() && path.has_parent_path()) {
        std::vector<std::filesystem::path> candidates;
        try {
            candidates = folderFiles(path.parent_path(), options.maxFolderEntries);
        } catch (const Error& error) {
            warnings.push_back(std::string("siblings not searched: ") + error.what());
        }
        for (const auto& candidate : candidates) {
            if (std::filesystem::equivalent(candidate, path, ec) || scanKey(candidate).first != key)
                continue;
            try {
                files.push_back(decodeAny(candidate));
            } catch (const Error& error) {
                warnings.push_back(candidate.filename().string() + " skipped: " + error.what());
            }
        }
    }
    Scan scan = buildScan(std::move(files));
    scan.warnings.insert(scan.warnings.end(), warnings.begin(), warnings.end());
    return scan;
}

} // namespace prescreen::imaging
