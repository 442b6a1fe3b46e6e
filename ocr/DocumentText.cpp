#include "ocr/DocumentText.h"

#include <algorithm>

namespace majlis::ocr {

std::string DocumentText::joinedText() const
{
    std::string joined;
    for (const auto& page : pages) {
        if (&page != &pages.front())
            joined += '\f';
        joined += page.text;
    }
    return joined;
}

bool DocumentText::needsReview() const
{
    return std::any_of(pages.begin(), pages.end(), [](const PageText& page) { return !page.flags.empty(); });
}

void to_json(nlohmann::json& out, const WordConfidence& word)
{
    out = {{"text", word.text}, {"confidence", word.confidence}};
}

void from_json(const nlohmann::json& in, WordConfidence& word)
{
    in.at("text").get_to(word.text);
    in.at("confidence").get_to(word.confidence);
}

void to_json(nlohmann::json& out, const ReviewFlag& flag)
{
    out = {{"kind", flag.kind}, {"value", flag.value}, {"reason", flag.reason}};
}

void from_json(const nlohmann::json& in, ReviewFlag& flag)
{
    in.at("kind").get_to(flag.kind);
    in.at("value").get_to(flag.value);
    in.at("reason").get_to(flag.reason);
}

void to_json(nlohmann::json& out, const PageText& page)
{
    out = {
        {"number", page.number},
        {"text", page.text},
        {"method", page.method},
        {"reason", page.reason},
        {"mean_confidence", page.meanConfidence},
        {"words", page.words},
        {"flags", page.flags},
    };
}

void from_json(const nlohmann::json& in, PageText& page)
{
    in.at("number").get_to(page.number);
    in.at("text").get_to(page.text);
    in.at("method").get_to(page.method);
    in.at("reason").get_to(page.reason);
    in.at("mean_confidence").get_to(page.meanConfidence);
    in.at("words").get_to(page.words);
    in.at("flags").get_to(page.flags);
}

void to_json(nlohmann::json& out, const DocumentText& document)
{
    out = {{"pages", document.pages}};
}

void from_json(const nlohmann::json& in, DocumentText& document)
{
    in.at("pages").get_to(document.pages);
}

} // namespace majlis::ocr
