#pragma once

#include <string>
#include <string_view>

namespace majlis::indexer {

// The Light10 Arabic stemmer, with the prefix and suffix lists and length
// checks of Lucene's ArabicStemmer; the stemmer cases of Lucene's
// TestArabicStemFilter pass (AnalyzerTest). It removes one prefix (و or an
// article form) and a fixed list of suffixes and never reduces a word to a
// root, so it joins fewer unrelated words than Snowball Arabic.
class LightStemmer {
public:
    // Stems a normalised Arabic key (as ArabicNormalizer returns it, so ة is
    // already ه). A prefix is removed only when two letters remain, three for
    // و; each suffix in turn only when two letters remain.
    static std::string stem(std::string_view key);
};

} // namespace majlis::indexer
