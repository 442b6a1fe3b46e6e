#include "records/RecordStore.h"
#include "tests/support/Command.h"
#include "tests/support/HttpClient.h"
#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Process.h>

#include <pwd.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <fstream>
#include <sstream>
#include <thread>

using namespace majlis;
using test::runMajlis;

namespace {

std::filesystem::path writeFile(const std::filesystem::path& path, const std::string& content)
{
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
}

nlohmann::json parseOutput(const test::CommandResult& result)
{
    BOOST_TEST_REQUIRE(result.exitCode == 0, result.err);
    return nlohmann::json::parse(result.out);
}

std::uint16_t freePort()
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

} // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(add_update_history_across_restarts)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    const auto scan = writeFile(dir / "محضر الجلسة.txt", "نص المحضر الأول");

    const auto added = parseOutput(runMajlis({"record", "add", "--data", data, "--type", "minutes", "--title",
        "محضر الجلسة الأولى", "--council", "المجلس البلدي لأمانة منطقة الرياض", "--access", "public", "--file",
        scan.string(), "--json"}));
    const std::string id = added["id"];
    BOOST_TEST(added["version"] == 1);
    BOOST_TEST(added["council"] == "RD-01"); // the council's exact name becomes its code
    BOOST_TEST(added["files"][0]["name"] == "محضر الجلسة.txt");

    const auto updated = parseOutput(runMajlis(
        {"record", "update", "--data", data, id, "--title", "محضر معدل", "--reason", "تصحيح", "--json"}));
    BOOST_TEST(updated["version"] == 2);

    const auto history = parseOutput(runMajlis({"record", "history", "--data", data, id, "--json"}));
    BOOST_TEST_REQUIRE(history["versions"].size() == 2u);
    BOOST_TEST(history["versions"][0]["version"] == 1);
    BOOST_TEST(history["versions"][1]["title"] == "محضر معدل");
    BOOST_TEST(history["versions"][1]["files"][0]["name"] == "محضر الجلسة.txt");

    const auto file = runMajlis({"record", "get-file", "--data", data, id, "محضر الجلسة.txt"});
    BOOST_TEST(file.exitCode == 0);
    BOOST_TEST(file.out == "نص المحضر الأول");
}

BOOST_AUTO_TEST_CASE(record_author_is_effective_login_name)
{
    // The author comes from the password database, whatever $USER holds:
    // unset (empty here), a number, or another user's name after su.
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    const passwd* entry = getpwuid(geteuid());
    BOOST_TEST_REQUIRE(entry != nullptr, "the test's own uid has no password entry");
    const std::string expected = "cli:" + std::string(entry->pw_name);

    for (const std::string& user : {std::string(), std::string("0"), std::string("someone-else")}) {
        const auto added = parseOutput(runMajlis(
            {"record", "add", "--data", data, "--type", "document", "--title", "مذكرة", "--json"}, {{"USER", user}}));
        BOOST_TEST(added["author"] == expected, "USER='" << user << "' gave " << added["author"]);

        const std::string id = added["id"];
        const auto updated = parseOutput(runMajlis(
            {"record", "update", "--data", data, id, "--title", "مذكرة معدلة", "--reason", "تصحيح", "--json"},
            {{"USER", user}}));
        BOOST_TEST(updated["author"] == expected, "USER='" << user << "' gave " << updated["author"]);
    }

    const auto named = parseOutput(runMajlis({"record", "add", "--data", data, "--type", "document", "--title",
        "مذكرة", "--author", "cli:archive-robot", "--json"}));
    BOOST_TEST(named["author"] == "cli:archive-robot"); // --author still wins
}

BOOST_AUTO_TEST_CASE(author_help_states_stored_default)
{
    // The default author is stored as "cli:" and the login name (checked
    // above), so the help must not promise the bare login name.
    for (const std::vector<std::string>& command :
        std::vector<std::vector<std::string>>{{"record", "add"}, {"record", "update"}, {"import"}}) {
        std::vector<std::string> arguments = command;
        arguments.push_back("--help");
        const auto result = runMajlis(arguments);
        BOOST_TEST_CONTEXT(command.back())
        {
            BOOST_TEST(result.exitCode == 0);
            BOOST_TEST(result.out.find("--author NAME") != std::string::npos, result.out);
            BOOST_TEST(result.out.find("(default: cli:LOGIN") != std::string::npos, result.out);
            BOOST_TEST(result.out.find("default: the login name") == std::string::npos, result.out);
        }
    }
}

