#include "workflow/StepReason.h"

#include <boost/test/unit_test.hpp>

using majlis::workflow::StepReason;

BOOST_AUTO_TEST_SUITE(workflow_step_reason)

BOOST_AUTO_TEST_CASE(format_and_parse_round_trip)
{
    const std::vector<StepReason> cases = {
        {"started", {{"definition", "citizen_complaint"}}},
        {"transition", {{"definition", "citizen_complaint"}, {"transition", "route"}, {"from", "submitted"}, {"to", "routed"}}},
        {"assigned", {{"definition", "incoming_correspondence"}, {"assignee", "a&b=c%d"}}},
        {"council_changed", {{"definition", "incoming_correspondence"}, {"from", "المجلس البلدي بمدينة الرياض"}, {"to", "RD-01"}}},
        {"assigned", {{"definition", "x"}, {"assignee", "line\nbreak?"}}},
        {"unassigned", {{"definition", "x"}, {"assignee", ""}}},
    };
    for (const StepReason& reason : cases) {
        const std::string stored = reason.format();
        BOOST_TEST_CONTEXT(stored)
        {
            BOOST_TEST(stored.starts_with("workflow:" + reason.kind));
            BOOST_TEST(stored.find('\n') == std::string::npos);
            const auto parsed = StepReason::parse(stored);
            BOOST_TEST_REQUIRE(parsed.has_value());
            BOOST_TEST(parsed->kind == reason.kind);
            BOOST_TEST((parsed->values == reason.values));
        }
    }
    BOOST_TEST(StepReason::parse("workflow:assigned?definition=x&assignee=a%26b%3Dc%25d")->value("assignee") == "a&b=c%d");
    BOOST_TEST(StepReason::parse("workflow:comment?definition=x")->value("missing") == "");
}

BOOST_AUTO_TEST_CASE(other_text_is_not_a_step_reason)
{
    for (const std::string text : {
             "",
             "created",
             "تصحيح العنوان",
             "workflow citizen_complaint started",                           // stored before this form
             "workflow citizen_complaint: route (submitted -> routed)",      // stored before this form
             "workflow:",                                                   // no kind
             "workflow:Transition?definition=x",                            // not a kind name
             "workflow:assigned?definition",                                // a pair without '='
             "workflow:assigned?=x",                                        // an empty name
             "workflow:assigned?definition=x&assignee=%2",                  // a cut escape
             "workflow:assigned?definition=x&assignee=%G0",                 // not hexadecimal
         })
        BOOST_TEST(!StepReason::parse(text).has_value(), text);
}

BOOST_AUTO_TEST_SUITE_END()
