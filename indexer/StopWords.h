#pragma once

#include "indexer/Tokenizer.h"

#include <string_view>
#include <unordered_set>
#include <string>

namespace majlis::indexer {

// Arabic and English function words, compared by normalised key. They are
// still indexed (so a query made only of them, such as "الى", finds its
// records) but get no stem term and are dropped from a query that has other
// words, as Xapian's QueryParser does with its stopper.
class StopWords {
public:
    StopWords();

    bool contains(std::string_view key, TokenKind kind) const;

    // The list as written, before normalisation, for comparison in tests.
    static const std::vector<std::string_view>& arabicWords();

private:
    std::unordered_set<std::string> arabic_;
    std::unordered_set<std::string> english_;
};

} // namespace majlis::indexer
