#include <prescreen/imaging/materials/phantom.h>

#include <nlohmann/json.hpp>

namespace prescreen::imaging::materials {

const char* phantomKindName(PhantomKind kind) noexcept {
    switch (kind) {
    case PhantomKind::Parcel:
        return "parcel";
    case PhantomKind::Pallet:
        return "pallet";
    case PhantomKind::Container:
        return "container";
    case PhantomKind::Cargo:
        return "cargo";
    }
    return "?";
}

std::optional<PhantomKind> parsePhantomKind(std::string_view name) noexcept {
    for (const auto kind :
         {PhantomKind::Parcel, PhantomKind::Pallet, PhantomKind::Container, PhantomKind::Cargo}) {
        if (name == phantomKindName(kind))
            return kind;
    }
    return std::nullopt;
}

std::string groundTruthJson(const PhantomTruth& truth) {
    using nlohmann::json;
    const auto box = [](const PixelRect& r) {
        return json{{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
    };
    json objects = json::array();
    for (const auto& o : truth.objects) {
        json polygon = json::array();
        for (const auto& p : o.polygon)
            polygon.push_back({p[0], p[1]});
        objects.push_back({{"id", o.id},
                           {"material", o.material},
                           {"class", materialClassName(o.materialClass)},
                           {"expectedClass", materialClassName(o.expectedClass())},
                           {"impenetrable", o.impenetrable},
                           {"zEff", o.zEff},
                           {"densityGcm3", o.densityGcm3},
                           {"thicknessCm", o.thicknessCm},
                           {"boundingBoxPx", box(o.box)},
                           {"polygonPx", polygon},
                           {"pixels", o.pixels},
                           {"massKg", o.massKg}});
    }
    json gaps = json::array();
    for (const auto& gap : truth.gaps)
        gaps.push_back(box(gap));
    const json document = {
        {"format", "prescreen-phantom-truth"},
        {"version", 1},
        {"kind", phantomKindName(truth.kind)},
        {"profile", truth.profile},
        {"seed", truth.seed},
        {"scan",
         {{"studyInstanceUid", truth.scanInstanceUid},
          {"ooiId", truth.objectId},
          {"itineraryId", truth.itineraryId},
          {"carrierId", truth.carrierId}}},
        {"pixelSpacingMm", {truth.pixelSpacingMm[0], truth.pixelSpacingMm[1]}},
        {"airValue", {{"high", truth.airHigh}, {"low", truth.airLow}}},
        {"packaging",
         {{"material", truth.packagingMaterial},
          {"coverGcm2", truth.packagingCoverGcm2},
          {"interiorPx", box(truth.interior)},
          {"massKg", truth.packagingMassKg}}},
        {"objects", objects},
        {"palletGapsPx", gaps},
        {"objectsMassKg", truth.objectsMassKg},
        {"totalMassKg", truth.totalMassKg},
    };
    return document.dump(2) + "\n";
}

} // namespace prescreen::imaging::materials
