#pragma once

#include "tests/support/HttpSession.h"
#include "tests/support/TempDir.h"
#include "web/SearchApi.h"
#include "web/Service.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

namespace majlis::test {

// A real server on a free loopback port over a fresh data folder, with
// helpers to store records and wait until the index has them.
struct PortalFixture {
    TempDir dir;
    std::unique_ptr<web::Service> service;

    PortalFixture()
    {
        web::ServerOptions options;
        options.port = 0;
        options.threads = 4;
        service = std::make_unique<web::Service>(dir.path(), options);
        service->start();
    }

    std::uint16_t port() const { return service->port(); }
    const std::string& adminPassword() const { return *service->createdAdminPassword(); }

    records::RecordVersion addRecord(const std::string& title, records::AccessLevel access,
        const std::string& council = "المجلس البلدي بمدينة الرياض", const std::string& body = "")
    {
        records::NewRecord record;
        record.type = records::RecordType::decision;
        record.title = title;
        record.council = council;
        record.access = access;
        record.date = CalendarDate::parse("1446-06-01");
        record.reference = "12/1446";
        record.body = body;
        return service->store().create(record, "test");
    }

    // Waits until the index has caught up with every queued record.
    void waitForIndex()
    {
        for (int attempt = 0; attempt < 200; ++attempt) {
            if (service->store().queueLength(records::kIndexQueue) == 0
                && service->store().queueLength(records::kExtractQueue) == 0)
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        BOOST_FAIL("the index did not catch up within 10 seconds");
    }

    // Signs in as the administrator through the form; returns the CSRF token.
    std::string signIn(HttpSession& session)
    {
        const auto form = session.get("/staff/login");
        const auto reply = session.postForm("/staff/login",
            {{"csrf", inputValue(form.body, "csrf")}, {"user", "admin"}, {"password", adminPassword()}});
        BOOST_REQUIRE_EQUAL(reply.status, 303);
        return inputValue(session.get("/staff/upload").body, "csrf");
    }
};

} // namespace majlis::test
