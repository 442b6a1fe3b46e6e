#pragma once

#include "tests/support/HttpClient.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace majlis::test {

std::filesystem::path writeTextFile(const std::filesystem::path& path, const std::string& content);

// Creates a public minutes record with one text file through
// POST /api/v1/records as the administrator.
HttpReply postRecord(std::uint16_t port, const std::string& password, const std::string& title,
    const std::string& fileName, const std::string& fileContent);

// Polls GET /api/v1/queue until the extract and index queues are empty and
// nothing is being extracted; false when that takes over `seconds`.
bool waitForEmptyQueues(std::uint16_t port, const std::string& password, int seconds);

// `majlis search --json --limit 100 WORD` on a data folder; the output.
nlohmann::json searchData(const std::filesystem::path& data, const std::string& word);

// The ids of the hits of `searchData`, in rank order.
std::vector<std::string> searchIds(const std::filesystem::path& data, const std::string& word);

// Every hit of `majlis search WORD`, all pages, as record id to title.
std::map<std::string, std::string> searchTitles(const std::filesystem::path& data, const std::string& word);

} // namespace majlis::test
