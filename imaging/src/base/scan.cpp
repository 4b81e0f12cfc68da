#include <prescreen/imaging/scan.h>

namespace prescreen::imaging {

const char* planeKindName(PlaneKind kind) noexcept {
    switch (kind) {
    case PlaneKind::Single:
        return "SINGLE";
    case PlaneKind::HighEnergy:
        return "HIGH ENERGY";
    case PlaneKind::LowEnergy:
        return "LOW ENERGY";
    case PlaneKind::ZEffective:
        return "Z_EFFECTIVE";
    case PlaneKind::Density:
        return "DENSITY";
    case PlaneKind::Intensity:
        return "INTENSITY";
    case PlaneKind::Mu:
        return "MU";
    case PlaneKind::BasisMaterial1:
        return "BASIS_MATERIAL_1";
    case PlaneKind::BasisMaterial2:
        return "BASIS_MATERIAL_2";
    case PlaneKind::Compton:
        return "COMPTON";
    case PlaneKind::Photoelectric:
        return "PHOTOELECTRIC";
    case PlaneKind::MultiEnergy:
        return "MULTI ENERGY";
    }
    return "?";
}

const Plane* View::find(PlaneKind kind) const noexcept {
    for (const auto& plane : planes) {
        if (plane.kind == kind)
            return &plane;
    }
    return nullptr;
}

bool View::isDualEnergy() const noexcept {
    return find(PlaneKind::HighEnergy) != nullptr && find(PlaneKind::LowEnergy) != nullptr;
}

std::size_t Scan::planeCount() const noexcept {
    std::size_t count = 0;
    for (const auto& view : views)
        count += view.planes.size();
    return count;
}

} // namespace prescreen::imaging