BOOST_AUTO_TEST_CASE(verify_notices_changed_attachment_byte)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    const auto scan = writeFile(dir / "قرار.txt", "قرار المجلس");
    const auto added = parseOutput(runMajlis(
        {"record", "add", "--data", data, "--type", "decision", "--title", "قرار", "--file", scan.string(), "--json"}));

    BOOST_TEST(runMajlis({"verify", "--data", data}).exitCode == 0);

    const std::string sha = added["files"][0]["sha256"];
    const auto blob = dir / "data" / "blobs" / sha.substr(0, 2) / sha;
    {
        std::fstream bytes(blob, std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekp(3);
        bytes.put('!');
    }
    const auto broken = runMajlis({"verify", "--data", data});
    BOOST_TEST(broken.exitCode != 0);
    BOOST_TEST(broken.out.find("قرار.txt") != std::string::npos, broken.out);
    BOOST_TEST(broken.out.find("SHA-256") != std::string::npos, broken.out);
}

BOOST_AUTO_TEST_CASE(errors_name_the_value_and_exit_nonzero)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    struct Case {
        std::vector<std::string> arguments;
        std::string expected;
    };
    const Case cases[] = {
        {{"record", "add", "--data", data, "--type", "bogus", "--title", "x"}, "bogus"},
        {{"record", "add", "--data", data, "--type", "decision", "--title", "x", "--date", "1446-13-01"}, "1446-13-01"},
        {{"record", "add", "--data", data, "--type", "decision", "--title", "x", "--file", "/no/such/file"}, "/no/such/file"},
        {{"record", "add", "--data", data, "--title", "x"}, "--type"},
        {{"record", "add", "--data", data, "--bogus"}, "--bogus"},
        {{"record", "show", "--data", data, "R00000042"}, "R00000042"},
        {{"record", "update", "--data", data, "R00000001", "--title", "x"}, "reason"},
    };
    for (const auto& c : cases) {
        const auto result = runMajlis(c.arguments);
        BOOST_TEST(result.exitCode != 0, c.expected);
        BOOST_TEST(result.err.find(c.expected) != std::string::npos, result.err);
    }
}

BOOST_AUTO_TEST_CASE(every_command_has_help)
{
    for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{{"serve"}, {"record", "add"},
             {"record", "update"}, {"record", "show"}, {"record", "history"}, {"record", "get-file"}, {"verify"},
             {"backup"}, {"restore"}, {"account", "add"}, {"account", "list"}, {"account", "update"},
             {"account", "disable"}, {"account", "enable"}, {"account", "passwd"}}) {
        std::vector<std::string> arguments = command;
        arguments.push_back("--help");
        const auto result = runMajlis(arguments);
        BOOST_TEST(result.exitCode == 0);
        BOOST_TEST(result.out.find("--data") != std::string::npos, command[0]);
    }
}

BOOST_AUTO_TEST_CASE(unknown_council_is_refused_before_anything_is_stored)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    std::filesystem::create_directories(dir / "in");
    writeFile(dir / "in" / "محضر.txt", "نص المحضر wordcouncil");

    const auto added = runMajlis({"record", "add", "--data", data, "--type", "minutes", "--title", "محضر", "--council",
        "مجلس لا وجود له"});
    BOOST_TEST(added.exitCode == 2);
    BOOST_TEST(added.err.find("unknown council 'مجلس لا وجود له'") != std::string::npos, added.err);
    BOOST_TEST(added.err.find("RD-01") != std::string::npos, added.err);

    const auto imported = runMajlis({"import", "--data", data, "--council", "Riyadh", (dir / "in").string()});
    BOOST_TEST(imported.exitCode == 2);
    BOOST_TEST(imported.err.find("unknown council 'Riyadh'") != std::string::npos, imported.err);
    const auto none = parseOutput(runMajlis({"search", "--data", data, "--json", "wordcouncil"}));
    BOOST_TEST(none["total"] == 0);

    // A manifest names councils by code or by exact name; a file with an
    // unknown one fails alone.
    writeFile(dir / "in" / "قرار.txt", "نص القرار wordcouncil");
    writeFile(dir / "manifest.jsonl",
        "{\"file\": \"محضر.txt\", \"council\": \"Municipal Council of Jeddah Amana\"}\n"
        "{\"file\": \"قرار.txt\", \"council\": \"جدة\"}\n");
    const auto withManifest = runMajlis({"import", "--data", data, "--manifest", (dir / "manifest.jsonl").string(),
        "--json", (dir / "in").string()});
    BOOST_TEST(withManifest.exitCode == 1);
    const auto summary = nlohmann::json::parse(withManifest.out);
    BOOST_TEST_REQUIRE(summary["records"].size() == 2u);
    for (const auto& entry : summary["records"]) {
        if (entry["file"].get<std::string>().ends_with("قرار.txt")) {
            BOOST_TEST(entry["status"] == "failed");
            BOOST_TEST(entry["error"].get<std::string>().find("unknown council 'جدة'") != std::string::npos);
        } else {
            BOOST_TEST(entry["status"] == "ok");
            const auto record = parseOutput(runMajlis({"record", "show", "--data", data, entry["id"], "--json"}));
            BOOST_TEST(record["council"] == "MQ-02");
        }
    }
}

