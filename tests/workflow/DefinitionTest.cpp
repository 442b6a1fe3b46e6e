#include "core/Error.h"
#include "schemas/XmlSchema.h"
#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"
#include "workflow/DefinitionRegistry.h"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace majlis;
using namespace majlis::workflow;

namespace {

const schemas::XmlSchema& schema()
{
    static const schemas::XmlSchema compiled(defaultSchemasDirectory() / "workflow.xsd");
    return compiled;
}

// A small valid definition; the line numbers of the bad cases below refer to it.
const std::string kValid = R"(<?xml version="1.0" encoding="UTF-8"?>
<workflow xmlns="urn:majlis:workflow:1" id="sample" version="1" recordType="citizen_submission" tracking="true">
  <label ar="عينة" en="Sample"/>
  <start state="open" roles="citizen secretariat"/>
  <states>
    <state id="open" owner="secretariat" deadline="3"><label ar="مفتوح" en="Open"/></state>
    <state id="council" owner="council" deadline="5" escalate="late"><label ar="لدى المجلس" en="With the council"/></state>
    <state id="late" owner="secretariat"><label ar="متأخر" en="Late"/></state>
    <state id="done" owner="citizen" final="true"><label ar="منتهٍ" en="Done"/></state>
  </states>
  <transitions>
    <transition id="route" from="open" to="council" roles="secretariat"><label ar="إحالة" en="Route"/></transition>
    <transition id="answer" from="council" to="done" roles="council_secretary" comment="required" answer="true"><label ar="رد" en="Answer"/></transition>
    <transition id="remind" from="late" to="council" roles="secretariat"><label ar="تذكير" en="Remind"/></transition>
  </transitions>
</workflow>
)";

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "the sample has no '" << from << "'");
    return text.replace(at, from.size(), to);
}

// The message of the error a definition raises, or empty when it loads.
std::string errorOf(const std::string& xml, const std::string& name = "bad.xml")
{
    try {
        parseDefinition(xml, name, schema());
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::invalid_argument);
        BOOST_TEST(error.params().at("file") == name);
        return error.what();
    }
    return {};
}

void writeFile(const std::filesystem::path& path, const std::string& content)
{
    std::ofstream out(path, std::ios::binary);
    out << content;
}

struct BadCase {
    std::string name;
    std::string xml;
    std::string location; // "bad.xml:LINE"
    std::string reason;   // part of the message
};

} // namespace

BOOST_AUTO_TEST_SUITE(workflow_definition)

BOOST_AUTO_TEST_CASE(sample_loads)
{
    const Definition definition = parseDefinition(kValid, "sample.xml", schema());
    BOOST_TEST(definition.id == "sample");
    BOOST_TEST(definition.version == 1u);
    BOOST_TEST(definition.tracking);
    BOOST_TEST(definition.initialState == "open");
    BOOST_TEST(definition.states.size() == 4u);
    BOOST_TEST(definition.state("council").escalateTo == "late");
    BOOST_TEST(*definition.state("council").deadlineDays == 5);
    BOOST_TEST(definition.state("done").final);
    BOOST_TEST(definition.findTransition("answer")->answer);
    BOOST_TEST((definition.findTransition("answer")->comment == CommentRule::required));
    BOOST_TEST((definition.findTransition("route")->comment == CommentRule::optional));
    BOOST_TEST(definition.findTransition("route")->allows(Role::secretariat));
    BOOST_TEST(!definition.findTransition("route")->allows(Role::council_secretary));
    BOOST_TEST(definition.findTransition("route")->label.ar == "إحالة");
    BOOST_TEST(definition.state("open").line == 6);
}

BOOST_AUTO_TEST_CASE(shipped_definitions_load)
{
    test::TempDir data;
    const DefinitionRegistry registry(defaultSchemasDirectory() / "workflow.xsd", defaultDefinitionsDirectory(),
        DefinitionRegistry::installedFolderOf(data.path()));
    const std::vector<std::pair<std::string, records::RecordType>> expected = {
        {"citizen_complaint", records::RecordType::citizen_submission},
        {"citizen_suggestion", records::RecordType::citizen_submission},
        {"incoming_correspondence", records::RecordType::correspondence},
        {"outgoing_correspondence", records::RecordType::correspondence},
    };
    BOOST_TEST(registry.latestAll().size() == expected.size());
    for (const auto& [id, type] : expected) {
        const auto definition = registry.latest(id);
        BOOST_TEST((definition->recordType == type), id);
        BOOST_TEST(!definition->label.ar.empty(), id);
        BOOST_TEST(definition->tracking == (type == records::RecordType::citizen_submission), id);
        BOOST_TEST(definition->numbering.has_value() == (type == records::RecordType::correspondence), id);
    }
    BOOST_TEST(registry.latest("incoming_correspondence")->numbering->sequence != registry.latest("outgoing_correspondence")->numbering->sequence);
}

