#pragma once

#include "accounts/AccountStore.h"
#include "tests/support/HttpSession.h"
#include "tests/support/TempDir.h"
#include "web/SearchApi.h"
#include "web/Service.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <map>
#include <thread>

namespace majlis::test {

// A real server on a free loopback port over a fresh data folder, with
// helpers to store records and wait until the index has them.
struct PortalFixture {
    TempDir dir;
    std::unique_ptr<web::Service> service;

    std::string createdAdminPassword;
    std::map<std::string, std::string> passwords; // of the accounts addAccount created

    PortalFixture() { start(); }

    // Stops the server and starts another on the same data folder, as a
    // restart of `majlis serve` does; the port changes.
    void restart()
    {
        service.reset();
        start();
    }

    std::uint16_t port() const { return service->port(); }
    const std::string& adminPassword() const { return createdAdminPassword; }

    // Creates an account of `role` (scoped to `council`, "" for the whole
    // secretariat) with a password that meets the rules, and returns it.
    std::string addAccount(const std::string& username, accounts::Role role, const std::string& council = "")
    {
        const std::string password = "Tamr-Nakhl-2026-" + std::to_string(passwords.size());
        service->accounts().create({username, "", role, council}, password, "test");
        passwords[username] = password;
        return password;
    }

    // The Authorization header of an account addAccount created ("admin" too).
    std::string basicFor(const std::string& username)
    {
        return basicAuthorization(username, username == "admin" ? adminPassword() : passwords.at(username));
    }

    // Signs in through the form as an account addAccount created; returns
    // the session's CSRF token.
    std::string signInAs(HttpSession& session, const std::string& username)
    {
        const auto form = session.get("/staff/login");
        const auto reply = session.postForm("/staff/login", {{"csrf", inputValue(form.body, "csrf")}, {"user", username},
            {"password", username == "admin" ? adminPassword() : passwords.at(username)}});
        BOOST_REQUIRE_EQUAL(reply.status, 303);
        return accounts::csrfTokenOf(session.cookies()["majlis_session"]);
    }

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

    void start()
    {
        web::ServerOptions options;
        options.port = 0;
        options.threads = 4;
        service = std::make_unique<web::Service>(dir.path(), options);
        if (service->createdAdminPassword())
            createdAdminPassword = *service->createdAdminPassword();
        service->start();
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
