#include "affairs/ReferenceData.h"

#include "affairs/EmbeddedData.h"
#include "core/Error.h"

#include <nlohmann/json.hpp>

namespace majlis::affairs {

namespace {

ReferenceData parseReferenceData()
{
    ReferenceData data;
    for (const auto& entry : nlohmann::json::parse(embedded::regionsJson()))
        data.regions.push_back({entry.at("id").get<int>(), entry.at("code").get<std::string>(),
            entry.at("name_ar").get<std::string>(), entry.at("name_en").get<std::string>()});

    const auto councils = nlohmann::json::parse(embedded::councilsJson());
    data.councilsFileVersion = councils.at("version").get<int>();
    for (const auto& entry : councils.at("amanat"))
        data.amanat.push_back({entry.at("id").get<int>(), entry.at("name_ar").get<std::string>(),
            entry.at("name_en").get<std::string>(), entry.at("region").get<std::string>()});
    for (const auto& entry : councils.at("terms"))
        data.terms.push_back({entry.at("code").get<std::string>(), entry.at("name_ar").get<std::string>(),
            entry.at("name_en").get<std::string>(), CalendarDate::parse(entry.at("starts_on").get<std::string>()),
            CalendarDate::parse(entry.at("ends_on").get<std::string>())});
    for (const auto& entry : councils.at("councils"))
        data.councils.push_back({entry.at("code").get<std::string>(), entry.at("name_ar").get<std::string>(),
            entry.at("name_en").get<std::string>(), entry.at("region").get<std::string>(),
            entry.at("municipality").get<std::string>(), entry.at("category").get<std::string>(),
            entry.at("seats").get<int>()});

    const auto statutes = nlohmann::json::parse(embedded::statutesJson());
    for (const auto& entry : statutes.at("articles"))
        data.statuteArticles.push_back({entry.at("law").get<std::string>(), entry.at("article").get<std::string>(),
            entry.at("text").get<std::string>()});
    return data;
}

} // namespace

const Region* ReferenceData::findRegion(const std::string& code) const
{
    for (const Region& region : regions)
        if (region.code == code)
            return &region;
    return nullptr;
}

const ReferenceData& referenceData()
{
    static const ReferenceData data = parseReferenceData();
    return data;
}

const Region& requireRegion(const std::string& code)
{
    if (const Region* region = referenceData().findRegion(code))
        return *region;
    std::string codes;
    for (const Region& region : referenceData().regions) {
        if (!codes.empty())
            codes += ", ";
        codes += region.code;
    }
    throw Error(ErrorCode::invalid_argument, "error.unknown_region",
        "unknown region '" + code + "'; use one of: " + codes, {{"value", code}});
}

} // namespace majlis::affairs
