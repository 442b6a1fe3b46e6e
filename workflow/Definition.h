#pragma once

#include "accounts/Role.h"
#include "records/Record.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace majlis::schemas {
class XmlSchema;
}

namespace majlis::workflow {

// The roles of staff and citizens: the accounts' roles, so a definition's
// `roles` attribute uses the names accounts::parseRole accepts.
using accounts::Role;

// The party an item waits on while it is in a state.
enum class Owner {
    secretariat,
    council,
    citizen,
};

std::string_view toString(Owner owner);
Owner parseOwner(std::string_view text);

// A name shown to users, in Arabic and English.
struct Label {
    std::string ar;
    std::string en;
};

enum class CommentRule {
    none,
    optional,
    required,
};

struct State {
    std::string id;
    Label label;
    Owner owner = Owner::secretariat;
    bool final = false;
    std::optional<int> deadlineDays; // working days before the item is overdue
    std::string escalateTo;          // the secretariat state an overdue item moves to
    int line = 0;                    // where the state is declared, for messages
};

struct Transition {
    std::string id;
    std::string from;
    std::string to;
    std::vector<Role> roles;
    Label label;
    CommentRule comment = CommentRule::optional;
    bool answer = false;      // the comment becomes the public answer; sets answered_on
    bool attachments = true;  // files may be attached
    int line = 0;

    bool allows(Role role) const;
};

// The register that numbers items per Hijri year. `sequence` and
// `reference` may contain {hijri_year}; `reference` also {number}.
struct Register {
    std::string sequence;
    std::string field;
    std::string reference;
};

// One version of a workflow definition, loaded from XML and checked.
struct Definition {
    std::string id;
    std::uint32_t version = 0;
    records::RecordType recordType = records::RecordType::document;
    Label label;
    std::string initialState;
    std::vector<Role> startRoles;
    std::optional<Register> numbering;
    bool tracking = false;
    std::vector<State> states;
    std::vector<Transition> transitions;
    std::string source; // the file it was loaded from

    const State* findState(std::string_view id) const;
    const Transition* findTransition(std::string_view id) const;
    // Throws invalid_argument when the state is not part of this definition.
    const State& state(std::string_view id) const;
    bool mayStart(Role role) const;
};

// Parses and checks a definition: the XSD first, then the rules an XSD
// cannot state (known states, unique ids, every non-final state reachable
// from the initial one and able to move on, escalation to a secretariat
// state). Throws invalid_argument as "FILE:LINE: reason" with the file and
// line also in the error's parameters.
Definition parseDefinition(std::string_view xml, const std::string& sourceName, const schemas::XmlSchema& schema);
Definition loadDefinition(const std::filesystem::path& file, const schemas::XmlSchema& schema);

// The largest definition file accepted.
inline constexpr std::size_t kMaxDefinitionBytes = std::size_t(1) << 20;

} // namespace majlis::workflow
