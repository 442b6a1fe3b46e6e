#include "cli/Arguments.h"
#include "cli/Commands.h"

#include "affairs/DemoBuilder.h"
#include "core/Error.h"
#include "pipeline/ExtractionPool.h"
#include "pipeline/IndexFeeder.h"

#include <chrono>
#include <iostream>
#include <thread>

namespace majlis::cli {

namespace {

using Clock = std::chrono::steady_clock;

const CommandSpec kDemoSpec = {"demo",
    "Stores a generated demo data set (the real regions and amanat, generated councils, people, meetings, "
    "decisions, minutes and citizen submissions) in an empty data folder and, unless --no-wait is given, returns "
    "when all of it is searchable. The same options and seed give the same data.",
    "", 0, 0,
    {dataOption(), {"councils", "N", "number of councils, 1 to 400: the 17 amana councils first (default 17)"},
        {"members-per-council", "N", "members of each council, 3 to 30 (default 11)"},
        {"years", "N", "Hijri years of meetings from the start of the latest term, 1 to 4 (default 1)"},
        {"seed", "N", "seed of the generator (default 1)"},
        {"scans", "FILE", "an image-only PDF to store as the scan of one meeting's minutes (up to 8)", true},
        {"laws", "DIR", "folder of statutes as Markdown to quote in decisions (default: the excerpt built in)"},
        {"json", "", "print a JSON summary"},
        {"no-wait", "", "return once the records are stored, before they are indexed"}}};

long long numberOption(const Arguments& arguments, const std::string& name, long long fallback)
{
    const auto text = arguments.value(name);
    if (!text)
        return fallback;
    if (text->empty() || text->size() > 18 || text->find_first_not_of("0123456789") != std::string::npos)
        throw Error(ErrorCode::invalid_argument, "error.invalid_number",
            "invalid --" + name + " '" + *text + "'; give a whole number", {{"field", name}, {"value", *text}});
    return std::stoll(*text);
}

// Extracts and indexes in this process when no server does, or waits for
// the server to, until both queues are empty.
void waitUntilSearchable(records::RecordStore& store, const std::filesystem::path& data)
{
    pipeline::ExtractionPool pool(store, data, {}, {});
    for (;;) {
        pool.drain();
        pipeline::drainIndexIfIdle(store, data);
        if (store.queueLength(records::kIndexQueue) == 0 && store.queueLength(records::kExtractQueue) == 0)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

} // namespace

int runDemo(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kDemoSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kDemoSpec);
        return 0;
    }
    const auto start = Clock::now();
    const std::filesystem::path data = arguments.valueOr("data", "./data");

    affairs::DemoOptions options;
    options.councils = static_cast<int>(std::min<long long>(numberOption(arguments, "councils", 17), 1000000));
    options.membersPerCouncil
        = static_cast<int>(std::min<long long>(numberOption(arguments, "members-per-council", 11), 1000000));
    options.years = static_cast<int>(std::min<long long>(numberOption(arguments, "years", 1), 1000000));
    options.seed = static_cast<std::uint64_t>(numberOption(arguments, "seed", 1));
    for (const std::string& scan : arguments.all("scans"))
        options.scans.emplace_back(scan);
    options.lawsDirectory = arguments.valueOr("laws", "");
    affairs::validate(options);

    records::RecordStore store(data);
    affairs::Affairs affairs(store);
    const affairs::DemoReport report = affairs::buildDemo(affairs, options, "cli:demo");
    const double storedSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    const bool wait = !arguments.has("no-wait");
    if (wait)
        waitUntilSearchable(store, data);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

    if (arguments.has("json")) {
        std::cout << nlohmann::json{{"councils", report.councils}, {"members", report.members},
                         {"meetings", report.meetings}, {"minutes", report.minutes},
                         {"scanned_minutes", report.scannedMinutes}, {"decisions", report.decisions},
                         {"citizen_submissions", report.submissions}, {"member_files", report.memberFiles},
                         {"records", report.records}, {"stored_seconds", storedSeconds}, {"seconds", seconds},
                         {"searchable", wait}}
                         .dump()
                  << '\n';
    } else {
        std::cout << "stored " << report.records << " records: " << report.councils << " councils, " << report.members
                  << " members, " << report.meetings << " meetings, " << report.decisions << " decisions, "
                  << report.minutes << " minutes (" << report.scannedMinutes << " scanned), " << report.submissions
                  << " citizen submissions in " << static_cast<int>(storedSeconds) << " s";
        if (wait)
            std::cout << "; searchable after " << static_cast<int>(seconds) << " s";
        std::cout << '\n';
    }
    return 0;
}

} // namespace majlis::cli
