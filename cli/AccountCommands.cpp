// `majlis account …`: accounts managed on the server's host, for the first
// administrator's colleagues and for recovery when no administrator can
// sign in. Every change is audited like one made through the API, with
// the actor "cli:<login name>".

#include "cli/Arguments.h"
#include "cli/CommandLineAuthor.h"
#include "cli/Commands.h"
#include "affairs/CouncilCodes.h"

#include "accounts/AccountStore.h"
#include "accounts/Password.h"
#include "accounts/SessionStore.h"
#include "core/Error.h"
#include "records/RecordStore.h"

#include <cstdlib>
#include <iostream>

namespace majlis::cli {

namespace {

const OptionSpec kPasswordStdin = {"password-stdin", "", "read the password from the first line of standard input "
                                                         "instead of generating one"};

const CommandSpec kAddSpec = {"account add",
    "Creates an account. Without --password-stdin a password is generated and printed once.", "USERNAME", 1, 1,
    {dataOption(), {"role", "ROLE", "administrator, secretariat, archivist, council_secretary, council_member or citizen"},
        {"council", "COUNCIL", "the council's code as records carry it; required for council roles"},
        {"name", "TEXT", "the display name (default: the user name)"},
        {"email", "ADDRESS", "where workflow notifications go (default: none)"}, kPasswordStdin,
        {"json", "", "print the account as JSON"}}};
const CommandSpec kListSpec = {"account list", "Lists the accounts.", "", 0, 0,
    {dataOption(), {"json", "", "print the accounts as JSON"}}};
const CommandSpec kUpdateSpec = {"account update", "Changes an account's role, council scope, display name or e-mail address.",
    "USERNAME", 1, 1,
    {dataOption(), {"role", "ROLE", "the new role"}, {"council", "COUNCIL", "the new council; '' for none"},
        {"name", "TEXT", "the new display name"},
        {"email", "ADDRESS", "the new address for workflow notifications; '' for none"}}};
const CommandSpec kDisableSpec = {"account disable", "Disables an account and ends its sessions.", "USERNAME", 1, 1,
    {dataOption()}};
const CommandSpec kEnableSpec = {"account enable", "Enables a disabled account.", "USERNAME", 1, 1, {dataOption()}};
const CommandSpec kPasswdSpec = {"account passwd",
    "Sets an account's password and ends its sessions. Without --password-stdin a password is generated and "
    "printed once.",
    "USERNAME", 1, 1, {dataOption(), kPasswordStdin}};

std::string readPasswordLine()
{
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r')
        password.pop_back();
    return password;
}

// Opens the data folder's stores; the server may be running, LMDB allows it.
struct Stores {
    records::RecordStore records;
    accounts::AccountStore accounts;

    explicit Stores(const Arguments& arguments)
        : records(arguments.valueOr("data", "./data"))
        , accounts(records)
    {
    }
};

void printAccount(const accounts::Account& account)
{
    std::cout << account.username << "  " << accounts::toString(account.role) << "  "
              << (account.council.empty() ? "-" : account.council) << "  "
              << (account.disabled ? "disabled" : "enabled") << "  " << account.displayName << '\n';
}

template <typename Run>
int withArguments(const CommandSpec& spec, const std::vector<std::string>& words, Run run)
{
    const Arguments arguments = Arguments::parse(spec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(spec);
        return 0;
    }
    return run(arguments);
}

} // namespace

int runAccountAdd(const std::vector<std::string>& words)
{
    return withArguments(kAddSpec, words, [](const Arguments& arguments) {
        if (!arguments.has("role"))
            throw Error(ErrorCode::invalid_argument, "error.missing_option", "--role is required");
        accounts::NewAccount fields;
        fields.username = arguments.positional().at(0);
        fields.role = accounts::parseRole(*arguments.value("role"));
        fields.council = arguments.valueOr("council", "");
        fields.displayName = arguments.valueOr("name", "");
        fields.email = arguments.valueOr("email", "");
        const bool generated = !arguments.has("password-stdin");
        const std::string password = generated ? accounts::generatePassword() : readPasswordLine();
        Stores stores(arguments);
        fields.council = affairs::CouncilResolver(stores.records).resolve(fields.council);
        const auto account = stores.accounts.create(fields, password, commandLineAuthor());
        if (arguments.has("json")) {
            nlohmann::json json = accounts::toPublicJson(account);
            if (generated)
                json["password"] = password;
            std::cout << json.dump() << '\n';
        } else {
            printAccount(account);
            if (generated)
                std::cout << "Password: " << password << "\n(shown once; only its Argon2id hash is stored)\n";
        }
        return 0;
    });
}

int runAccountList(const std::vector<std::string>& words)
{
    return withArguments(kListSpec, words, [](const Arguments& arguments) {
        Stores stores(arguments);
        const auto list = stores.accounts.list();
        if (arguments.has("json")) {
            nlohmann::json json = nlohmann::json::array();
            for (const auto& account : list)
                json.push_back(accounts::toPublicJson(account));
            std::cout << json.dump() << '\n';
        } else {
            for (const auto& account : list)
                printAccount(account);
        }
        return 0;
    });
}

int runAccountUpdate(const std::vector<std::string>& words)
{
    return withArguments(kUpdateSpec, words, [](const Arguments& arguments) {
        accounts::AccountChange change;
        if (const auto role = arguments.value("role"))
            change.role = accounts::parseRole(*role);
        change.council = arguments.value("council");
        change.displayName = arguments.value("name");
        change.email = arguments.value("email");
        Stores stores(arguments);
        const std::string& username = arguments.positional().at(0);
        if (const auto current = stores.accounts.find(username); current && change.council)
            change.council = affairs::CouncilResolver(stores.records).resolveChange(*change.council, current->council);
        printAccount(stores.accounts.update(username, change, commandLineAuthor()));
        return 0;
    });
}

int runAccountDisable(const std::vector<std::string>& words)
{
    return withArguments(kDisableSpec, words, [](const Arguments& arguments) {
        Stores stores(arguments);
        printAccount(stores.accounts.setDisabled(arguments.positional().at(0), true, commandLineAuthor()));
        return 0;
    });
}

int runAccountEnable(const std::vector<std::string>& words)
{
    return withArguments(kEnableSpec, words, [](const Arguments& arguments) {
        Stores stores(arguments);
        printAccount(stores.accounts.setDisabled(arguments.positional().at(0), false, commandLineAuthor()));
        return 0;
    });
}

int runAccountPasswd(const std::vector<std::string>& words)
{
    return withArguments(kPasswdSpec, words, [](const Arguments& arguments) {
        const std::string& username = arguments.positional().at(0);
        Stores stores(arguments);
        if (arguments.has("password-stdin")) {
            stores.accounts.setPassword(username, readPasswordLine(), commandLineAuthor());
            std::cout << "Password of " << username << " changed; its sessions have ended.\n";
        } else {
            const std::string password = stores.accounts.resetPassword(username, commandLineAuthor());
            std::cout << "Password of " << username << ": " << password
                      << "\n(shown once; only its Argon2id hash is stored; its sessions have ended)\n";
        }
        return 0;
    });
}

} // namespace majlis::cli