BOOST_AUTO_TEST_CASE(bad_definitions_name_file_line_and_reason)
{
    const std::vector<BadCase> cases = {
        {"unknown target state", replaced(kValid, R"(to="done")", R"(to="finished")"), "bad.xml:13", "unknown state 'finished'"},
        {"unknown source state", replaced(kValid, R"(from="late")", R"(from="later")"), "bad.xml:14", "unknown state 'later'"},
        {"missing initial state", replaced(kValid, R"(<start state="open")", R"(<start state="opened")"), "bad.xml:4", "initial state 'opened'"},
        {"no start element", replaced(kValid, "  <start state=\"open\" roles=\"citizen secretariat\"/>\n", "\n"), "bad.xml:5", "start"},
        {"wrong role name", replaced(kValid, R"(roles="council_secretary")", R"(roles="council_chair")"), "bad.xml:13", "council_chair"},
        {"wrong owner", replaced(kValid, R"(owner="council")", R"(owner="mayor")"), "bad.xml:7", "mayor"},
        {"xml syntax error", replaced(kValid, "</states>", "</statez>"), "bad.xml:10", "states"},
        {"doctype", replaced(kValid, "<workflow ", "<!DOCTYPE workflow [<!ENTITY x \"y\">]>\n<workflow "), "bad.xml:2", "DOCTYPE"},
        {"duplicate state", replaced(kValid, R"(<state id="late")", R"(<state id="open")"), "bad.xml:8", "duplicate state id 'open'"},
        {"duplicate transition", replaced(kValid, R"(<transition id="remind")", R"(<transition id="route")"), "bad.xml:14", "duplicate transition id 'route'"},
        {"unreachable state", replaced(kValid, R"(escalate="late")", ""), "bad.xml:8", "cannot be reached"},
        {"dead end", replaced(kValid, R"(<transition id="remind" from="late" to="council")", R"(<transition id="remind" from="council" to="late")"), "bad.xml:8", "no transition out"},
        {"escalation to council state", replaced(kValid, R"(escalate="late")", R"(escalate="open2")"), "bad.xml:7", "unknown state 'open2'"},
        {"answer without required comment", replaced(kValid, R"(comment="required" answer="true")", R"(answer="true")"), "bad.xml:13", "comment must be required"},
        {"final state with deadline", replaced(kValid, R"(final="true")", R"(final="true" deadline="2")"), "bad.xml:9", "final state 'done'"},
        {"bad identifier", replaced(kValid, R"(id="sample")", R"(id="Sample One")"), "bad.xml:2", "id"},
    };
    for (const BadCase& bad : cases) {
        const std::string message = errorOf(bad.xml);
        BOOST_TEST_CONTEXT(bad.name << ": " << message)
        {
            BOOST_TEST(message.starts_with(bad.location + ":"));
            BOOST_TEST(message.find(bad.reason) != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(external_entity_case_rejected)
{
    const auto file = test::sharedPath("cases/15-xxe-file-entity.xml");
    if (!file)
        return;
    const std::string message = errorOf(test::readFile(*file), "case15.xml");
    BOOST_TEST(message.find("DOCTYPE") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(bad_file_in_folder_stops_registry)
{
    test::TempDir dir;
    std::filesystem::create_directories(dir / "shipped");
    writeFile(dir / "shipped" / "good.xml", kValid);
    writeFile(dir / "shipped" / "broken.xml", replaced(kValid, R"(to="done")", R"(to="nowhere")"));
    try {
        DefinitionRegistry registry(defaultSchemasDirectory() / "workflow.xsd", dir / "shipped", dir / "installed");
        BOOST_FAIL("a folder with a bad definition was loaded");
    } catch (const Error& error) {
        const std::string expected = (dir / "shipped" / "broken.xml").string() + ":13:";
        BOOST_TEST(std::string(error.what()).starts_with(expected), error.what());
    }
}

BOOST_AUTO_TEST_CASE(install_adds_newer_version_and_keeps_older)
{
    test::TempDir dir;
    std::filesystem::create_directories(dir / "shipped");
    writeFile(dir / "shipped" / "sample.xml", kValid);
    const auto installed = dir / "installed";
    {
        DefinitionRegistry registry(defaultSchemasDirectory() / "workflow.xsd", dir / "shipped", installed);
        const std::string version2 = replaced(replaced(kValid, R"(version="1")", R"(version="2")"),
            R"(deadline="5")", R"(deadline="7")");
        registry.install(version2, "upload.xml");
        BOOST_TEST(registry.latest("sample")->version == 2u);
        BOOST_TEST(*registry.latest("sample")->state("council").deadlineDays == 7);
        BOOST_TEST(*registry.find("sample", 1)->state("council").deadlineDays == 5);
        BOOST_TEST(std::filesystem::exists(installed / "sample.v2.xml"));
    }
    // A restart finds the installed version again, without a rebuild.
    DefinitionRegistry reopened(defaultSchemasDirectory() / "workflow.xsd", dir / "shipped", installed);
    BOOST_TEST(reopened.latest("sample")->version == 2u);
    BOOST_TEST(reopened.find("sample", 1)->version == 1u);
}

BOOST_AUTO_TEST_CASE(install_rejects_bad_or_older_versions_and_changes_nothing)
{
    test::TempDir dir;
    std::filesystem::create_directories(dir / "shipped");
    writeFile(dir / "shipped" / "sample.xml", replaced(kValid, R"(version="1")", R"(version="3")"));
    DefinitionRegistry registry(defaultSchemasDirectory() / "workflow.xsd", dir / "shipped", dir / "installed");

    const std::vector<std::pair<std::string, ErrorCode>> cases = {
        {replaced(replaced(kValid, R"(version="1")", R"(version="4")"), R"(to="done")", R"(to="gone")"), ErrorCode::invalid_argument},
        {kValid, ErrorCode::conflict},
        {replaced(kValid, R"(version="1")", R"(version="3")"), ErrorCode::conflict},
        {replaced(replaced(kValid, R"(version="1")", R"(version="4")"), "citizen_submission", "correspondence"), ErrorCode::conflict},
    };
    for (const auto& [xml, code] : cases) {
        try {
            registry.install(xml, "upload.xml");
            BOOST_FAIL("a bad or older definition was installed");
        } catch (const Error& error) {
            BOOST_TEST(error.code() == code, error.what());
            BOOST_TEST(std::string(error.what()).starts_with("upload.xml:"), error.what());
        }
    }
    BOOST_TEST(registry.latest("sample")->version == 3u);
    BOOST_TEST((!std::filesystem::exists(dir / "installed") || std::filesystem::is_empty(dir / "installed")));
}

BOOST_AUTO_TEST_CASE(reload_picks_up_files_written_by_another_process)
{
    test::TempDir dir;
    std::filesystem::create_directories(dir / "shipped");
    std::filesystem::create_directories(dir / "installed");
    writeFile(dir / "shipped" / "sample.xml", kValid);
    DefinitionRegistry registry(defaultSchemasDirectory() / "workflow.xsd", dir / "shipped", dir / "installed");
    BOOST_TEST(registry.reload().empty());

    const std::string version2 = replaced(kValid, R"(version="1")", R"(version="2")");
    writeFile(dir / "installed" / "sample.v2.xml", version2);
    writeFile(dir / "installed" / "sample.v3.xml", replaced(replaced(kValid, R"(version="1")", R"(version="3")"), R"(to="done")", R"(to="void")"));
    try {
        registry.reload();
        BOOST_FAIL("a bad installed file was loaded");
    } catch (const Error& error) {
        BOOST_TEST(std::string(error.what()).find("sample.v3.xml:13:") != std::string::npos, error.what());
    }
    BOOST_TEST(registry.latest("sample")->version == 1u);

    std::filesystem::remove(dir / "installed" / "sample.v3.xml");
    BOOST_TEST(registry.reload().size() == 1u);
    BOOST_TEST(registry.latest("sample")->version == 2u);
    BOOST_TEST(registry.reload().empty());
}

BOOST_AUTO_TEST_SUITE_END()