BOOST_AUTO_TEST_CASE(import_reads_no_affairs_records_for_shipped_councils)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    // A decision without a date is left out of council affairs, with a warning when they are read.
    BOOST_TEST_REQUIRE(runMajlis({"record", "add", "--data", data, "--type", "decision", "--title", "قرار"}).exitCode == 0);
    std::filesystem::create_directories(dir / "in");
    writeFile(dir / "in" / "قرار.txt", "نص القرار");

    const auto imported = runMajlis({"import", "--data", data, "--council", "RD-01", "--type", "decision", "--json",
        (dir / "in").string()});
    BOOST_TEST(imported.exitCode == 0, imported.err);
    BOOST_TEST(imported.err.find("council affairs") == std::string::npos, imported.err);
}

BOOST_AUTO_TEST_CASE(account_commands)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    const auto added = parseOutput(runMajlis({"account", "add", "--data", data, "secretary.a", "--role",
        "council_secretary", "--council", "المجلس البلدي لأمانة منطقة الرياض", "--name", "أمين المجلس", "--json"}));
    BOOST_TEST(added["role"] == "council_secretary");
    BOOST_TEST(added["council"] == "RD-01"); // the council's exact name becomes its code
    const auto unknown = runMajlis({"account", "add", "--data", data, "member.x", "--role", "council_member",
        "--council", "المجلس البلدي بمدينة الرياض"});
    BOOST_TEST(unknown.exitCode == 2);
    BOOST_TEST(unknown.err.find("unknown council") != std::string::npos, unknown.err);
    BOOST_TEST(added["password"].get<std::string>().size() == 20u);
    BOOST_TEST(added.dump().find("argon2") == std::string::npos);

    const auto missingCouncil = runMajlis({"account", "add", "--data", data, "member.a", "--role", "council_member"});
    BOOST_TEST(missingCouncil.exitCode != 0);
    BOOST_TEST(missingCouncil.err.find("council") != std::string::npos, missingCouncil.err);

    BOOST_TEST(runMajlis({"account", "disable", "--data", data, "secretary.a"}).exitCode == 0);
    const auto listed = parseOutput(runMajlis({"account", "list", "--data", data, "--json"}));
    BOOST_REQUIRE_EQUAL(listed.size(), 1u);
    BOOST_TEST(listed[0]["disabled"] == true);
    const auto passwd = runMajlis({"account", "passwd", "--data", data, "secretary.a"});
    BOOST_TEST(passwd.exitCode == 0);
    BOOST_TEST(passwd.out.find("Password of secretary.a: ") != std::string::npos);
    BOOST_TEST(runMajlis({"account", "update", "--data", data, "secretary.a", "--role", "council_member"}).exitCode == 0);
    // Account changes are in the audit chain that verify checks.
    const auto verify = runMajlis({"verify", "--data", data});
    BOOST_TEST(verify.exitCode == 0, verify.out);
    BOOST_TEST(verify.out.find("audit entries 4") != std::string::npos, verify.out);
}

