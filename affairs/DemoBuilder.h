#pragma once

#include "affairs/Affairs.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace majlis::affairs {

// The size of the data set `majlis demo` builds. Limits keep a mistyped number from filling the disk.
struct DemoOptions {
    int councils = 17;          // 1 to 400: the amana councils first, then generated municipal councils
    int membersPerCouncil = 11; // 3 to 30 (the Municipal Councils Law caps a council at 30)
    int years = 1;              // 1 to 4 Hijri years from the start of the latest term
    std::uint64_t seed = 1;
    // Image-only PDFs attached as the scans of as many minutes, up to 8.
    std::vector<std::filesystem::path> scans;
    // Folder of statutes as Markdown ("### المادة …" headings) to draw
    // decision wording from; empty: the excerpt compiled into the program.
    std::filesystem::path lawsDirectory;
};

struct DemoReport {
    std::size_t councils = 0;
    std::size_t members = 0;
    std::size_t meetings = 0;
    std::size_t minutes = 0;
    std::size_t scannedMinutes = 0;
    std::size_t decisions = 0;
    std::size_t submissions = 0;
    std::size_t memberFiles = 0;
    std::size_t records = 0;
};

// Throws invalid_argument naming the option that is out of range.
void validate(const DemoOptions& options);

// Stores a generated but realistic data set: the real regions and amanat,
// generated councils and people (names combined from common given and
// family names, no real person), two thirds of members elected, monthly
// meetings with agendas, attendance and votes, decisions quoting real
// statute articles, typed and scanned minutes, citizen submissions with
// answer dates and member files. The same options and seed give the same
// records. Refuses a store that already has members, so a second run never
// doubles the data.
DemoReport buildDemo(Affairs& affairs, const DemoOptions& options, const std::string& author);

} // namespace majlis::affairs
