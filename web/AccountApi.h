#pragma once

#include "accounts/AccountStore.h"
#include "affairs/Affairs.h"
#include "web/Router.h"

namespace majlis::web {

// Adds the account endpoints:
//   GET    /api/v1/me                                the caller's own account (401 when anonymous)
//   POST   /api/v1/me/password                       change one's own password: {current_password, new_password}
//   GET    /api/v1/accounts                          list (administrator)
//   POST   /api/v1/accounts                          create: {username, display_name, role, council, password?};
//                                                    without a password one is generated and returned once
//   GET    /api/v1/accounts/{username}               one account (administrator)
//   PATCH  /api/v1/accounts/{username}               change {display_name, role, council} (administrator)
//   POST   /api/v1/accounts/{username}/disable       disable and end its sessions (administrator)
//   POST   /api/v1/accounts/{username}/enable        (administrator)
//   POST   /api/v1/accounts/{username}/password-reset  new generated password, returned once (administrator)
// Accounts never carry their password hash in a response. Errors carry
// "messages": {"ar", "en"} like every API error (web/ApiError.h), so a client
// can show the password rules' messages in either language.
// An account's council is given by its code or exact name and stored as
// its code (affairs::resolveCouncilCode).
void addAccountRoutes(
    Router& router, accounts::AccountStore& accounts, const affairs::Affairs& councils, std::uint64_t maxJsonBytes);

} // namespace majlis::web