BOOST_AUTO_TEST_CASE(account_email_option)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    const auto added = parseOutput(runMajlis({"account", "add", "--data", data, "clerk.a", "--role", "secretariat",
        "--email", "clerk.a@example.org", "--json"}));
    BOOST_TEST(added["email"] == "clerk.a@example.org");

    BOOST_TEST(runMajlis({"account", "update", "--data", data, "clerk.a", "--email", "desk@example.org"}).exitCode == 0);
    BOOST_TEST(parseOutput(runMajlis({"account", "list", "--data", data, "--json"}))[0]["email"] == "desk@example.org");

    const auto invalid = runMajlis({"account", "update", "--data", data, "clerk.a", "--email", "no-at-sign"});
    BOOST_TEST(invalid.exitCode != 0);
    BOOST_TEST(invalid.err.find("no-at-sign") != std::string::npos, invalid.err);

    BOOST_TEST(runMajlis({"account", "update", "--data", data, "clerk.a", "--email", ""}).exitCode == 0);
    BOOST_TEST(parseOutput(runMajlis({"account", "list", "--data", data, "--json"}))[0]["email"] == "");
}

BOOST_AUTO_TEST_CASE(backup_and_restore_commands)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    const auto scan = writeFile(dir / "ملف.txt", "محتوى");
    const auto added = parseOutput(runMajlis(
        {"record", "add", "--data", data, "--type", "document", "--title", "وثيقة", "--file", scan.string(), "--json"}));

    BOOST_TEST(runMajlis({"backup", "--data", data, (dir / "backup").string()}).exitCode == 0);
    const auto restored = runMajlis({"restore", "--data", (dir / "restored").string(), (dir / "backup").string()});
    BOOST_TEST(restored.exitCode == 0, restored.err);
    const auto shown = parseOutput(
        runMajlis({"record", "show", "--data", (dir / "restored").string(), added["id"].get<std::string>(), "--json"}));
    BOOST_TEST(shown["title"] == "وثيقة");
}

