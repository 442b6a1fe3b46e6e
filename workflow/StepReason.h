#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace majlis::workflow {

// The reason the engine stores in the version of each workflow step, in a
// form that names no language, such as
// "workflow:transition?definition=citizen_complaint&transition=route&from=submitted&to=routed".
// Pages parse it and write it from the catalogue in their own language.
// Values escape '%', '&', '=' and control characters as %XX and keep other
// UTF-8 text as it is.
struct StepReason {
    // started, transition, comment, assigned, unassigned, council_changed or escalated
    std::string kind;
    std::vector<std::pair<std::string, std::string>> values;

    std::string format() const;
    // Returns the value named `name`, or empty text when there is none.
    std::string value(std::string_view name) const;
    // Parses a stored reason. Returns nullopt for any other text: a person's
    // reason, or one the engine stored before this form, such as
    // "workflow citizen_complaint: route (submitted -> routed)".
    static std::optional<StepReason> parse(std::string_view text);
};

} // namespace majlis::workflow
