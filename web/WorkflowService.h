#pragma once

#include "accounts/AccountStore.h"
#include "notify/EmailNotifier.h"
#include "notify/MailSpool.h"
#include "records/RecordStore.h"
#include "web/Catalogue.h"
#include "web/Exchange.h"
#include "workflow/DefinitionRegistry.h"
#include "workflow/Engine.h"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace majlis::web {

struct WorkflowServiceOptions {
    // How often the background thread escalates overdue items and loads
    // definitions another process installed.
    std::chrono::seconds interval{60};
};

// The routing side of `majlis serve`: the definition registry (shipped
// definitions and DATA/workflows/), the engine over the record store, the
// e-mail notifier (settings from DATA/smtp.json, off without that file) and
// a background thread that runs escalateOverdue() and registry.reload().
// After each step it e-mails the staff the item now waits on.
class WorkflowService {
public:
    // Throws invalid_argument with file, line and reason when a definition
    // or DATA/smtp.json is malformed, so the server does not start with it.
    // `webDirectory` holds i18n/ with the e-mail texts.
    WorkflowService(records::RecordStore& store, accounts::AccountStore& accounts,
        const std::filesystem::path& dataDirectory, const std::filesystem::path& webDirectory,
        WorkflowServiceOptions options = {});
    ~WorkflowService();
    WorkflowService(const WorkflowService&) = delete;
    WorkflowService& operator=(const WorkflowService&) = delete;

    void start();
    void stop();

    workflow::DefinitionRegistry& registry() { return *registry_; }
    workflow::Engine& engine() { return *engine_; }
    notify::EmailNotifier& notifier() { return *notifier_; }

    // Replaces the day deadlines count from (the system date by default);
    // tests move it forward instead of waiting.
    void setToday(std::function<CalendarDate()> today);
    CalendarDate today() const;

    // Escalates overdue items and loads newly installed definitions once,
    // as the background thread does every interval. Returns the number of
    // items escalated. A bad installed file is logged, not thrown.
    std::size_t runPeriodicWork();

    // Adds a function called after each stored step (EngineOptions::afterStep),
    // such as the citizen e-mails. Add listeners before start(); each must
    // be quick and not throw.
    void addStepListener(std::function<void(const records::RecordVersion&)> listener);

    // The items of the caller's inbox (Engine::waitingOn) that arrived or
    // changed since the caller last marked the inbox seen, in inbox order.
    std::vector<workflow::WorkItem> unseenInInbox(const workflow::Caller& caller) const;
    // Marks the current version of every item in the caller's inbox as seen.
    void markInboxSeen(const workflow::Caller& caller);

private:
    void run();
    void afterStep(const records::RecordVersion& version) const;
    void emailStaff(const records::RecordVersion& version) const;
    std::map<std::string, std::uint32_t> seenVersions(const std::string& username) const;

    records::RecordStore& store_;
    accounts::AccountStore& accounts_;
    WorkflowServiceOptions options_;
    std::unique_ptr<workflow::DefinitionRegistry> registry_;
    std::unique_ptr<notify::MailSpool> spool_; // before notifier_, which uses it
    std::unique_ptr<notify::EmailNotifier> notifier_;
    std::unique_ptr<workflow::Engine> engine_;
    std::vector<std::function<void(const records::RecordVersion&)>> listeners_;
    Catalogue catalogue_; // staff e-mail subjects and bodies
    MDB_dbi inboxSeen_;

    mutable std::mutex todayMutex_;
    std::function<CalendarDate()> today_;

    std::mutex timerMutex_;
    std::condition_variable timerChanged_;
    bool stopping_ = false;
    std::thread timer_;
};

// The workflow's view of a web caller: user, role and council. An anonymous
// caller is a citizen without an account, who acts on a submission only
// through its tracking code (canonical form).
workflow::Caller workflowCaller(const Caller& caller, const std::string& trackingCode = {});

// DATA/smtp.json read as notify::SmtpSettings; the defaults (sending off)
// when the file is absent. Throws invalid_argument naming the file.
notify::SmtpSettings loadSmtpSettings(const std::filesystem::path& dataDirectory);

} // namespace majlis::web