BOOST_AUTO_TEST_CASE(serve_answers_health_and_stops_on_sigterm)
{
    test::TempDir dir;
    const std::uint16_t port = freePort();
    const std::string listen = "127.0.0.1:" + std::to_string(port);
    Poco::ProcessHandle server = Poco::Process::launch(test::majlisBinary().string(),
        {"serve", "--data", (dir / "data").string(), "--listen", listen}, nullptr, nullptr, nullptr);

    int status = 0;
    for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
        try {
            status = test::httpRequest(port, "GET", "/api/v1/health").status;
        } catch (const Poco::Exception&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    BOOST_TEST(status == 200);
    Poco::Process::requestTermination(server.id());
    BOOST_TEST(server.wait() == 0);
}

BOOST_AUTO_TEST_CASE(serve_rejects_bad_threads_and_proxy)
{
    test::TempDir dir;
    const auto threads = runMajlis({"serve", "--data", (dir / "data").string(), "--threads", "many"});
    BOOST_TEST(threads.exitCode == 2);
    BOOST_TEST(threads.err.find("'many'") != std::string::npos, threads.err);
    BOOST_TEST(threads.err.find("2 to 256") != std::string::npos, threads.err);

    const auto proxy = runMajlis({"serve", "--data", (dir / "data").string(), "--listen", "127.0.0.1:0",
        "--trusted-proxy", "proxy.local"});
    BOOST_TEST(proxy.exitCode == 2);
    BOOST_TEST(proxy.err.find("'proxy.local'") != std::string::npos, proxy.err);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_import)

BOOST_AUTO_TEST_CASE(import_reports_each_file_and_makes_text_searchable)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    std::filesystem::create_directories(dir / "in" / "sub");
    writeFile(dir / "in" / "نظام المجالس البلدية.txt", "تتولى المجالس البلدية إقرار الخطط التفصيلية للتنمية");
    writeFile(dir / "in" / "sub" / "scanner-output.bin", std::string("\x00\x01\x02\xFF binary", 11));

    const auto result = runMajlis({"import", "--data", data, "--access", "public", "--json", (dir / "in").string()});
    BOOST_TEST(result.exitCode == 1, result.err);
    const auto summary = nlohmann::json::parse(result.out);
    BOOST_TEST_REQUIRE(summary["records"].size() == 2u);
    // Files are imported in path order: "sub/…" sorts before Arabic letters.
    const auto& bad = summary["records"][0];
    const auto& good = summary["records"][1];
    BOOST_TEST(bad["file"].get<std::string>().ends_with("scanner-output.bin"));
    BOOST_TEST(good["status"] == "ok");
    BOOST_TEST(bad["status"] == "failed");
    BOOST_TEST(!bad["error"].get<std::string>().empty());
    BOOST_TEST(bad["id"].is_string());

    const auto found = parseOutput(runMajlis({"search", "--data", data, "--json", "التفصيلية"}));
    BOOST_TEST_REQUIRE(found["total"] == 1);
    BOOST_TEST(found["results"][0]["id"] == good["id"]);
    BOOST_TEST(found["results"][0]["title"] == "نظام المجالس البلدية");
    BOOST_TEST(found["results"][0]["snippet"].get<std::string>().find("<mark>التفصيلية</mark>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(repeated_import_says_files_were_kept)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    std::filesystem::create_directories(dir / "in");
    writeFile(dir / "in" / "محضر.txt", "نص المحضر الأول");
    writeFile(dir / "in" / "قرار.txt", "نص القرار الأول");

    const auto first = runMajlis({"import", "--data", data, (dir / "in").string()});
    BOOST_TEST(first.exitCode == 0, first.err);
    BOOST_TEST(first.out.find("imported 2 of 2 files") != std::string::npos, first.out);
    BOOST_TEST(first.out.find("imported before") == std::string::npos, first.out);

    writeFile(dir / "in" / "جديد.txt", "نص جديد");
    const auto second = runMajlis({"import", "--data", data, (dir / "in").string()});
    BOOST_TEST(second.exitCode == 0, second.err);
    BOOST_TEST(second.out.find("imported 3 of 3 files") != std::string::npos, second.out);
    BOOST_TEST(second.out.find("; 2 of them were imported before and kept as they were") != std::string::npos, second.out);

    // One file imported before is counted in the singular.
    const auto single = runMajlis({"import", "--data", data, (dir / "in" / "جديد.txt").string()});
    BOOST_TEST(single.out.find("; 1 of them was imported before and kept as it was") != std::string::npos, single.out);
}

BOOST_AUTO_TEST_CASE(search_batch_prints_one_line_per_query)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    parseOutput(runMajlis({"record", "add", "--data", data, "--type", "decision", "--title", "قرار تشجير الحي", "--json"}));
    writeFile(dir / "queries.txt", "تشجير\nلا-يوجد-شيء\nالحي\n");
    const auto result = runMajlis({"search", "--data", data, "--batch", (dir / "queries.txt").string()});
    BOOST_TEST_REQUIRE(result.exitCode == 0, result.err);
    std::istringstream lines(result.out);
    std::vector<nlohmann::json> answers;
    for (std::string line; std::getline(lines, line);)
        answers.push_back(nlohmann::json::parse(line));
    BOOST_TEST_REQUIRE(answers.size() == 3u);
    BOOST_TEST(answers[0]["total"] == 1);
    BOOST_TEST(answers[1]["total"] == 0);
    BOOST_TEST(answers[2]["total"] == 1);
}

BOOST_AUTO_TEST_CASE(search_json_keeps_facets)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    parseOutput(runMajlis({"record", "add", "--data", data, "--type", "decision", "--title", "قرار تشجير الحي", "--json"}));

    // The JSON output counts facets; the text output, which shows none, skips them.
    const auto found = parseOutput(runMajlis({"search", "--data", data, "--json", "تشجير"}));
    BOOST_TEST_REQUIRE(found["facets"]["type"].size() == 1u);
    BOOST_TEST(found["facets"]["type"][0]["value"] == "decision");
    BOOST_TEST(found["facets"]["type"][0]["count"] == 1);

    const auto text = runMajlis({"search", "--data", data, "تشجير"});
    BOOST_TEST_REQUIRE(text.exitCode == 0, text.err);
    BOOST_TEST(text.out.find("results: 1") == 0u, text.out);
}

