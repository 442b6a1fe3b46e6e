#include "affairs/CouncilCodes.h"

#include "affairs/ReferenceData.h"
#include "core/Error.h"

#include <Poco/String.h>

#include <optional>

namespace majlis::affairs {

std::string resolveCouncilCode(const AffairsSnapshot& snapshot, const std::string& text)
{
    const std::string trimmed = Poco::trim(text);
    if (trimmed.empty())
        return trimmed;
    if (snapshot.findCouncil(trimmed))
        return trimmed;
    for (const CouncilSeed& seed : referenceData().councils)
        if (seed.code == trimmed)
            return trimmed;

    for (const auto& [code, id] : snapshot.councilIds) {
        const auto& council = std::get<Council>(snapshot.entries.at(id).item);
        if (council.nameAr == trimmed || council.nameEn == trimmed)
            return code;
    }
    for (const CouncilSeed& seed : referenceData().councils)
        if (seed.nameAr == trimmed || seed.nameEn == trimmed)
            return seed.code;

    throw Error(ErrorCode::invalid_argument, "error.unknown_council_code",
        "unknown council '" + trimmed + "'; give a council's code (GET /api/v1/councils lists them, such as RD-01) "
            "or its exact name",
        {{"value", trimmed}});
}

namespace {

// Returns the code of the shipped council with this code or exact name, if any.
std::optional<std::string> shippedCouncil(const std::string& trimmed)
{
    for (const CouncilSeed& seed : referenceData().councils)
        if (seed.code == trimmed || seed.nameAr == trimmed || seed.nameEn == trimmed)
            return seed.code;
    return std::nullopt;
}

} // namespace

CouncilResolver::CouncilResolver(const records::RecordStore& store)
    : store_(store)
{
}

std::string CouncilResolver::resolve(const std::string& text)
{
    const std::string trimmed = Poco::trim(text);
    if (trimmed.empty())
        return trimmed;
    if (const auto shipped = shippedCouncil(trimmed))
        return *shipped;
    if (!snapshot_)
        snapshot_ = SnapshotCache(store_).current();
    return resolveCouncilCode(*snapshot_, trimmed);
}

std::string CouncilResolver::resolveChange(const std::string& text, const std::string& current)
{
    return text == current ? current : resolve(text);
}

std::string CouncilResolver::resolveForRecord(records::RecordType type, const std::string& text)
{
    return type == records::RecordType::council ? text : resolve(text);
}

std::string changedCouncilCode(const AffairsSnapshot& snapshot, const std::string& text, const std::string& current)
{
    return text == current ? current : resolveCouncilCode(snapshot, text);
}

std::string recordCouncilCode(const AffairsSnapshot& snapshot, records::RecordType type, const std::string& text)
{
    return type == records::RecordType::council ? text : resolveCouncilCode(snapshot, text);
}

} // namespace majlis::affairs
