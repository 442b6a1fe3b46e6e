#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace majlis::ocr {

// One word as Tesseract read it, with its confidence from 0 to 100.
struct WordConfidence {
    std::string text;
    double confidence = 0.0;
};

// A reason for a person to check a page before its text is trusted.
struct ReviewFlag {
    std::string kind;   // "implausible_date", "implausible_number", "low_confidence", ...
    std::string value;  // the token or figure that raised the flag
    std::string reason; // an English sentence for the archivist
};

// The text of one page and how it was obtained.
struct PageText {
    int number = 0;     // 1-based
    std::string text;   // UTF-8, logical order, one line per text line
    std::string method; // "text_layer", "ocr" or "plain_text"
    std::string reason; // why this method was chosen
    double meanConfidence = 0.0; // 0 to 100 for OCR; 100 for a usable text layer
    std::vector<WordConfidence> words;
    std::vector<ReviewFlag> flags;
};

struct DocumentText {
    std::vector<PageText> pages;

    // All pages' text joined by form feeds, the usual page separator of text extractors.
    std::string joinedText() const;
    bool needsReview() const;
};

void to_json(nlohmann::json& out, const WordConfidence& word);
void from_json(const nlohmann::json& in, WordConfidence& word);
void to_json(nlohmann::json& out, const ReviewFlag& flag);
void from_json(const nlohmann::json& in, ReviewFlag& flag);
void to_json(nlohmann::json& out, const PageText& page);
void from_json(const nlohmann::json& in, PageText& page);
void to_json(nlohmann::json& out, const DocumentText& document);
void from_json(const nlohmann::json& in, DocumentText& document);

} // namespace majlis::ocr
