#pragma once

#include "core/CalendarDate.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace majlis::affairs {

// One of the 13 administrative regions of the Kingdom.
struct Region {
    int id = 0;
    std::string code; // two letters, such as "RD" for Riyadh
    std::string nameAr;
    std::string nameEn;
};

// An amana: the municipality of a region or of a large governorate.
struct Amana {
    int id = 0;
    std::string nameAr;
    std::string nameEn;
    std::string region; // region code
};

// A council as the shipped data file describes it, before it becomes a record.
struct CouncilSeed {
    std::string code;
    std::string nameAr;
    std::string nameEn;
    std::string region;
    std::string municipality;
    std::string category;
    int seats = 0;
};

// A council term (دورة) as the shipped data file describes it.
struct TermSeed {
    std::string code;
    std::string nameAr;
    std::string nameEn;
    CalendarDate startsOn = CalendarDate::fromDaysSinceEpoch(0);
    CalendarDate endsOn = CalendarDate::fromDaysSinceEpoch(0);
};

// One article of a statute, from the excerpt shipped for demo data.
struct StatuteArticle {
    std::string law;
    std::string article;
    std::string text;
};

// The reference data compiled into the program from affairs/data: the
// regions (a GPL-2.0 data file), the amanat, and the versioned file of
// councils and terms that seeds the council and term records.
struct ReferenceData {
    int councilsFileVersion = 0;
    std::vector<Region> regions;
    std::vector<Amana> amanat;
    std::vector<CouncilSeed> councils;
    std::vector<TermSeed> terms;
    std::vector<StatuteArticle> statuteArticles;

    const Region* findRegion(const std::string& code) const;
};

// The compiled-in reference data, parsed once.
const ReferenceData& referenceData();

// Throws invalid_argument naming `code` unless it is one of the 13 region codes.
const Region& requireRegion(const std::string& code);

} // namespace majlis::affairs
