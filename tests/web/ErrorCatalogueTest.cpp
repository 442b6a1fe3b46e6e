// Checks that every error a client can receive has its message in the
// catalogues, by scanning the source tree for the message ids of
// majlis::Error constructions.

#include "core/Error.h"

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kSourceDirectory = MAJLIS_SOURCE_DIR;

// Folders whose errors never reach an HTTP client: the command line, and
// what is not part of the program.
const std::set<std::string> kSkippedFolders = {"cli", "tests", "docs", "deploy", "cmake"};

// Message ids that only the command line, server start-up or a background
// worker raises, so no HTTP response carries them.
const std::map<std::string, std::string> kIdsNeverSent = {
    {"error.backup_target_not_empty", "majlis backup"},
    {"error.not_a_backup", "majlis restore"},
    {"error.restore_target_not_empty", "majlis restore"},
    {"error.demo_exists", "majlis demo"},
    {"error.no_articles", "majlis demo"},
    {"error.no_term", "majlis demo"},
    {"error.option_out_of_range", "majlis demo"},
    {"error.invalid_manifest", "majlis import"},
    {"error.invalid_listen", "server start: --listen"},
    {"error.invalid_trusted_proxy", "server start: --trusted-proxy"},
    {"error.missing_file", "server start: openapi.json"},
    {"error.invalid_template", "server start: templates"},
    {"error.invalid_static_file", "server start: static files"},
    {"error.invalid_catalogue", "server start: i18n files"},
    {"error.invalid_config", "server start: the legacy administrator file"},
    {"error.invalid_schema", "server start: the XSD files"},
    {"error.invalid_setting", "server start: smtp.json"},
    {"error.too_many_holidays", "server start: holidays.txt"},
};

// Prefixes of ids raised only by background workers, which log or store
// their failures: text extraction, indexing and e-mail.
const std::vector<std::string> kBackgroundPrefixes = {"ocr.", "indexer.", "notify."};

struct Construction {
    std::string file;
    int status = 0;
    std::set<std::string> params;
};

struct SourceIds {
    // Ids built with a literal code, with each construction's status and params.
    std::map<std::string, std::vector<Construction>> constructed;
    // Ids passed to helpers such as affairs' invalid(), whose code is in the helper.
    std::map<std::string, std::string> passed; // id → a file that names it
};

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

int statusOf(const std::string& codeName)
{
    static const std::map<std::string, majlis::ErrorCode> codes = {
#define MAJLIS_ERROR_CODE(name, number, http_status) {#name, majlis::ErrorCode::name},
#include "core/ErrorCodes.def"
#undef MAJLIS_ERROR_CODE
    };
    return majlis::httpStatusFor(codes.at(codeName));
}

// The text from `start` to the parenthesis that closes the call, skipping string literals.
std::string callArguments(const std::string& text, std::size_t start)
{
    int depth = 1;
    std::size_t i = start;
    for (; i < text.size() && depth > 0; ++i) {
        const char c = text[i];
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\')
                    ++i;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        }
    }
    return text.substr(start, i - start);
}

void scanFile(const fs::path& path, SourceIds& ids)
{
    const std::string text = readFile(path);
    const std::string file = fs::relative(path, kSourceDirectory).string();

    static const std::regex construction(R"re(\bError\s*\(\s*(?:majlis::)?ErrorCode::(\w+)\s*,\s*"([a-z]+\.[a-z_]+)")re");
    static const std::regex param(R"re(\{\s*"(\w+)"\s*,)re");
    for (std::sregex_iterator it(text.begin(), text.end(), construction), end; it != end; ++it) {
        Construction found{file, statusOf((*it)[1].str()), {}};
        const std::string arguments = callArguments(text, static_cast<std::size_t>(it->position(0) + it->length(0)));
        for (std::sregex_iterator p(arguments.begin(), arguments.end(), param); p != end; ++p)
            found.params.insert((*p)[1].str());
        ids.constructed[(*it)[2].str()].push_back(found);
    }

    static const std::regex literal(R"re("((?:error|search|indexer|ocr|notify)\.[a-z_]+)")re");
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it)
        ids.passed.emplace((*it)[1].str(), file);

    // affairs' notFound("term", …) raises "error.term_not_found", and
    // readable(id, RecordType::member, …) calls notFound("member", …).
    static const std::regex notFound(R"re(\b(?:notFound\(\s*"|readable\(\s*\w+\s*,\s*RecordType::)(\w+))re");
    for (std::sregex_iterator it(text.begin(), text.end(), notFound), end; it != end; ++it)
        ids.passed.emplace("error." + (*it)[1].str() + "_not_found", file);
}