BOOST_AUTO_TEST_CASE(ocr_command_prints_text)
{
    test::TempDir dir;
    const auto file = writeFile(dir / "a.txt", "محضر اجتماع اللجنة");
    const auto result = runMajlis({"ocr", file.string()});
    BOOST_TEST(result.exitCode == 0, result.err);
    BOOST_TEST(result.out.find("محضر اجتماع اللجنة") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ocr_rejects_unknown_option_by_name)
{
    test::TempDir dir;
    const auto file = writeFile(dir / "a.txt", "محضر اجتماع اللجنة");
    struct Case {
        std::vector<std::string> arguments;
        std::string expected; // the whole error output
    };
    const Case cases[] = {
        {{"ocr", "--data", (dir / "data").string(), file.string()},
            "majlis ocr: unknown option --data; see 'majlis ocr --help'\n"},
        {{"ocr", "--bogus", file.string()}, "majlis ocr: unknown option --bogus; see 'majlis ocr --help'\n"},
        {{"ocr"}, "majlis ocr: missing FILE; see 'majlis ocr --help'\n"},
        {{"ocr", file.string(), file.string()},
            "majlis ocr: unexpected argument '" + file.string() + "'; see 'majlis ocr --help'\n"},
        {{"ocr", "--searchable-pdf"}, "majlis ocr: option --searchable-pdf needs a value (OUT); see 'majlis ocr --help'\n"},
        {{"ocr", "--worker", file.string()},
            "majlis ocr: --worker takes no FILE or other option; see 'majlis ocr --help'\n"},
    };
    for (const auto& c : cases) {
        const auto result = runMajlis(c.arguments);
        BOOST_TEST(result.exitCode == 2, c.expected);
        BOOST_TEST(result.err == c.expected);
        BOOST_TEST(result.out.empty(), result.out);
    }

    // The options it has still work, in either spelling.
    const auto json = runMajlis({"ocr", "--json", file.string()});
    BOOST_TEST_REQUIRE(json.exitCode == 0, json.err);
    BOOST_TEST(nlohmann::json::parse(json.out)["pages"][0]["text"].get<std::string>().find("محضر") != std::string::npos);
    const auto help = runMajlis({"ocr", "--help"});
    BOOST_TEST(help.exitCode == 0);
    BOOST_TEST(help.out.find("--worker") != std::string::npos, help.out);
    BOOST_TEST(help.out.find("--searchable-pdf OUT") != std::string::npos, help.out);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_restart)

BOOST_AUTO_TEST_CASE(killed_server_finishes_queue_after_restart)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    std::filesystem::create_directories(dir / "in");
    for (int i = 0; i < 6; ++i)
        writeFile(dir / "in" / ("محضر " + std::to_string(i) + ".txt"), "قرر المجلس اعتماد مشروعتجريبي رقم " + std::to_string(i));
    if (const auto scans = test::sharedPath("corpus/scans/dev")) {
        int copied = 0;
        for (const auto& entry : std::filesystem::directory_iterator(*scans))
            if (entry.path().extension() == ".png" && copied++ < 2)
                std::filesystem::copy_file(entry.path(), dir / "in" / entry.path().filename());
    }

    const std::uint16_t port = freePort();
    const std::vector<std::string> serve = {"serve", "--data", data, "--listen", "127.0.0.1:" + std::to_string(port)};
    Poco::ProcessHandle server = Poco::Process::launch(test::majlisBinary().string(), serve, nullptr, nullptr, nullptr);
    const auto imported = parseOutput(runMajlis({"import", "--data", data, "--no-wait", "--json", (dir / "in").string()}));
    const std::size_t files = imported["records"].size();

    // Kill the server as soon as the first file's text is stored.
    {
        records::RecordStore store(dir / "data");
        for (int i = 0; i < 600 && store.queueLength(records::kExtractQueue) == files; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    Poco::Process::kill(server);
    server.wait();

    Poco::ProcessHandle restarted = Poco::Process::launch(test::majlisBinary().string(), serve, nullptr, nullptr, nullptr);
    {
        records::RecordStore store(dir / "data");
        for (int i = 0; i < 1200 && (store.queueLength(records::kExtractQueue) + store.queueLength(records::kIndexQueue)) > 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        BOOST_TEST(store.queueLength(records::kExtractQueue) == 0u);
        BOOST_TEST(store.queueLength(records::kIndexQueue) == 0u);
        for (const auto& record : imported["records"]) {
            const auto version = store.current(record["id"].get<std::string>());
            const auto text = store.derivedText(version.files.at(0).sha256);
            BOOST_TEST(text.has_value(), record["file"]);
        }
    }
    Poco::Process::requestTermination(restarted.id());
    restarted.wait();

    BOOST_TEST(runMajlis({"verify", "--data", data}).exitCode == 0);
    const auto found = parseOutput(runMajlis({"search", "--data", data, "--json", "--limit", "100", "مشروعتجريبي"}));
    BOOST_TEST(found["total"] == 6);
    std::set<std::string> ids;
    for (const auto& hit : found["results"])
        ids.insert(hit["id"].get<std::string>());
    BOOST_TEST(ids.size() == 6u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(demo)

BOOST_AUTO_TEST_CASE(demo_builds_searchable_council_data)
{
    test::TempDir dir;
    const std::string data = (dir / "data").string();
    std::vector<std::string> arguments = {"demo", "--data", data, "--councils", "2", "--members-per-council", "4",
        "--json"};
    const auto scan = test::sharedPath("corpus/scans/dev/نظام_المناطق.naskh.clean.pdf");
    if (scan) {
        arguments.push_back("--scans");
        arguments.push_back(scan->string());
    }
    const auto summary = parseOutput(runMajlis(arguments));
    BOOST_TEST(summary["councils"] == 2);
    BOOST_TEST(summary["members"].get<int>() >= 8);
    BOOST_TEST(summary["meetings"].get<int>() > 0);
    BOOST_TEST(summary["decisions"].get<int>() > 0);
    BOOST_TEST(summary["minutes"].get<int>() > 0);
    BOOST_TEST(summary["citizen_submissions"].get<int>() > 0);
    BOOST_TEST(summary["searchable"] == true);

    // Decisions quote the statutes, and the index has them on return.
    const auto decisions
        = parseOutput(runMajlis({"search", "--data", data, "--json", "--type", "decision", "المجلس البلدي"}));
    BOOST_TEST(decisions["total"].get<int>() > 0);
    if (scan) {
        BOOST_TEST(summary["scanned_minutes"] == 1);
        const auto scanned = parseOutput(runMajlis({"search", "--data", data, "--json", "--type", "minutes", "أمير"}));
        BOOST_TEST(scanned["total"] == 1);
    }

    // Each council's decisions are numbered in the order they were taken.
    {
        std::map<std::string, std::vector<std::pair<std::int64_t, std::int32_t>>> registers;
        records::RecordStore store(data);
        store.forEachRecord([&](const records::RecordVersion& version) {
            if (version.type == records::RecordType::decision && version.date)
                registers[version.council + "/" + std::to_string(version.date->toHijri().year)].emplace_back(
                    std::get<std::int64_t>(version.fields.at("number")), version.date->daysSinceEpoch());
            return true;
        });
        BOOST_TEST(!registers.empty());
        for (auto& [name, numbered] : registers) {
            std::sort(numbered.begin(), numbered.end());
            for (std::size_t i = 1; i < numbered.size(); ++i)
                BOOST_TEST(numbered[i - 1].second <= numbered[i].second, name << " number " << numbered[i].first);
        }
    }

    // A second run would double the data, so it is rejected.
    const auto again = runMajlis({"demo", "--data", data, "--councils", "2"});
    BOOST_TEST(again.exitCode != 0);
    BOOST_TEST(again.err.find("already has members") != std::string::npos, again.err);
}

BOOST_AUTO_TEST_CASE(demo_same_seed_same_records)
{
    test::TempDir dir;
    const auto build = [&](const std::string& name) {
        const std::string data = (dir / name).string();
        parseOutput(runMajlis({"demo", "--data", data, "--councils", "1", "--members-per-council", "3", "--seed", "7",
            "--no-wait", "--json"}));
        return data;
    };
    const std::string first = build("first");
    const std::string second = build("second");
    for (const std::string id : {"R00000025", "R00000050", "R00000075"}) {
        auto a = parseOutput(runMajlis({"record", "show", "--data", first, id, "--json"}));
        auto b = parseOutput(runMajlis({"record", "show", "--data", second, id, "--json"}));
        BOOST_TEST(a["title"] == b["title"], id);
        BOOST_TEST(a["body"] == b["body"], id);
        BOOST_TEST(a["fields"] == b["fields"], id);
    }
    const auto invalid = runMajlis({"demo", "--data", (dir / "third").string(), "--members-per-council", "31"});
    BOOST_TEST(invalid.exitCode != 0);
    BOOST_TEST(invalid.err.find("--members-per-council 31") != std::string::npos, invalid.err);
}

BOOST_AUTO_TEST_SUITE_END()
