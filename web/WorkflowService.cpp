#include "web/WorkflowService.h"

#include "core/Error.h"
#include "core/Log.h"
#include "workflow/Fields.h"

#include <fstream>
#include <set>

namespace majlis::web {

namespace {

using workflow::fields::textField;

// The public holidays deadlines skip, one date a line, when the file exists.
workflow::WorkingCalendar loadCalendar(const std::filesystem::path& dataDirectory)
{
    const auto file = dataDirectory / "holidays.txt";
    if (!std::filesystem::exists(file))
        return {};
    return workflow::WorkingCalendar::fromFile(file);
}

// Whether `account` is someone an item now waiting on `owner` of `council`
// concerns: the secretariat's staff for its own states, the council's
// secretary for the council's states.
bool receivesItemsOf(const accounts::Account& account, const std::string& owner, const std::string& council)
{
    if (owner == "secretariat")
        return account.role == accounts::Role::secretariat && account.council.empty();
    if (owner == "council")
        return account.role == accounts::Role::council_secretary && account.council == council;
    return false;
}

} // namespace

notify::SmtpSettings loadSmtpSettings(const std::filesystem::path& dataDirectory)
{
    const auto file = dataDirectory / "smtp.json";
    std::ifstream in(file);
    if (!in)
        return {};
    try {
        return notify::SmtpSettings::fromJson(nlohmann::json::parse(in));
    } catch (const nlohmann::json::exception& error) {
        throw Error(ErrorCode::invalid_argument, "error.invalid_setting",
            file.string() + ": invalid JSON (" + error.what() + "); fix the file or remove it to turn e-mail off",
            {{"file", file.string()}});
    }
}

workflow::Caller workflowCaller(const Caller& caller, const std::string& trackingCode)
{
    workflow::Caller result;
    result.user = caller.username;
    result.role = caller.role;
    result.council = caller.council;
    result.trackingCode = trackingCode;
    return result;
}

WorkflowService::WorkflowService(records::RecordStore& store, accounts::AccountStore& accounts,
    const std::filesystem::path& dataDirectory, const std::filesystem::path& webDirectory, WorkflowServiceOptions options)
    : store_(store)
    , accounts_(accounts)
    , options_(options)
    , catalogue_(webDirectory / "i18n")
    , inboxSeen_(store.environment().openDatabase("inbox_seen"))
    , today_([] { return CalendarDate::today(); })
{
    registry_ = std::make_unique<workflow::DefinitionRegistry>(workflow::defaultSchemasDirectory() / "workflow.xsd",
        workflow::defaultDefinitionsDirectory(), workflow::DefinitionRegistry::installedFolderOf(dataDirectory));
    spool_ = std::make_unique<notify::MailSpool>(store.environment());
    notifier_ = std::make_unique<notify::EmailNotifier>(loadSmtpSettings(dataDirectory), spool_.get());

    workflow::EngineOptions engineOptions;
    engineOptions.calendar = loadCalendar(dataDirectory);
    engineOptions.today = [this] { return today(); };
    engineOptions.afterStep = [this](const records::RecordVersion& version) { afterStep(version); };
    engine_ = std::make_unique<workflow::Engine>(store_, *registry_, std::move(engineOptions));
}

WorkflowService::~WorkflowService()
{
    stop();
}

void WorkflowService::start()
{
    std::lock_guard lock(timerMutex_);
    if (timer_.joinable())
        return;
    stopping_ = false;
    timer_ = std::thread([this] { run(); });
}

void WorkflowService::stop()
{
    {
        std::lock_guard lock(timerMutex_);
        stopping_ = true;
    }
    timerChanged_.notify_all();
    if (timer_.joinable())
        timer_.join();
    if (notifier_)
        notifier_->stop();
}

void WorkflowService::setToday(std::function<CalendarDate()> today)
{
    std::lock_guard lock(todayMutex_);
    today_ = std::move(today);
}

CalendarDate WorkflowService::today() const
{
    std::lock_guard lock(todayMutex_);
    return today_();
}

std::size_t WorkflowService::runPeriodicWork()
{
    auto& log = logger("workflow");
    try {
        for (const auto& added : registry_->reload())
            log.information("loaded workflow definition %s version %u from %s", added->id,
                static_cast<unsigned>(added->version), added->source);
    } catch (const Error& error) {
        log.error("an installed workflow definition was not loaded: %s", std::string(error.what()));
    }

    std::size_t escalated = 0;
    try {
        escalated = engine_->escalateOverdue().size();
        if (escalated > 0)
            log.information("escalated %z overdue workflow items", escalated);
    } catch (const Error& error) {
        log.error("escalating overdue workflow items failed: %s", std::string(error.what()));
    }
    return escalated;
}

void WorkflowService::addStepListener(std::function<void(const records::RecordVersion&)> listener)
{
    listeners_.push_back(std::move(listener));
}

void WorkflowService::afterStep(const records::RecordVersion& version) const
{
    try {
        emailStaff(version);
    } catch (const std::exception& error) {
        logger("workflow").error("staff e-mail about %s not queued: %s", version.id, std::string(error.what()));
    }
    for (const auto& listener : listeners_)
        listener(version);
}

// Queues an e-mail to each staff account with an address that the step put
// the item in front of: a new owner side or council, or a new assignee.
void WorkflowService::emailStaff(const records::RecordVersion& version) const
{
    if (!notifier_->enabled())
        return;
    const std::string owner = textField(version, workflow::fields::kOwner);
    const std::string council = textField(version, workflow::fields::kCouncil);
    const std::string assignee = textField(version, workflow::fields::kAssignee);
    records::RecordVersion previous;
    if (version.version > 1)
        previous = store_.version(version.id, version.version - 1);
    const bool handedOver = owner != textField(previous, workflow::fields::kOwner)
        || council != textField(previous, workflow::fields::kCouncil);
    const bool assigned = !assignee.empty() && assignee != textField(previous, workflow::fields::kAssignee);
    if (!handedOver && !assigned)
        return;

    std::set<std::string> addresses;
    for (const accounts::Account& account : accounts_.list()) {
        if (account.disabled || account.email.empty() || account.username == version.author)
            continue;
        if ((assigned && account.username == assignee) || (handedOver && receivesItemsOf(account, owner, council)))
            addresses.insert(account.email);
    }

    const Catalogue::Params params = {{"id", version.id}, {"title", version.title},
        {"state", textField(version, workflow::fields::kState)}, {"link", "/staff/items/" + version.id}};
    const std::string subject = catalogue_.text(arabic(), "workflow_email_subject", params) + " | "
        + catalogue_.text(english(), "workflow_email_subject", params);
    const std::string body = catalogue_.text(arabic(), "workflow_email_body", params) + "\n\n"
        + catalogue_.text(english(), "workflow_email_body", params) + "\n";
    for (const std::string& address : addresses)
        if (!notifier_->send({address, subject, body, version.id}))
            logger("workflow").warning("staff e-mail about %s dropped: the queue is full", version.id);
}

std::map<std::string, std::uint32_t> WorkflowService::seenVersions(const std::string& username) const
{
    std::map<std::string, std::uint32_t> seen;
    store_.environment().read([&](records::LmdbTransaction& txn) {
        if (const auto stored = txn.get(inboxSeen_, username))
            seen = nlohmann::json::parse(*stored).get<std::map<std::string, std::uint32_t>>();
    });
    return seen;
}

std::vector<workflow::WorkItem> WorkflowService::unseenInInbox(const workflow::Caller& caller) const
{
    const auto seen = seenVersions(caller.user);
    std::vector<workflow::WorkItem> items = engine_->waitingOn(caller);
    std::erase_if(items, [&](const workflow::WorkItem& item) {
        const auto found = seen.find(item.id);
        return found != seen.end() && found->second >= store_.current(item.id).version;
    });
    return items;
}

void WorkflowService::markInboxSeen(const workflow::Caller& caller)
{
    if (caller.user.empty())
        return;
    // Only the items in the inbox now are kept, so the entry stays as small as the inbox.
    nlohmann::json seen = nlohmann::json::object();
    for (const workflow::WorkItem& item : engine_->waitingOn(caller))
        seen[item.id] = store_.current(item.id).version;
    store_.environment().write([&](records::LmdbTransaction& txn) { txn.put(inboxSeen_, caller.user, seen.dump()); });
}

void WorkflowService::run()
{
    std::unique_lock lock(timerMutex_);
    while (!stopping_) {
        lock.unlock();
        runPeriodicWork();
        lock.lock();
        timerChanged_.wait_for(lock, options_.interval, [this] { return stopping_; });
    }
}

} // namespace majlis::web
