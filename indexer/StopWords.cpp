#include "indexer/StopWords.h"

#include "indexer/ArabicNormalizer.h"

#include <vector>

namespace majlis::indexer {

namespace {

// Particles, pronouns, demonstratives, relatives, question words and the
// common forms with a conjunction or preposition attached. "على" is left out
// because its key "علي" is also the name Ali; its low IDF keeps it harmless.
const std::vector<std::string_view> kArabic = {
    "في", "من", "إلى", "عن", "مع", "عند", "لدى", "حتى", "منذ", "مذ", "بين", "خلال", "حول", "نحو",
    "دون", "ضد", "عبر", "لدي", "قبل", "بعد", "فوق", "تحت", "أمام", "وراء", "ضمن",
    "و", "ف", "ب", "ل", "ك", "ثم", "أو", "أم", "بل", "لكن", "لكنه", "لكن", "إن", "أن", "إنه", "أنه", "أنها", "إنها",
    "كان", "كانت", "يكون", "تكون", "ليس", "ليست", "قد", "لقد", "لن", "لم", "لا", "لما", "ما", "ماذا", "إذا", "إذ",
    "إلا", "غير", "سوى", "كل", "بعض", "أي", "أيضا", "كما", "مثل", "عدة", "هذا", "هذه", "ذلك", "تلك",
    "هؤلاء", "أولئك", "هنا", "هناك", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللاتي", "اللواتي",
    "هو", "هي", "هم", "هما", "هن", "أنا", "نحن", "أنت", "أنتم", "انت",
    "من", "متى", "أين", "كيف", "كم", "هل", "لماذا", "أيّ",
    "وفي", "ومن", "وإلى", "وعلى", "وعن", "ومع", "وهو", "وهي", "وهم", "وقد", "ولا", "وما", "وأن", "وإن",
    "وكان", "وكانت", "وهذا", "وهذه", "وذلك", "فيه", "فيها", "فيهم", "منه", "منها", "منهم", "عليه", "عليها",
    "عليهم", "إليه", "إليها", "له", "لها", "لهم", "به", "بها", "بهم", "عنه", "عنها", "بين", "بينما", "حيث",
    "عندما", "بأن", "لأن", "كأن", "فإن", "فقد", "فلا", "الى",
    // Question forms as typed without a space, and common misspellings.
    "ماهو", "ماهي", "بماذا", "وماذا", "اللتى", "اللذى", "ال", "تم",
};

const std::vector<std::string_view> kEnglish = {
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "not", "of", "on", "or", "she", "that",
    "the", "their", "there", "they", "this", "to", "was", "we", "were", "what", "when", "where", "which",
    "who", "will", "with", "you",
};

} // namespace

StopWords::StopWords()
{
    for (const std::string_view word : kArabic) {
        arabic_.insert(ArabicNormalizer::normalize(word));
    }
    for (const std::string_view word : kEnglish) {
        english_.insert(std::string(word));
    }
}

bool StopWords::contains(std::string_view key, TokenKind kind) const
{
    const std::string word(key);
    switch (kind) {
    case TokenKind::arabic:
        return arabic_.contains(word);
    case TokenKind::latin:
        return english_.contains(word);
    default:
        return false;
    }
}

const std::vector<std::string_view>& StopWords::arabicWords()
{
    return kArabic;
}

} // namespace majlis::indexer
