#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace majlis::indexer {

// Who is searching, which decides the records they may see. The trimming is
// a filter inside the Xapian query, so records outside the scope are neither
// returned nor counted, in totals and facets alike.
struct SearchScope {
    enum class Role {
        citizen,     // public records only
        staff,       // public records, and every record of their own councils
        secretariat, // every record
    };

    Role role = Role::citizen;
    std::vector<std::string> councils; // the staff member's councils
    bool confidential = true;          // staff: their councils' confidential records too, not only internal ones

    static SearchScope citizen() { return {}; }
    static SearchScope staff(std::vector<std::string> councils, bool confidential = true)
    {
        return {Role::staff, std::move(councils), confidential};
    }
    static SearchScope secretariat() { return {Role::secretariat, {}, true}; }

    // Whether a record of `council` with `access` ("public", "internal",
    // "confidential") is inside the scope: the rule the query filter applies.
    bool allows(const std::string& council, const std::string& access) const
    {
        if (role == Role::secretariat || access == "public")
            return true;
        if (role != Role::staff || (access == "confidential" && !confidential))
            return false;
        for (const auto& own : councils)
            if (own == council && !council.empty())
                return true;
        return false;
    }
};

enum class SortOrder { relevance, dateDescending, dateAscending };

// A search as the web layer parsed it. Dates are Gregorian days since
// 1970-01-01, which callers get from majlis::CalendarDate::parse for Hijri or
// Gregorian input. Empty filter lists do not filter; several values of one
// filter match any of them.
struct SearchRequest {
    std::string query;
    std::vector<std::string> councils;
    std::vector<std::string> types;
    std::vector<std::string> regions;
    std::vector<int> years;      // Gregorian years
    std::vector<int> hijriYears; // Umm al-Qura years, as CalendarDate::toHijri gives them
    std::optional<std::int32_t> from; // inclusive
    std::optional<std::int32_t> to;   // inclusive
    int page = 1;                     // the first page is 1
    int pageSize = 10;                // 1 to kMaxPageSize
    SortOrder sort = SortOrder::relevance;
    SearchScope scope;
    // Whether to count facets. A caller that shows none gets them empty and
    // saves their cost, about a fifth of a query's CPU at one million records.
    bool facets = true;
};

inline constexpr int kMaxPageSize = 100;
inline constexpr int kMaxPage = 1000;

} // namespace majlis::indexer