const SourceIds& sourceIds()
{
    static const SourceIds ids = [] {
        SourceIds scanned;
        for (const auto& folder : fs::directory_iterator(kSourceDirectory)) {
            const std::string name = folder.path().filename().string();
            if (!folder.is_directory() || name.starts_with(".") || name.starts_with("build") || kSkippedFolders.contains(name))
                continue;
            for (const auto& entry : fs::recursive_directory_iterator(folder.path())) {
                const std::string extension = entry.path().extension().string();
                if (entry.is_regular_file() && (extension == ".cpp" || extension == ".h"))
                    scanFile(entry.path(), scanned);
            }
        }
        return scanned;
    }();
    return ids;
}

bool sentToClients(const std::string& id, const SourceIds& ids)
{
    if (kIdsNeverSent.contains(id))
        return false;
    for (const std::string& prefix : kBackgroundPrefixes)
        if (id.starts_with(prefix))
            return false;
    // A server error (5xx) gets a generic message, never its own.
    const auto constructed = ids.constructed.find(id);
    if (constructed != ids.constructed.end()) {
        bool clientError = false;
        for (const Construction& construction : constructed->second)
            clientError = clientError || construction.status < 500;
        return clientError;
    }
    return true;
}

std::string catalogueKeyOf(std::string id)
{
    for (char& c : id)
        if (c == '.')
            c = '_';
    return id;
}

nlohmann::json loadCatalogue(const std::string& language)
{
    std::ifstream in(kSourceDirectory / "web" / "i18n" / (language + ".json"));
    return nlohmann::json::parse(in);
}

} // namespace

BOOST_AUTO_TEST_SUITE(error_catalogue)

BOOST_AUTO_TEST_CASE(scan_finds_the_error_ids)
{
    const SourceIds& ids = sourceIds();
    BOOST_TEST(ids.constructed.size() > 100u);
    BOOST_TEST(ids.constructed.contains("error.expected_multipart"));
    BOOST_TEST(ids.passed.contains("error.member_not_found"));
    BOOST_TEST(ids.passed.contains("error.password_too_short"));
}

BOOST_AUTO_TEST_CASE(every_client_error_id_is_catalogued)
{
    const SourceIds& ids = sourceIds();
    std::set<std::string> all;
    for (const auto& [id, constructions] : ids.constructed)
        all.insert(id);
    for (const auto& [id, file] : ids.passed)
        all.insert(id);

    for (const std::string language : {"ar", "en", "qqq"}) {
        const nlohmann::json catalogue = loadCatalogue(language);
        for (const std::string& id : all)
            if (sentToClients(id, ids))
                BOOST_TEST(catalogue.contains(catalogueKeyOf(id)), language << ".json has no " << catalogueKeyOf(id));
    }
}

BOOST_AUTO_TEST_CASE(placeholders_have_their_params)
{
    const nlohmann::json english = loadCatalogue("en");
    static const std::regex placeholder(R"re(\{(\w+)\})re");
    for (const auto& [id, constructions] : sourceIds().constructed) {
        const std::string key = catalogueKeyOf(id);
        if (!english.contains(key) || !english[key].is_string())
            continue;
        const std::string text = english[key].get<std::string>();
        for (const Construction& construction : constructions) {
            if (construction.status >= 500) // the generic 5xx messages have only {request_id}
                continue;
            for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it)
                BOOST_TEST(construction.params.contains((*it)[1].str()),
                    id << " in " << construction.file << " passes no param " << (*it)[1].str());
        }
    }
}

BOOST_AUTO_TEST_CASE(ids_never_sent_still_exist)
{
    const SourceIds& ids = sourceIds();
    for (const auto& [id, where] : kIdsNeverSent)
        BOOST_TEST(ids.constructed.contains(id), id << " (" << where << ") is no longer raised; remove it from the list");
}

BOOST_AUTO_TEST_SUITE_END()
