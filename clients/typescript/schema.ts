// Generated from openapi.json by `npm run openapi`: do not edit.
export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the main PostgreSQL cluster and Redis answer (503 otherwise, and while shutting down)
         * @description Another cluster of DATABASE_CLUSTERS that is down makes the status `degraded`, still 200.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every error code the API can answer with */
        get: operations["listErrorCodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/errors/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One error code */
        get: operations["getErrorCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The permission catalogue
         * @description Every permission a role can grant, with the system roles that hold it.
         */
        get: operations["listPermissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List roles
         * @description The five system roles and the tenant’s custom roles, with their permissions.
         */
        get: operations["listRoles"];
        put?: never;
        /**
         * Create a custom role
         * @description Plan feature `custom_roles`; only permissions you hold yourself.
         */
        post: operations["createRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a role */
        get: operations["getRole"];
        put?: never;
        post?: never;
        /**
         * Delete a custom role
         * @description Its assignments go with it. System roles cannot be deleted.
         */
        delete: operations["deleteRole"];
        options?: never;
        head?: never;
        /**
         * Change a custom role
         * @description System roles cannot be changed. Takes effect on the next request of its holders.
         */
        patch: operations["updateRole"];
        trace?: never;
    };
    "/api/v1/users/{id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user’s current role assignments */
        get: operations["listUserRoles"];
        put?: never;
        /**
         * Assign a role to a user
         * @description Optionally until `expiresAt`; assigning again changes the expiry. Only roles within your own permissions, to users whose permissions you hold; your own roles can only be shortened.
         */
        post: operations["assignRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/roles/{role}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Take a role from a user
         * @description Refused with LAST_ADMIN for the tenant’s last permanent tenant_admin.
         */
        delete: operations["unassignRole"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email and password
         * @description Any failure (unknown email, wrong password, inactive or locked account) answers the same 401. With MFA on, the answer is `{ mfaRequired: true, mfaToken }`: finish at …/mfa/verify.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish an MFA login with a TOTP code or a recovery code */
        post: operations["verifyMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for new tokens
         * @description The token sent is spent. Presenting a spent token again revokes the whole session (it was stolen).
         */
        post: operations["refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the current session
         * @description Its access token stops working at once.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the account, this one included */
        post: operations["logoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s live sessions */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of the account’s sessions */
        delete: operations["revokeSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s login history, newest first */
        get: operations["getLoginHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password
         * @description Needs the current password; every other session is signed out.
         */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/totp/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start TOTP enrolment
         * @description Add the secret to an authenticator app, then activate with a code.
         */
        post: operations["enrollMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/totp/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate TOTP with a code from the app
         * @description Answers ten recovery codes, shown once.
         */
        post: operations["activateMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn TOTP off
         * @description Needs a current code or a recovery code.
         */
        post: operations["disableMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email and password
         * @description Any failure (unknown email, wrong password, inactive or locked account) answers the same 401. With MFA on, the answer is `{ mfaRequired: true, mfaToken }`: finish at …/mfa/verify.
         */
        post: operations["platformLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish an MFA login with a TOTP code or a recovery code */
        post: operations["platformVerifyMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for new tokens
         * @description The token sent is spent. Presenting a spent token again revokes the whole session (it was stolen).
         */
        post: operations["platformRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the current session
         * @description Its access token stops working at once.
         */
        post: operations["platformLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the account, this one included */
        post: operations["platformLogoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s live sessions */
        get: operations["platformListSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one of the account’s sessions */
        delete: operations["platformRevokeSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s login history, newest first */
        get: operations["platformGetLoginHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/change-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password
         * @description Needs the current password; every other session is signed out.
         */
        post: operations["platformChangePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/mfa/totp/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start TOTP enrolment
         * @description Add the secret to an authenticator app, then activate with a code.
         */
        post: operations["platformEnrollMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/mfa/totp/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate TOTP with a code from the app
         * @description Answers ten recovery codes, shown once.
         */
        post: operations["platformActivateMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/auth/mfa/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn TOTP off
         * @description Needs a current code or a recovery code.
         */
        post: operations["platformDisableMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a password reset link
         * @description Always answers 202 with the same body, whether or not an account uses the address. The link works once, for 1 hour.
         */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the emailed token
         * @description Signs the account out everywhere.
         */
        post: operations["confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email/request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a link that verifies the caller’s address (valid 24 hours) */
        post: operations["requestEmailVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verify-email/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify an email address with the emailed token */
        post: operations["confirmEmailVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation by choosing a password
         * @description The link works once, for 7 days. Then log in.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Filter by status, role and text; sort; cursor pagination.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user
         * @description With `password` the user is active at once; without it, they are invited by email. Takes a seat (PLAN_LIMIT when full).
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling user, with their effective permissions and tenant */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change your own profile */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/api/v1/users/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** User counts: by status and role, locked, MFA, recent activity, seats */
        get: operations["getUserStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite up to 500 users
         * @description Each row succeeds or fails on its own; the answer lists the result of every row.
         */
        post: operations["inviteUsersInBulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user
         * @description Only users whose permissions you hold; a tenant admin only by a tenant admin. `isBreakGlass` is set by tenant admins only (at most 3 accounts, BREAK_GLASS_LIMIT).
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a user
         * @description Their sessions end at once and their API keys are suspended (reactivation does not bring keys back; switch each on again). Only users whose permissions you hold; a tenant admin only by a tenant admin. Not the last tenant admin (LAST_ADMIN).
         */
        post: operations["deactivateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reactivate a deactivated user
         * @description Takes a seat again (PLAN_LIMIT when full).
         */
        post: operations["reactivateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite a user by email
         * @description Creates the user as `invited` and emails a single-use link (7 days).
         */
        post: operations["inviteUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/invitation/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a new invitation link (the previous one stops working) */
        post: operations["resendInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraw an invitation
         * @description The invited user is removed and the link stops working.
         */
        delete: operations["revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unlock an account locked by failed logins */
        post: operations["unlockUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user’s live sessions */
        get: operations["listUserSessions"];
        put?: never;
        post?: never;
        /** End every session of a user */
        delete: operations["revokeUserSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one session of a user */
        delete: operations["revokeUserSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (never their secrets) */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key
         * @description Send it as `X-API-Key: sk_live_…` or `Authorization: Bearer sk_live_…`; it carries its tenant. The secret is shown once.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an API key */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a key’s secret
         * @description The old secret stops working at once; the new one is shown once.
         */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Switch a suspended key back on
         * @description Deactivating a user suspends their keys; reactivating them brings none back. The owner must be active again, and you must hold every permission they hold.
         */
        post: operations["enableApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description Filter by status, plan and text; cursor pagination.
         */
        get: operations["listTenants"];
        put?: never;
        /**
         * Provision a tenant
         * @description Creates the tenant’s schema, database role, tables and first admin in one transaction: on any failure nothing is left behind. A taken slug answers 409.
         */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tenant */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        /**
         * Delete a tenant
         * @description Suspends it at once; the worker drops its schema and role after TENANT_PURGE_GRACE_DAYS (see `purgeAfter`). With `purge=true&confirm=<slug>` the schema and role are dropped now (audited as `tenant.purged`); this cannot be undone.
         */
        delete: operations["deleteTenant"];
        options?: never;
        head?: never;
        /** Change a tenant’s name, plan, settings or limit overrides */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/api/v1/platform/tenants/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a tenant
         * @description Its users are refused with TENANT_SUSPENDED at once.
         */
        post: operations["suspendTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reactivate a suspended tenant */
        post: operations["reactivateTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants/{id}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a tenant to another database cluster
         * @description Suspends the tenant, copies its schema (every table’s rows, sequences, the audit chain) to the cluster, checks row counts table by table, switches it there, drops the old schema and role, and reactivates it if it was active. The answer and the audit event give the downtime. A tenant with pending migrations must be migrated first (409).
         */
        post: operations["moveTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tenant statistics
         * @description Users, active users (30 days), projects, documents, API calls today, storage, webhook endpoints, last activity.
         */
        get: operations["getTenantStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Platform dashboard
         * @description Tenants by status and plan, signups per week, active users.
         */
        get: operations["getPlatformDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List platform staff
         * @description Filter by status, role and text; newest first.
         */
        get: operations["listPlatformUsers"];
        put?: never;
        /**
         * Create a platform staff account
         * @description `super_admin` may do everything; `support` reads tenants, statistics and audit logs and changes nothing.
         */
        post: operations["createPlatformUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a platform staff account */
        get: operations["getPlatformUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a platform staff account’s name or roles
         * @description Fewer roles end its sessions.
         */
        patch: operations["updatePlatformUser"];
        trace?: never;
    };
    "/api/v1/platform/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a platform staff account
         * @description Its sessions end at once. Not yourself, not the last super admin.
         */
        post: operations["deactivatePlatformUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/users/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reactivate a platform staff account */
        post: operations["reactivatePlatformUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/impersonations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Impersonations, running and past
         * @description Newest first; filter by `active` and `tenantId`.
         */
        get: operations["listImpersonations"];
        put?: never;
        /**
         * Act as a tenant user
         * @description Within the tenant’s `supportAccess` policy (`always`; `consent` needs an open window granted by a tenant admin; `never` refuses with IMPERSONATION_FORBIDDEN). Returns an access token (no refresh token) for at most 60 minutes. `mode: read` (the default; the only mode for support staff) refuses every write; `mode: write` (super admins) allows only the writes marked for support (project and document edits, webhook delivery retries): users, invitations, roles, API keys, webhook endpoints, SSO and settings stay refused (IMPERSONATION_FORBIDDEN). Every request made with it is in the tenant’s audit log, naming you and the mode. The tenant’s admins are emailed.
         */
        post: operations["startImpersonation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/impersonations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an impersonation */
        get: operations["getImpersonation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/impersonations/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End an impersonation now
         * @description Its access token is refused from the next request on. Support staff end only their own.
         */
        post: operations["endImpersonation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant’s profile and settings
         * @description Plan, features, effective limits and settings.
         */
        get: operations["getOwnTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the tenant’s settings
         * @description Merged into the current settings; plan, limits and name are changed by platform staff.
         */
        patch: operations["updateOwnTenant"];
        trace?: never;
    };
    "/api/v1/tenant/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage against each plan limit
         * @description Seats, API calls today (UTC), webhook endpoints, audit history kept, storage.
         */
        get: operations["getOwnTenantUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/support-access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Support access policy and windows */
        get: operations["getSupportAccess"];
        put?: never;
        /**
         * Let platform support act as users until a time
         * @description For the `consent` policy: platform staff may impersonate users of this tenant until `expiresAt` (at most 30 days). Replaces an open window.
         */
        post: operations["grantSupportAccess"];
        /** Close the open support access window now */
        delete: operations["revokeSupportAccess"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Background queues
         * @description Jobs per queue and state: `email`, `webhooks`, `maintenance`.
         */
        get: operations["listQueues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/queues/{queue}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Jobs of a queue in one state
         * @description Newest first, `failed` unless `state` says otherwise. Shows the job’s id, kind, tenant, attempts, last error and times, never its content (email bodies and links, webhook payloads, addresses).
         */
        get: operations["jobsQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/queues/{queue}/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a failed job
         * @description Sends it round again with all its attempts. A webhook job redelivers only what its delivery still owes; a dead-lettered message is sent again by the tenant with `POST /webhooks/messages/:id/retry`.
         */
        post: operations["retryQueue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the audit trail
         * @description Newest first; filters combine; cursor pagination.
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the hash chain
         * @description Recomputes every event’s keyed hash and checks the chain against its head: tampered or deleted events are reported.
         */
        get: operations["verifyAuditTrail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the audit trail
         * @description CSV or JSON Lines, with the same filters as the search, streamed (any size). The export is itself audited.
         */
        get: operations["exportAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/reports/access-control": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Access-control report: every user with their live roles, expiring roles and grants */
        get: operations["getAccessControlReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/reports/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Changes report: counts by actor and by resource and action, in a period */
        get: operations["getChangesReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/reports/security": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Security report: failed logins by IP, lockouts, refusals, impersonations, stolen refresh tokens */
        get: operations["getSecurityReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One audit event */
        get: operations["getAuditEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the platform audit trail (tenant lifecycle, staff logins, impersonation) */
        get: operations["listPlatformAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Verify the platform trail’s hash chain */
        get: operations["verifyPlatformAuditTrail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/audit-events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One platform audit event */
        get: operations["getPlatformAuditEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants/{tenantId}/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search a tenant’s audit trail
         * @description The same filters and pagination as the tenant’s own search.
         */
        get: operations["listTenantAuditEventsForStaff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platform/tenants/{tenantId}/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Verify a tenant’s hash chain */
        get: operations["verifyTenantAuditTrailForStaff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects
         * @description Newest first by default; filter by name; cursor pagination.
         */
        get: operations["listProjects"];
        put?: never;
        /**
         * Create a project
         * @description Its creator is granted read and update on it, and every document permission.
         */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a project */
        get: operations["getProject"];
        put?: never;
        post?: never;
        /** Delete a project and its documents */
        delete: operations["deleteProject"];
        options?: never;
        head?: never;
        /** Change a project */
        patch: operations["updateProject"];
        trace?: never;
    };
    "/api/v1/projects/{id}/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the grants on a project */
        get: operations["listProjectGrants"];
        put?: never;
        /**
         * Grant a user permissions on this project
         * @description Replaces the user’s grant on it. You can only hand out permissions you hold on the project.
         */
        post: operations["grantOnProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}/grants/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a user’s grant on this project */
        delete: operations["revokeProjectGrant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a project’s documents
         * @description Newest first; cursor pagination.
         */
        get: operations["listDocuments"];
        put?: never;
        /** Create a document in a project */
        post: operations["createDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{projectId}/documents/{documentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a document */
        get: operations["getDocument"];
        put?: never;
        post?: never;
        /** Delete a document */
        delete: operations["deleteDocument"];
        options?: never;
        head?: never;
        /** Change a document */
        patch: operations["updateDocument"];
        trace?: never;
    };
    "/api/v1/webhooks/event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event types an endpoint can subscribe to */
        get: operations["listWebhookEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints (never their secrets) */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Answers the signing secret (`whsec_…`) this once. Counts against the plan’s `webhookEndpoints` (PLAN_LIMIT); the URL is checked (WEBHOOK_URL_REFUSED).
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Its delivery log goes with it.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description Enable it again after the system disabled it here.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description Answers the new secret this once. For 24 hours every message is signed with both the new and the old secret.
         */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a `webhook.test` event to this endpoint only */
        post: operations["testWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/endpoints/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send again what failed since a time
         * @description Every message dead-lettered at this endpoint since `since` is queued again with a fresh schedule.
         */
        post: operations["recoverWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook messages with their status at each endpoint
         * @description Newest first; filter by endpoint, delivery status or event type; cursor pagination.
         */
        get: operations["listWebhookMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook message */
        get: operations["getWebhookMessage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/messages/{id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery attempts of a message: time, status code, latency, error, response excerpt */
        get: operations["listWebhookMessageAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/messages/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message again
         * @description To one endpoint (`endpointId`), or to every endpoint where it was dead-lettered; with a fresh schedule.
         */
        post: operations["retryWebhookMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sso/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List identity providers (never their secrets) */
        get: operations["listSsoProviders"];
        put?: never;
        /**
         * Configure an identity provider
         * @description The client secret is stored encrypted and never returned. `allowedDomains` restricts who may sign in through it; it claims no domain (see `POST /sso/domains`). The URLs the server will request (the `oidc` issuer, the `saml` idpMetadataUrl) must be HTTPS on public addresses (URL_REFUSED). A `saml` provider is described by its metadata (`idpMetadataXml` or `idpMetadataUrl`, read now: SSO_PROVIDER_UNAVAILABLE when it cannot be) or by `idpEntityId`, `idpSsoUrl` and `idpCertificates`; the answer’s `saml` object names the SP metadata URL and ACS URL to give the identity provider.
         */
        post: operations["createSsoProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sso/providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an identity provider (never its secret) */
        get: operations["getSsoProvider"];
        put?: never;
        post?: never;
        /**
         * Remove an identity provider
         * @description Its links to users go with it; the users and the tenant’s domain claims stay.
         */
        delete: operations["deleteSsoProvider"];
        options?: never;
        head?: never;
        /**
         * Change an identity provider
         * @description Send `clientSecret` to replace the secret. A changed `issuer` is checked as at creation (URL_REFUSED). For `saml`, a named `idpMetadataUrl` is read again (after a certificate rollover, say); `attributeMapping` is replaced as a whole.
         */
        patch: operations["updateSsoProvider"];
        trace?: never;
    };
    "/api/v1/sso/domains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant’s domain claims (verified, and pending ones not yet lapsed) */
        get: operations["listSsoDomains"];
        put?: never;
        /**
         * Claim an email domain for single sign-on
         * @description The claim is `pending`: publish `verification.value` as a TXT record at `verification.name`, then call `POST /sso/domains/:id/verify` within 7 days. Pending claims block nobody; a domain another tenant has verified is DOMAIN_TAKEN; public mail domains are refused.
         */
        post: operations["createSsoDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sso/domains/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a domain claim, with its DNS challenge */
        get: operations["getSsoDomain"];
        put?: never;
        post?: never;
        /**
         * Give up a domain claim
         * @description The domain no longer routes discovery, links or provisions users, or counts for `ssoEnforced`; users already linked keep signing in through their provider.
         */
        delete: operations["deleteSsoDomain"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sso/domains/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Prove a domain through its DNS TXT record
         * @description Looks up the TXT records at `verification.name` (through DNS_SERVERS). When one holds `verification.value` the claim becomes `verified` and other tenants’ pending claims on the domain are dropped; otherwise DOMAIN_NOT_VERIFIED with `found` (the TXT strings seen) and `dnsError` (e.g. NXDOMAIN, TIMEOUT).
         */
        post: operations["verifySsoDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/{tenantSlug}/{providerId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start signing in with an identity provider
         * @description Redirects the browser to the provider (OpenID Connect: authorization code flow with state, nonce and PKCE, kept server-side; SAML: an AuthnRequest with the HTTP-Redirect binding, its id kept server-side). The provider sends it back to the callback (SAML: the ACS), which ends at `redirectUri` with a one-time `code`.
         */
        get: operations["startSsoLogin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where identity providers send the browser back (query response mode)
         * @description Verifies the answer and redirects to the client’s `redirectUri` with `code` (and its `state`); no token ever appears in a URL. A refused sign-in answers SSO_FAILED with a `reason`.
         */
        get: operations["completeSsoLogin"];
        put?: never;
        /**
         * Where identity providers post the browser back (form_post response mode, Entra ID)
         * @description As the GET callback; the body is `application/x-www-form-urlencoded`.
         */
        post: operations["completeSsoLoginByPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/{tenantSlug}/{providerId}/saml/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * SAML service provider metadata of an identity provider
         * @description What the identity provider needs to know of this service: its entity id (this URL), the Assertion Consumer Service (HTTP-POST binding) and whether assertions must be signed. `tenantSlug` may also be the tenant’s id.
         */
        get: operations["samlMetadataSsoLogin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/saml/acs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * SAML Assertion Consumer Service (HTTP-POST binding)
         * @description Where SAML identity providers post the browser back. Verifies the response (signature with the provider’s certificates, issuer, audience, destination, validity, the request it answers, assertion replay) and redirects to the client’s `redirectUri` with `code` (and its `state`), as the OpenID Connect callback. Unsolicited (IdP-initiated) responses are refused unless the provider allows them. A refused sign-in answers SSO_FAILED with a `reason`.
         */
        post: operations["samlAcsSsoLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange the one-time code for tokens
         * @description Answers the same tokens as a password login. The code works once, within 60 seconds; otherwise INVALID_TOKEN. Just-in-time provisioning and account linking happen here.
         */
        post: operations["exchangeSsoCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sso/discover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Which tenant and identity provider sign in this email address
         * @description Home-realm discovery from the email’s domain. The answer has the same shape whether or not the domain is claimed; without SSO every field but `sso: false` is null.
         */
        post: operations["discoverSso"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/directory-sync/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List directory-sync tokens
         * @description Newest first; never their secrets.
         */
        get: operations["listDirectoryTokens"];
        put?: never;
        /**
         * Create a directory-sync (SCIM) token
         * @description The token is shown once: give it and `scimBaseUrl` to the identity provider. The directory acts with at most your authority.
         */
        post: operations["createDirectoryToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/directory-sync/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a directory-sync token
         * @description Its next request is 401.
         */
        delete: operations["revokeDirectoryToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/directory-sync/group-roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which directory groups grant which roles */
        get: operations["listDirectorySyncs"];
        /**
         * Replace the group-to-role mappings
         * @description Only roles you dominate. Members of mapped groups get their roles at once and lose them when they leave; roles granted by hand are untouched.
         */
        put: operations["replaceDirectorySync"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/directory-sync/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the directory changed, newest first
         * @description Refusals too (outcome failure).
         */
        get: operations["eventsDirectorySync"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/ServiceProviderConfig": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What this SCIM service supports (PATCH, filter, sort, ETags; no bulk) */
        get: operations["configScimDiscovery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/ResourceTypes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The resource types served: User (with the enterprise extension) and Group */
        get: operations["resourceTypesScimDiscovery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The attributes of each schema served */
        get: operations["schemasScimDiscovery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or find users
         * @description Every user of the tenant (also those invited or signed in by SSO); `filter`, paging, sorting, attribute selection.
         */
        get: operations["listScimUsers"];
        put?: never;
        /**
         * Create a user
         * @description An existing userName is 409 uniqueness: find it with `filter=userName eq "…"` and PATCH its externalId to link it.
         */
        post: operations["createScimUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: operations["getScimUser"];
        /**
         * Replace a user
         * @description `active: false` deactivates: sessions, refresh tokens and API keys stop at once.
         */
        put: operations["replaceScimUser"];
        post?: never;
        /**
         * Delete a user
         * @description Deactivated and detached from the directory; the account’s history is kept.
         */
        delete: operations["deleteScimUser"];
        options?: never;
        head?: never;
        /**
         * Change a user
         * @description add / replace / remove with value paths and filters; Entra ID’s and Okta’s idioms accepted.
         */
        patch: operations["patchScimUser"];
        trace?: never;
    };
    "/scim/v2/Groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or find groups
         * @description `filter` (e.g. `displayName eq "Engineering"`), paging, sorting.
         */
        get: operations["listScimGroups"];
        put?: never;
        /**
         * Create a group
         * @description Its members get the roles mapped to it.
         */
        post: operations["createScimGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a group */
        get: operations["getScimGroup"];
        /**
         * Replace a group
         * @description Its name and its members (a document without members empties it).
         */
        put: operations["replaceScimGroup"];
        post?: never;
        /**
         * Delete a group
         * @description The roles it granted are taken back from its members.
         */
        delete: operations["deleteScimGroup"];
        options?: never;
        head?: never;
        /**
         * Change a group
         * @description Add or remove members (`members[value eq "…"]`, or a value list), or rename it. Leaving a mapped group takes its role back.
         */
        patch: operations["patchScimGroup"];
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Needs `Authorization: Bearer <METRICS_TOKEN>`; without METRICS_TOKEN configured the route does not exist.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        FieldError: {
            /**
             * @description The field, dotted for nested ones
             * @example admin.email
             */
            field: string;
            /** @example admin.email must be an email */
            message: string;
        };
        /** @description An error (RFC 9457). Branch on `code`, never on `title` or `detail`. */
        Problem: {
            /**
             * @description Where the code is explained
             * @example /api/v1/errors/VALIDATION_FAILED
             */
            type: string;
            /** @example Validation failed */
            title: string;
            /** @example 400 */
            status: number;
            /** @example name must be shorter than or equal to 200 characters */
            detail: string;
            /**
             * @example VALIDATION_FAILED
             * @enum {string}
             */
            code: "VALIDATION_FAILED" | "BAD_REQUEST" | "INVALID_TOKEN" | "WEBHOOK_URL_REFUSED" | "URL_REFUSED" | "TENANT_REQUIRED" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "INVALID_MFA_CODE" | "SSO_FAILED" | "SSO_REQUIRED" | "MFA_SETUP_REQUIRED" | "IMPERSONATION_FORBIDDEN" | "FORBIDDEN" | "TENANT_SUSPENDED" | "TENANT_MISMATCH" | "IP_NOT_ALLOWED" | "TENANT_NOT_FOUND" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "CONFLICT" | "TENANT_SLUG_TAKEN" | "LAST_ADMIN" | "INVALID_STATE" | "DOMAIN_TAKEN" | "DOMAIN_NOT_VERIFIED" | "PRECONDITION_FAILED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "PLAN_LIMIT" | "BREAK_GLASS_LIMIT" | "FEATURE_NOT_IN_PLAN" | "RATE_LIMITED" | "REQUEST_HEADERS_TOO_LARGE" | "INTERNAL_ERROR" | "SSO_PROVIDER_UNAVAILABLE" | "SERVICE_UNAVAILABLE";
            /**
             * @description The path of the request
             * @example /api/v1/projects
             */
            instance?: string;
            /**
             * Format: uuid
             * @description Quote it when reporting a problem
             */
            requestId?: string;
            /** @description VALIDATION_FAILED: each invalid field */
            errors?: components["schemas"]["FieldError"][];
            /**
             * @description PLAN_LIMIT, BREAK_GLASS_LIMIT: the limit reached
             * @example seats
             */
            limit?: string;
            /** @description PLAN_LIMIT, BREAK_GLASS_LIMIT: what the limit allows */
            max?: number;
            /** @description PLAN_LIMIT, BREAK_GLASS_LIMIT: what is used now */
            current?: number;
            /** @description PLAN_LIMIT, FEATURE_NOT_IN_PLAN: the tenant’s plan */
            plan?: string;
            /**
             * @description FEATURE_NOT_IN_PLAN: the feature missing
             * @example custom_roles
             */
            feature?: string;
            /**
             * @description FORBIDDEN: the permissions the caller lacks
             * @example [
             *       "users:delete"
             *     ]
             */
            missing?: string[];
            /**
             * Format: date-time
             * @description FORBIDDEN: until when the caller holds the authority it tried to hand out
             */
            holdsUntil?: string;
            /** @description IP_NOT_ALLOWED: the address refused */
            ip?: string;
            /** @description SSO_FAILED and others: why, in a word */
            reason?: string;
            /**
             * @description RATE_LIMITED: which limit
             * @example login
             */
            rateLimit?: string;
            /**
             * @description RATE_LIMITED: what it counts per
             * @example ip
             */
            per?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description An error of the SCIM service (RFC 7644 §3.12): identity providers read this, not problem+json. */
        ScimError: {
            schemas: "urn:ietf:params:scim:api:messages:2.0:Error"[];
            /**
             * @description The HTTP status, as a string
             * @example 409
             */
            status: string;
            /** @enum {string} */
            scimType?: "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue" | "invalidVers" | "sensitive";
            /** @example A user with userName ada@example.com already exists */
            detail: string;
        };
        HealthDto: {
            /**
             * @description `degraded`: ready, but a database cluster other than main is down (its tenants get 503)
             * @enum {string}
             */
            status: "ok" | "degraded" | "unavailable";
            /**
             * @description Each dependency checked (none for liveness)
             * @example {
             *       "database": "up",
             *       "redis": "up",
             *       "database:eu2": "up"
             *     }
             */
            checks: {
                [key: string]: "up" | "down";
            };
        };
        ErrorCodeDto: {
            /** @example TENANT_NOT_FOUND */
            code: string;
            /** @example 404 */
            status: number;
            /** @example Tenant not found */
            title: string;
            /** @example No tenant matches the given slug or id. */
            description: string;
        };
        ErrorCodeListDto: {
            items: components["schemas"]["ErrorCodeDto"][];
        };
        PermissionDto: {
            /** @example projects:read */
            key: string;
            /** @example projects */
            resource: string;
            /** @example read */
            action: string;
            /** @example List and view projects */
            description: string;
            /**
             * @description System roles that grant it
             * @example [
             *       "tenant_admin",
             *       "project_manager"
             *     ]
             */
            systemRoles: string[];
        };
        PermissionListDto: {
            items: components["schemas"]["PermissionDto"][];
        };
        RoleDto: {
            /** Format: uuid */
            id: string;
            /** @example project_manager */
            key: string;
            /** @example Project manager */
            name: string;
            /** @example Manages projects and documents; reads users */
            description: string;
            permissions: ("users:read" | "users:create" | "users:update" | "users:delete" | "roles:read" | "roles:manage" | "projects:read" | "projects:create" | "projects:update" | "projects:delete" | "documents:read" | "documents:create" | "documents:update" | "documents:delete" | "audit:read" | "audit:export" | "webhooks:read" | "webhooks:manage" | "api-keys:read" | "api-keys:manage" | "settings:read" | "settings:manage" | "sso:read" | "sso:manage" | "tenant:read" | "directory:manage")[];
            /** @description System roles come with every tenant and cannot be changed or deleted */
            isSystem: boolean;
            /**
             * @description Users holding it now (unexpired assignments)
             * @example 3
             */
            userCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        RoleListDto: {
            items: components["schemas"]["RoleDto"][];
        };
        CreateRoleDto: {
            /** @example billing_viewer */
            key: string;
            /** @example Billing viewer */
            name: string;
            /** @example Reads the plan and usage */
            description?: string;
            /**
             * @example [
             *       "tenant:read"
             *     ]
             */
            permissions: ("users:read" | "users:create" | "users:update" | "users:delete" | "roles:read" | "roles:manage" | "projects:read" | "projects:create" | "projects:update" | "projects:delete" | "documents:read" | "documents:create" | "documents:update" | "documents:delete" | "audit:read" | "audit:export" | "webhooks:read" | "webhooks:manage" | "api-keys:read" | "api-keys:manage" | "settings:read" | "settings:manage" | "sso:read" | "sso:manage" | "tenant:read" | "directory:manage")[];
        };
        UpdateRoleDto: {
            /** @example Billing viewer */
            name?: string;
            /** @example Reads the plan and usage */
            description?: string;
            permissions?: ("users:read" | "users:create" | "users:update" | "users:delete" | "roles:read" | "roles:manage" | "projects:read" | "projects:create" | "projects:update" | "projects:delete" | "documents:read" | "documents:create" | "documents:update" | "documents:delete" | "audit:read" | "audit:export" | "webhooks:read" | "webhooks:manage" | "api-keys:read" | "api-keys:manage" | "settings:read" | "settings:manage" | "sso:read" | "sso:manage" | "tenant:read" | "directory:manage")[];
        };
        AssignmentDto: {
            /** Format: uuid */
            roleId: string;
            /** @example project_manager */
            roleKey: string;
            /** @example Project manager */
            roleName: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            grantedBy: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        AssignmentListDto: {
            items: components["schemas"]["AssignmentDto"][];
        };
        AssignRoleDto: {
            /**
             * @description Role id or key
             * @example project_manager
             */
            role: string;
            /**
             * Format: date-time
             * @description The assignment stops granting at this moment
             */
            expiresAt?: string;
        };
        LoginDto: {
            /** @example admin@acme.example */
            email: string;
            /**
             * Format: password
             * @example correct horse battery staple
             */
            password: string;
        };
        LoginResponseDto: {
            /** @description Present when the password was right and no second factor is needed */
            accessToken?: string;
            /** @example rt_3q2v… */
            refreshToken?: string;
            /**
             * @description Lifetime in seconds of the access token (or of the MFA token)
             * @example 900
             */
            expiresIn: number;
            /** @enum {string} */
            tokenType?: "Bearer";
            /** @description True when a second factor is needed: answer the MFA verify route with `mfaToken` and a code */
            mfaRequired?: boolean;
            /** @description Short-lived (5 min) token for the MFA verify route */
            mfaToken?: string;
        };
        MfaVerifyDto: {
            /** @description The `mfaToken` from the login answer */
            mfaToken: string;
            /**
             * @description A 6-digit code from the authenticator app, or an unused recovery code
             * @example 492039
             */
            code: string;
        };
        TokenPairDto: {
            /** @description JWT access token; send as `Authorization: Bearer <token>` */
            accessToken: string;
            /**
             * @description Opaque refresh token; exchange it at the refresh route, once
             * @example rt_3q2v…
             */
            refreshToken: string;
            /**
             * @description Access token lifetime in seconds
             * @example 900
             */
            expiresIn: number;
            /**
             * @example Bearer
             * @enum {string}
             */
            tokenType: "Bearer";
        };
        RefreshDto: {
            /**
             * @description The refresh token from the last login or refresh; it is single-use
             * @example rt_3q2v…
             */
            refreshToken: string;
        };
        RevokedCountDto: {
            /** @example 3 */
            revoked: number;
        };
        SessionDto: {
            /** Format: uuid */
            id: string;
            /** @example Mozilla/5.0 … */
            userAgent: string | null;
            /** @example 203.0.113.7 */
            ip: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastSeenAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description The session of the token making this request */
            current: boolean;
        };
        SessionListDto: {
            items: components["schemas"]["SessionDto"][];
        };
        LoginEventDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            outcome: "success" | "failure" | "locked" | "mfa_challenge" | "mfa_failure";
            /** @example password */
            method: string;
            /** @example 203.0.113.7 */
            ip: string | null;
            /** @example Mozilla/5.0 … */
            userAgent: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        LoginEventPageDto: {
            items: components["schemas"]["LoginEventDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        ChangePasswordDto: {
            /** Format: password */
            currentPassword: string;
            /**
             * Format: password
             * @description 12+ characters, not a common password, not containing your email
             */
            newPassword: string;
        };
        MfaEnrollmentDto: {
            /**
             * @description Base32 secret for apps that cannot scan a QR code
             * @example JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
             */
            secret: string;
            /**
             * @description Render as a QR code
             * @example otpauth://totp/Acme:ada%40acme.example?secret=…&issuer=Acme
             */
            otpauthUrl: string;
        };
        MfaCodeDto: {
            /**
             * @description A 6-digit code from the authenticator app (or, to disable, a recovery code)
             * @example 492039
             */
            code: string;
        };
        MfaActivationDto: {
            /** @description JWT access token; send as `Authorization: Bearer <token>` */
            accessToken: string;
            /**
             * @description Opaque refresh token; exchange it at the refresh route, once
             * @example rt_3q2v…
             */
            refreshToken: string;
            /**
             * @description Access token lifetime in seconds
             * @example 900
             */
            expiresIn: number;
            /**
             * @example Bearer
             * @enum {string}
             */
            tokenType: "Bearer";
            /**
             * @description Ten single-use recovery codes, shown this once; a fresh token pair replaces the one used to enrol
             * @example [
             *       "3f9a-0c1d-77b2-4e10"
             *     ]
             */
            recoveryCodes: string[];
        };
        EmailDto: {
            /** @example ada@acme.example */
            email: string;
        };
        AcceptedDto: {
            /** @example If an account uses this address, an email is on its way. */
            message: string;
        };
        ResetPasswordDto: {
            /**
             * @description The token from the emailed link
             * @example ev_Qm9…
             */
            token: string;
            /** Format: password */
            password: string;
        };
        TokenDto: {
            /**
             * @description The token from the emailed link
             * @example ev_Qm9…
             */
            token: string;
        };
        AcceptInvitationDto: {
            /**
             * @description The token from the emailed link
             * @example ev_Qm9…
             */
            token: string;
            /** Format: password */
            password: string;
            /** @example Ada Lovelace */
            name?: string;
        };
        UserSummaryDto: {
            /** Format: uuid */
            id: string;
            /** @example ada@acme.example */
            email: string;
            /** @example Ada Lovelace */
            name: string;
            /** @enum {string} */
            status: "invited" | "active" | "deactivated";
        };
        UserDto: {
            /** Format: uuid */
            id: string;
            /** @example ada@acme.example */
            email: string;
            /** @example Ada Lovelace */
            name: string;
            /** @enum {string} */
            status: "invited" | "active" | "deactivated";
            /**
             * @description Keys of the roles held now
             * @example [
             *       "tenant_admin"
             *     ]
             */
            roles: string[];
            emailVerified: boolean;
            mfaEnabled: boolean;
            /** @description Locked by failed logins right now */
            locked: boolean;
            /** @description May sign in with a password when SSO is enforced */
            isBreakGlass: boolean;
            /** Format: date-time */
            lastLoginAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UserPageDto: {
            items: components["schemas"]["UserDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        ImpersonatedByDto: {
            /**
             * Format: uuid
             * @description The platform user acting
             */
            platformUserId: string;
            /** @example support@stratum.example */
            email: string | null;
            /** Format: uuid */
            impersonationId: string;
        };
        MeTenantDto: {
            /** Format: uuid */
            id: string;
            /** @example acme */
            slug: string;
            /** @example Acme Corp */
            name: string;
        };
        MeDto: {
            /** Format: uuid */
            id: string;
            /** @example ada@acme.example */
            email: string;
            /** @example Ada Lovelace */
            name: string;
            /** @enum {string} */
            status: "invited" | "active" | "deactivated";
            /**
             * @description Keys of the roles held now
             * @example [
             *       "tenant_admin"
             *     ]
             */
            roles: string[];
            emailVerified: boolean;
            mfaEnabled: boolean;
            /** @description Locked by failed logins right now */
            locked: boolean;
            /** @description May sign in with a password when SSO is enforced */
            isBreakGlass: boolean;
            /** Format: date-time */
            lastLoginAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * @description Effective permissions of the caller
             * @example [
             *       "projects:read"
             *     ]
             */
            permissions: string[];
            tenant: components["schemas"]["MeTenantDto"];
            /** @description Set when platform staff are acting as this user: who, and the impersonation id */
            impersonatedBy: components["schemas"]["ImpersonatedByDto"] | (never | null);
        };
        UpdateMeDto: {
            /** @example Ada Lovelace */
            name?: string;
        };
        UserCountsByStatusDto: {
            /** @example 38 */
            active: number;
            /** @example 3 */
            invited: number;
            /** @example 1 */
            deactivated: number;
        };
        SeatsDto: {
            /**
             * @description Active and invited users
             * @example 41
             */
            used: number;
            /**
             * @description The tenant’s seat limit
             * @example 100
             */
            limit: number;
        };
        UserStatsDto: {
            /** @example 42 */
            total: number;
            byStatus: components["schemas"]["UserCountsByStatusDto"];
            /** @example 2 */
            locked: number;
            /** @example 30 */
            mfaEnabled: number;
            /** @example 25 */
            activeLast30Days: number;
            /**
             * @description Users per role key
             * @example {
             *       "tenant_admin": 2,
             *       "member": 30
             *     }
             */
            byRole: {
                [key: string]: number;
            };
            seats: components["schemas"]["SeatsDto"];
        };
        CreateUserDto: {
            /** @example grace@acme.example */
            email: string;
            /** @example Grace Hopper */
            name?: string;
            /**
             * Format: password
             * @description Initial password; without one the user is invited by email
             */
            password?: string;
            /**
             * @description System roles; default member
             * @example [
             *       "member"
             *     ]
             */
            roles?: ("tenant_admin" | "project_manager" | "member" | "auditor" | "viewer")[];
        };
        BulkInviteRowDto: {
            /** @example grace@acme.example */
            email: string;
            /** @example Grace Hopper */
            name?: string;
            roles?: ("tenant_admin" | "project_manager" | "member" | "auditor" | "viewer")[];
        };
        BulkInviteDto: {
            users: components["schemas"]["BulkInviteRowDto"][];
        };
        BulkRowErrorDto: {
            /**
             * @example CONFLICT
             * @enum {string}
             */
            code: "VALIDATION_FAILED" | "BAD_REQUEST" | "INVALID_TOKEN" | "WEBHOOK_URL_REFUSED" | "URL_REFUSED" | "TENANT_REQUIRED" | "UNAUTHENTICATED" | "INVALID_CREDENTIALS" | "INVALID_MFA_CODE" | "SSO_FAILED" | "SSO_REQUIRED" | "MFA_SETUP_REQUIRED" | "IMPERSONATION_FORBIDDEN" | "FORBIDDEN" | "TENANT_SUSPENDED" | "TENANT_MISMATCH" | "IP_NOT_ALLOWED" | "TENANT_NOT_FOUND" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "CONFLICT" | "TENANT_SLUG_TAKEN" | "LAST_ADMIN" | "INVALID_STATE" | "DOMAIN_TAKEN" | "DOMAIN_NOT_VERIFIED" | "PRECONDITION_FAILED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "PLAN_LIMIT" | "BREAK_GLASS_LIMIT" | "FEATURE_NOT_IN_PLAN" | "RATE_LIMITED" | "REQUEST_HEADERS_TOO_LARGE" | "INTERNAL_ERROR" | "SSO_PROVIDER_UNAVAILABLE" | "SERVICE_UNAVAILABLE";
            /** @example A user with email … already exists */
            detail: string;
        };
        BulkRowResultDto: {
            /**
             * @description Position of the row in the request
             * @example 0
             */
            index: number;
            /** @example grace@acme.example */
            email: string;
            /** @enum {string} */
            status: "invited" | "failed";
            /** Format: uuid */
            userId?: string;
            /** @description Why the row failed */
            error?: components["schemas"]["BulkRowErrorDto"];
        };
        BulkInviteResultDto: {
            /** @example 498 */
            invited: number;
            /** @example 2 */
            failed: number;
            results: components["schemas"]["BulkRowResultDto"][];
        };
        UpdateUserDto: {
            /** @example Ada Lovelace */
            name?: string;
            /** @description Break-glass account: may sign in with a password even when the tenant enforces SSO. Set by tenant admins only; at most 3 per tenant (BREAK_GLASS_LIMIT). */
            isBreakGlass?: boolean;
        };
        InviteUserDto: {
            /** @example grace@acme.example */
            email: string;
            /** @example Grace Hopper */
            name?: string;
            /**
             * @description System roles; default member
             * @example [
             *       "member"
             *     ]
             */
            roles?: ("tenant_admin" | "project_manager" | "member" | "auditor" | "viewer")[];
        };
        InvitationDto: {
            /** Format: uuid */
            userId: string;
            /** @example grace@acme.example */
            email: string;
            /** @enum {string} */
            status: "invited";
            /**
             * Format: date-time
             * @description When the emailed link stops working
             */
            expiresAt: string;
        };
        CreateApiKeyDto: {
            /** @example CI deploys */
            name: string;
            /**
             * @description The most the key may do; within your own permissions
             * @example [
             *       "projects:read"
             *     ]
             */
            scopes: ("users:read" | "users:create" | "users:update" | "users:delete" | "roles:read" | "roles:manage" | "projects:read" | "projects:create" | "projects:update" | "projects:delete" | "documents:read" | "documents:create" | "documents:update" | "documents:delete" | "audit:read" | "audit:export" | "webhooks:read" | "webhooks:manage" | "api-keys:read" | "api-keys:manage" | "settings:read" | "settings:manage" | "sso:read" | "sso:manage" | "tenant:read" | "directory:manage")[];
            /**
             * Format: date-time
             * @example 2027-01-01T00:00:00Z
             */
            expiresAt?: string;
        };
        ApiKeyWithSecretDto: {
            /** Format: uuid */
            id: string;
            /** @example CI deploys */
            name: string;
            /**
             * @description The start of the key, to tell keys apart
             * @example sk_live_3Hq1xk2a
             */
            prefix: string;
            /**
             * @example [
             *       "projects:read"
             *     ]
             */
            scopes: string[];
            /**
             * @description `suspended`: its owner was deactivated; refused until switched on again (POST …/enable)
             * @enum {string}
             */
            status: "active" | "suspended" | "expired" | "revoked";
            /** Format: uuid */
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            rotatedAt: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /**
             * Format: date-time
             * @description When its owner’s deactivation suspended it
             */
            suspendedAt: string | null;
            /**
             * Format: date-time
             * @description Updated at most once a minute
             */
            lastUsedAt: string | null;
            /** @example 42 */
            useCount: number;
            /** @description Its creator has been deactivated: review whether the key should live on */
            flagged: boolean;
            /**
             * @description The whole key. Shown this once: store it now.
             * @example sk_live_…
             */
            secret: string;
        };
        ApiKeyDto: {
            /** Format: uuid */
            id: string;
            /** @example CI deploys */
            name: string;
            /**
             * @description The start of the key, to tell keys apart
             * @example sk_live_3Hq1xk2a
             */
            prefix: string;
            /**
             * @example [
             *       "projects:read"
             *     ]
             */
            scopes: string[];
            /**
             * @description `suspended`: its owner was deactivated; refused until switched on again (POST …/enable)
             * @enum {string}
             */
            status: "active" | "suspended" | "expired" | "revoked";
            /** Format: uuid */
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            rotatedAt: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /**
             * Format: date-time
             * @description When its owner’s deactivation suspended it
             */
            suspendedAt: string | null;
            /**
             * Format: date-time
             * @description Updated at most once a minute
             */
            lastUsedAt: string | null;
            /** @example 42 */
            useCount: number;
            /** @description Its creator has been deactivated: review whether the key should live on */
            flagged: boolean;
        };
        ApiKeyListDto: {
            items: components["schemas"]["ApiKeyDto"][];
        };
        TenantAdminDto: {
            /** @example admin@acme.example */
            email: string;
            /** @example Ada Admin */
            name: string;
            /**
             * @description Initial password of the first tenant admin; without one, the admin is invited by email
             * @example a-long-initial-password
             */
            password?: string;
        };
        TenantSettingsDto: {
            /**
             * @description Email domains users of this tenant may have
             * @example [
             *       "acme.example"
             *     ]
             */
            allowedEmailDomains?: string[];
            /** @description Refuse password login (except break-glass owners) when SSO is configured */
            ssoEnforced?: boolean;
            /** @description Every user must enrol MFA */
            mfaRequired?: boolean;
            /**
             * @description Whether platform staff may impersonate users
             * @enum {string}
             */
            supportAccess?: "always" | "consent" | "never";
            /**
             * @description CIDR ranges allowed to call the API for this tenant
             * @example [
             *       "203.0.113.0/24"
             *     ]
             */
            ipAllowlist?: string[];
            /**
             * @description Consecutive failed logins that lock an account
             * @example 5
             */
            lockoutThreshold?: number;
            /**
             * @description Minutes a locked account stays locked
             * @example 30
             */
            lockoutMinutes?: number;
        };
        CreateTenantDto: {
            /** @example Acme Corp */
            name: string;
            /**
             * @description Lowercase letters, digits and dashes; starts with a letter; 3–63 characters
             * @example acme
             */
            slug: string;
            /**
             * @example starter
             * @enum {string}
             */
            plan: "free" | "starter" | "professional" | "enterprise" | "custom";
            /** @description The first tenant admin */
            admin: components["schemas"]["TenantAdminDto"];
            settings?: components["schemas"]["TenantSettingsDto"];
            /**
             * @description The database cluster to place the tenant on: `main` or a name of DATABASE_CLUSTERS. Default: the cluster with the fewest live tenants
             * @example eu2
             */
            cluster?: string;
        };
        LimitOverridesDto: {
            /**
             * @description Active and invited users
             * @example 100
             */
            seats?: number;
            /**
             * @description API calls per day (UTC)
             * @example 100000
             */
            apiCallsPerDay?: number;
            /**
             * @description Webhook endpoints
             * @example 10
             */
            webhookEndpoints?: number;
            /**
             * @description Days audit events are kept
             * @example 365
             */
            auditRetentionDays?: number;
            /**
             * @description Storage of the tenant’s schema, in MB
             * @example 10000
             */
            storageMb?: number;
            /**
             * @description Authenticated requests per minute, across the tenant
             * @example 600
             */
            requestsPerMinute?: number;
        };
        TenantDto: {
            /** Format: uuid */
            id: string;
            /** @example acme */
            slug: string;
            /** @example Acme Corp */
            name: string;
            /** @enum {string} */
            status: "provisioning" | "active" | "suspended" | "deleted";
            /** @enum {string} */
            plan: "free" | "starter" | "professional" | "enterprise" | "custom";
            /**
             * @description The database cluster holding the tenant’s schema
             * @example main
             */
            cluster: string;
            settings: components["schemas"]["TenantSettingsDto"];
            /**
             * @example {
             *       "seats": 50
             *     }
             */
            limitOverrides: components["schemas"]["LimitOverridesDto"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            suspendedAt: string | null;
            /** Format: date-time */
            deletedAt: string | null;
            /**
             * Format: date-time
             * @description When a deleted tenant’s schema and role are dropped
             */
            purgeAfter: string | null;
        };
        TenantPageDto: {
            items: components["schemas"]["TenantDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        LimitOverridesChangeDto: {
            /**
             * @description Active and invited users
             * @example 100
             */
            seats?: number | null;
            /**
             * @description API calls per day (UTC)
             * @example 100000
             */
            apiCallsPerDay?: number | null;
            /**
             * @description Webhook endpoints
             * @example 10
             */
            webhookEndpoints?: number | null;
            /**
             * @description Days audit events are kept
             * @example 365
             */
            auditRetentionDays?: number | null;
            /**
             * @description Storage of the tenant’s schema, in MB
             * @example 10000
             */
            storageMb?: number | null;
            /**
             * @description Authenticated requests per minute, across the tenant
             * @example 600
             */
            requestsPerMinute?: number | null;
        };
        UpdateTenantDto: {
            /** @example Acme Corporation */
            name?: string;
            /** @enum {string} */
            plan?: "free" | "starter" | "professional" | "enterprise" | "custom";
            /** @description Merged into the current settings */
            settings?: components["schemas"]["TenantSettingsDto"];
            /**
             * @description Per-tenant limit overrides, merged into the current ones; null removes one
             * @example {
             *       "seats": 50
             *     }
             */
            limitOverrides?: components["schemas"]["LimitOverridesChangeDto"];
        };
        MoveTenantDto: {
            /**
             * @description The database cluster to move the tenant to: `main` or a name of DATABASE_CLUSTERS
             * @example eu2
             */
            cluster: string;
        };
        TenantMoveDto: {
            /** @description The tenant after the move */
            tenant: components["schemas"]["TenantDto"];
            /** @example main */
            from: string;
            /** @example eu2 */
            to: string;
            /**
             * @description How long the tenant was suspended for the move, in milliseconds (0 if it was suspended already)
             * @example 840
             */
            downtimeMs: number;
            /**
             * @description Rows copied per table (equal on both clusters)
             * @example {
             *       "users": 12,
             *       "projects": 40
             *     }
             */
            rows: {
                [key: string]: number;
            };
        };
        UserCountsDto: {
            /** @example 12 */
            total: number;
            /** @example 10 */
            active: number;
            /** @example 1 */
            invited: number;
            /** @example 1 */
            deactivated: number;
        };
        PlanLimitsDto: {
            /**
             * @description Active and invited users
             * @example 100
             */
            seats: number;
            /**
             * @description API calls per day (UTC)
             * @example 100000
             */
            apiCallsPerDay: number;
            /**
             * @description Webhook endpoints
             * @example 10
             */
            webhookEndpoints: number;
            /**
             * @description Days audit events are kept
             * @example 365
             */
            auditRetentionDays: number;
            /**
             * @description Storage of the tenant’s schema, in MB
             * @example 10000
             */
            storageMb: number;
            /**
             * @description Authenticated requests per minute, across the tenant
             * @example 600
             */
            requestsPerMinute: number;
        };
        TenantStatsDto: {
            /** Format: uuid */
            tenantId: string;
            /** @enum {string} */
            plan: "free" | "starter" | "professional" | "enterprise" | "custom";
            users: components["schemas"]["UserCountsDto"];
            /**
             * @description Users who signed in during the last 30 days
             * @example 7
             */
            activeUsers30d: number;
            /** @example 4 */
            projects: number;
            /** @example 31 */
            documents: number;
            /**
             * @description API calls counted today (UTC)
             * @example 1520
             */
            apiCallsToday: number;
            /**
             * @description Size of the tenant’s schema on disk, in bytes
             * @example 1843200
             */
            storageBytes: number;
            /**
             * @description The same in MB, to two decimals
             * @example 1.76
             */
            storageMb: number;
            /** @example 2 */
            webhookEndpoints: number;
            /**
             * Format: date-time
             * @description Latest sign-in or audited action
             */
            lastActivityAt: string | null;
            /** @description Effective limits (plan with overrides) */
            limits: components["schemas"]["PlanLimitsDto"];
        };
        CountByKeyDto: {
            /** @example active */
            key: string;
            /** @example 42 */
            count: number;
        };
        WeeklySignupsDto: {
            /**
             * @description Monday of the week (UTC)
             * @example 2026-11-23
             */
            week: string;
            /** @example 3 */
            count: number;
        };
        DashboardDto: {
            /** @example 120 */
            tenants: number;
            /** @description By status (provisioning, active, suspended, deleted) */
            byStatus: components["schemas"]["CountByKeyDto"][];
            /** @description By plan (free, starter, professional, enterprise, custom) */
            byPlan: components["schemas"]["CountByKeyDto"][];
            /** @description Tenants created per week, the last 12 weeks, oldest first */
            signupsPerWeek: components["schemas"]["WeeklySignupsDto"][];
            /**
             * @description Users of active tenants
             * @example 5400
             */
            users: number;
            /**
             * @description Users of active tenants who signed in during the last 30 days
             * @example 2100
             */
            activeUsers30d: number;
        };
        PlatformUserDto: {
            /** Format: uuid */
            id: string;
            /** @example sam@stratum.example */
            email: string;
            /** @example Sam Support */
            name: string;
            roles: ("super_admin" | "support")[];
            /** @enum {string} */
            status: "active" | "deactivated";
            mfaEnabled: boolean;
            locked: boolean;
            /** Format: date-time */
            lastLoginAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        PlatformUserPageDto: {
            items: components["schemas"]["PlatformUserDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        CreatePlatformUserDto: {
            /** @example sam@stratum.example */
            email: string;
            /** @example Sam Support */
            name: string;
            /**
             * @example [
             *       "support"
             *     ]
             */
            roles: ("super_admin" | "support")[];
            /** @description Initial password (policy: 12+ characters, not common, not containing the email) */
            password: string;
        };
        UpdatePlatformUserDto: {
            /** @example Sam Support */
            name?: string;
            roles?: ("super_admin" | "support")[];
        };
        StartImpersonationDto: {
            /** Format: uuid */
            tenantId: string;
            /**
             * Format: uuid
             * @description The tenant user to act as
             */
            userId: string;
            /** @example Ticket #4711: user cannot see their project */
            reason: string;
            /**
             * @description `read`: look only, every write is refused (support staff may start only these); `write` (super admins): also the few writes support needs (project and document edits, webhook delivery retries). Creating users, invitations, roles, API keys, webhook endpoints, SSO settings and support-access changes are refused in both.
             * @default read
             * @enum {string}
             */
            mode?: "read" | "write";
            /**
             * @description Lifetime of the access token, in minutes
             * @default 15
             */
            durationMinutes?: number;
        };
        StartedImpersonationDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The platform user acting
             */
            platformUserId: string;
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            userId: string;
            /** @example jo@acme.example */
            userEmail: string;
            /** @example Ticket #4711: user cannot see their project */
            reason: string;
            /** @enum {string} */
            mode: "read" | "write";
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            endedAt: string | null;
            /**
             * Format: uuid
             * @description The platform user who ended it; null while it runs or once it expired
             */
            endedBy: string | null;
            /** @description Running now: not ended and not expired */
            active: boolean;
            /** @description Access token for the tenant API: `sub` is the user, `act.sub` the platform user. No refresh token. */
            accessToken: string;
            /** @enum {string} */
            tokenType: "Bearer";
            /**
             * @description Seconds until the token expires
             * @example 900
             */
            expiresIn: number;
        };
        ImpersonationDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The platform user acting
             */
            platformUserId: string;
            /** Format: uuid */
            tenantId: string;
            /** Format: uuid */
            userId: string;
            /** @example jo@acme.example */
            userEmail: string;
            /** @example Ticket #4711: user cannot see their project */
            reason: string;
            /** @enum {string} */
            mode: "read" | "write";
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            endedAt: string | null;
            /**
             * Format: uuid
             * @description The platform user who ended it; null while it runs or once it expired
             */
            endedBy: string | null;
            /** @description Running now: not ended and not expired */
            active: boolean;
        };
        ImpersonationPageDto: {
            items: components["schemas"]["ImpersonationDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        TenantProfileDto: {
            /** Format: uuid */
            id: string;
            /** @example acme */
            slug: string;
            /** @example Acme Corp */
            name: string;
            /** @enum {string} */
            status: "provisioning" | "active" | "suspended" | "deleted";
            /** @enum {string} */
            plan: "free" | "starter" | "professional" | "enterprise" | "custom";
            /**
             * @example [
             *       "webhooks",
             *       "custom_roles"
             *     ]
             */
            features: string[];
            /** @description Effective limits (plan with overrides) */
            limits: components["schemas"]["PlanLimitsDto"];
            settings: components["schemas"]["TenantSettingsDto"];
            /** Format: date-time */
            createdAt: string;
        };
        UpdateTenantProfileDto: {
            /** @description Merged into the current settings. `ssoEnforced` needs the `sso` feature, `ipAllowlist` the `ip_allowlist` feature. */
            settings: components["schemas"]["TenantSettingsDto"];
        };
        UsageItemDto: {
            /** @enum {string} */
            limit: "seats" | "apiCallsPerDay" | "webhookEndpoints" | "auditRetentionDays" | "storageMb";
            /**
             * @description Used now (storageMb to two decimals)
             * @example 3
             */
            used: number;
            /** @example 25 */
            max: number;
            /**
             * @description Headroom left (never below 0)
             * @example 88
             */
            remaining: number;
        };
        TenantUsageDto: {
            /** @enum {string} */
            plan: "free" | "starter" | "professional" | "enterprise" | "custom";
            /**
             * @example [
             *       "webhooks",
             *       "custom_roles"
             *     ]
             */
            features: string[];
            usage: components["schemas"]["UsageItemDto"][];
        };
        SupportAccessWindowDto: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The tenant user who granted it
             */
            grantedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** @description Open now: not revoked and not expired */
            active: boolean;
        };
        SupportAccessDto: {
            /**
             * @description The tenant’s supportAccess setting
             * @enum {string}
             */
            policy: "always" | "consent" | "never";
            /** @description The open window, if any */
            current: components["schemas"]["SupportAccessWindowDto"] | (never | null);
            /** @description The last 20 windows, newest first */
            windows: components["schemas"]["SupportAccessWindowDto"][];
        };
        GrantSupportAccessDto: {
            /**
             * Format: date-time
             * @description Until when platform support may act as users of this tenant (at most 30 days ahead)
             * @example 2026-12-01T18:00:00Z
             */
            expiresAt: string;
        };
        QueueCountsDto: {
            /** @example 0 */
            waiting: number;
            /** @example 1 */
            active: number;
            /**
             * @description Waiting for their next attempt (or a scheduled time)
             * @example 3
             */
            delayed: number;
            /** @example 0 */
            prioritized: number;
            /** @example 0 */
            "waiting-children": number;
            /**
             * @description Out of attempts (kept a week for email)
             * @example 2
             */
            failed: number;
            /**
             * @description Kept only where the queue keeps finished jobs
             * @example 40
             */
            completed: number;
        };
        QueueSummaryDto: {
            /** @example email */
            name: string;
            /**
             * @description A paused queue hands no jobs to workers (they stay waiting)
             * @example false
             */
            paused: boolean;
            counts: components["schemas"]["QueueCountsDto"];
        };
        QueueListDto: {
            items: components["schemas"]["QueueSummaryDto"][];
        };
        QueueJobDto: {
            /** @example invitation.5f0c3d1e-2b9a-4c77-8e1f-0a2b3c4d5e6f */
            id: string;
            /** @example email */
            queue: string;
            /**
             * @description The job’s kind: an email template, `deliver`, a scheduled task
             * @example invitation
             */
            type: string;
            /** @enum {string} */
            state: "waiting" | "active" | "delayed" | "prioritized" | "waiting-children" | "failed" | "completed" | "unknown";
            /**
             * Format: uuid
             * @description The tenant the job works for, when it names one
             */
            tenantId: string | null;
            /**
             * @description The tenant’s name, for emails
             * @example Acme Corp
             */
            tenantName: string | null;
            /**
             * @description Attempts made
             * @example 8
             */
            attempts: number;
            /**
             * @description Attempts allowed
             * @example 8
             */
            maxAttempts: number;
            /** @example connect ECONNREFUSED 10.0.0.5:25 */
            lastError: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description Start of the latest attempt
             */
            processedAt: string | null;
            /**
             * Format: date-time
             * @description When it completed or failed for good
             */
            finishedAt: string | null;
        };
        QueueJobPageDto: {
            items: components["schemas"]["QueueJobDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        AuditImpersonatorDto: {
            /** @enum {string} */
            type: "platform_user";
            /**
             * Format: uuid
             * @description The platform user
             */
            id: string;
            /** @example support@stratum.example */
            email?: string | null;
            /** Format: uuid */
            impersonationId: string;
            /** @enum {string} */
            mode?: "read" | "write";
        };
        AuditChangesDto: {
            /**
             * @description The changed fields before; null on creation
             * @example {
             *       "name": "Old"
             *     }
             */
            before: {
                [key: string]: unknown;
            } | null;
            /**
             * @description The changed fields after; null on deletion
             * @example {
             *       "name": "New"
             *     }
             */
            after: {
                [key: string]: unknown;
            } | null;
        };
        AuditActorDto: {
            /** @enum {string} */
            type: "user" | "api_key" | "directory" | "platform_user" | "system" | "anonymous";
            /** @description User, API key or platform user id; null for system and anonymous */
            id: string | null;
            /** @example ada@acme.example */
            email: string | null;
        };
        AuditResourceDto: {
            /** @example project */
            type: string | null;
            /** @example 0b6f6c1e-2f0a-4c39-9a37-5d1b2f8e4a10 */
            id: string | null;
        };
        AuditEventDto: {
            /** Format: uuid */
            id: string;
            /**
             * @description Position in the tenant’s chain
             * @example 42
             */
            seq: number;
            /**
             * Format: date-time
             * @example 2026-01-01T09:30:00.000Z
             */
            occurredAt: string;
            actor: components["schemas"]["AuditActorDto"];
            /** @description The platform user acting as the actor, when impersonating */
            impersonator: components["schemas"]["AuditImpersonatorDto"] | (never | null);
            /** @example project.updated */
            action: string;
            /** @example data */
            category: string;
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            resource: components["schemas"]["AuditResourceDto"];
            /** @description The fields changed, before and after (secrets redacted); null for events that change nothing */
            changes: components["schemas"]["AuditChangesDto"] | (never | null);
            /**
             * @description Details of the event
             * @example {
             *       "projectId": "0b6f6c1e-2f0a-4c39-9a37-5d1b2f8e4a10"
             *     }
             */
            metadata: {
                [key: string]: unknown;
            } | null;
            /** @enum {string} */
            outcome: "success" | "failure";
            /** @example FORBIDDEN */
            errorCode: string | null;
            /** @example 203.0.113.7 */
            ip: string | null;
            /** @example Mozilla/5.0 … */
            userAgent: string | null;
            /** @description The `X-Request-Id` of the request that caused it */
            requestId: string | null;
            /** @description HMAC-SHA256 (hex) over `previousHash` and the event’s content */
            hash: string;
            /** @description The `hash` of the event before it in the chain (`genesis` before the first) */
            previousHash: string;
        };
        AuditPageDto: {
            items: components["schemas"]["AuditEventDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        VerifyResultDto: {
            valid: boolean;
            /**
             * @description Events checked
             * @example 1204
             */
            checked: number;
            /**
             * Format: uuid
             * @description The first event that does not verify
             */
            firstInvalidId: string | null;
            /** @example hash mismatch */
            reason?: string;
            /**
             * @description The last position recorded in the chain head
             * @example 1204
             */
            headSeq: number;
        };
        ReportGrantDto: {
            /** @example project */
            resourceType: string;
            /** Format: uuid */
            resourceId: string;
            /**
             * @example [
             *       "projects:read"
             *     ]
             */
            permissions: string[];
        };
        ReportExpiringRoleDto: {
            /** @example project_manager */
            role: string;
            /** Format: date-time */
            expiresAt: string;
        };
        AccessControlUserDto: {
            /** Format: uuid */
            id: string;
            /** @example ada@acme.example */
            email: string;
            /** @example Ada Lovelace */
            name: string;
            /** @enum {string} */
            status: "invited" | "active" | "deactivated";
            /**
             * @description Roles held now
             * @example [
             *       "tenant_admin"
             *     ]
             */
            roles: string[];
            /** @description Grants on single resources */
            grants: components["schemas"]["ReportGrantDto"][];
            /** @description Roles held until a date */
            expiringRoles: components["schemas"]["ReportExpiringRoleDto"][];
        };
        AccessControlReportDto: {
            /** Format: date-time */
            generatedAt: string;
            /** @description Every user, by email */
            users: components["schemas"]["AccessControlUserDto"][];
        };
        ChangesByActorDto: {
            /** @enum {string} */
            actorType: "user" | "api_key" | "directory" | "platform_user" | "system" | "anonymous";
            /** @description User, API key or platform user id; null for system */
            actorId: string | null;
            /** @example ada@acme.example */
            actorEmail: string | null;
            /** @example 12 */
            changes: number;
        };
        ChangesByResourceDto: {
            /** @example project */
            resourceType: string | null;
            /** @example project.updated */
            action: string;
            /** @example 7 */
            changes: number;
        };
        ChangesReportDto: {
            /**
             * Format: date-time
             * @description Start of the period (inclusive)
             */
            from: string;
            /**
             * Format: date-time
             * @description End of the period (exclusive)
             */
            to: string;
            /** @description Most changes first */
            byActor: components["schemas"]["ChangesByActorDto"][];
            byResource: components["schemas"]["ChangesByResourceDto"][];
        };
        FailedLoginsByIpDto: {
            /**
             * @description `unknown` when none was recorded
             * @example 203.0.113.7
             */
            ip: string;
            /** @example 14 */
            failures: number;
            /**
             * @description Distinct accounts tried
             * @example 3
             */
            accounts: number;
        };
        LockoutDto: {
            /** Format: date-time */
            occurredAt: string;
            /** @description The locked user */
            userId: string | null;
            /** @example ada@acme.example */
            email: string | null;
            /**
             * @description The address of the request that locked it
             * @example 203.0.113.7
             */
            ip: string | null;
        };
        DenialsDto: {
            /** @enum {string} */
            actorType: "user" | "api_key" | "directory" | "platform_user" | "system" | "anonymous";
            /** @description User, API key or platform user id; null when anonymous */
            actorId: string | null;
            /** @example ada@acme.example */
            actorEmail: string | null;
            /** @example 2 */
            denials: number;
        };
        ImpersonationEventDto: {
            /** Format: date-time */
            occurredAt: string;
            /** @example impersonation.started */
            action: string;
            /** @description The platform user acting, on events done while impersonating */
            impersonator: components["schemas"]["AuditImpersonatorDto"] | (never | null);
            /** @description The tenant user acted as */
            userId: string | null;
            metadata: {
                [key: string]: unknown;
            } | null;
        };
        SecurityReportDto: {
            /**
             * Format: date-time
             * @description Start of the period (inclusive)
             */
            from: string;
            /**
             * Format: date-time
             * @description End of the period (exclusive)
             */
            to: string;
            /** @description Most failures first */
            failedLoginsByIp: components["schemas"]["FailedLoginsByIpDto"][];
            /** @description Newest first */
            lockouts: components["schemas"]["LockoutDto"][];
            /** @description Refused requests by actor, most first */
            denials: components["schemas"]["DenialsDto"][];
            /** @description Newest first, at most 1000 */
            impersonations: components["schemas"]["ImpersonationEventDto"][];
            /**
             * @description Refresh tokens presented again after use (a sign of theft)
             * @example 0
             */
            refreshTokenReuse: number;
        };
        ProjectDto: {
            /** Format: uuid */
            id: string;
            /** @example Website relaunch */
            name: string;
            /** @example Everything for the Q3 relaunch */
            description: string;
            /** Format: uuid */
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ProjectPageDto: {
            items: components["schemas"]["ProjectDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        CreateProjectDto: {
            /** @example Website relaunch */
            name: string;
            /** @example Everything for the Q3 relaunch */
            description?: string;
        };
        UpdateProjectDto: {
            /** @example Website relaunch 2.0 */
            name?: string;
            /** @example Everything for the Q3 relaunch, now with the blog */
            description?: string;
        };
        ProjectGrantDto: {
            /** Format: uuid */
            userId: string;
            permissions: ("projects:read" | "projects:update" | "projects:delete" | "documents:read" | "documents:create" | "documents:update" | "documents:delete")[];
            /** Format: uuid */
            grantedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ProjectGrantListDto: {
            items: components["schemas"]["ProjectGrantDto"][];
        };
        GrantDto: {
            /**
             * Format: uuid
             * @description The user who receives the permissions
             */
            userId: string;
            /**
             * @example [
             *       "projects:read",
             *       "documents:read"
             *     ]
             */
            permissions: ("projects:read" | "projects:update" | "projects:delete" | "documents:read" | "documents:create" | "documents:update" | "documents:delete")[];
        };
        DocumentDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            projectId: string;
            /** @example Launch checklist */
            title: string;
            /**
             * @example 1. Freeze content
             *     2. …
             */
            body: string;
            /** Format: uuid */
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        DocumentPageDto: {
            items: components["schemas"]["DocumentDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        CreateDocumentDto: {
            /** @example Launch checklist */
            title: string;
            /**
             * @example 1. Freeze content
             *     2. …
             */
            body?: string;
        };
        UpdateDocumentDto: {
            /** @example Launch checklist (final) */
            title?: string;
            /**
             * @example 1. Freeze content
             *     2. Publish
             */
            body?: string;
        };
        EventTypeDto: {
            /** @example project.created */
            type: string;
            /** @example project */
            group: string;
            /** @example A project was created */
            description: string;
            /**
             * @description The JSON Schema (draft 2020-12) of the `data` this event carries
             * @example {
             *       "type": "object",
             *       "properties": {
             *         "id": {
             *           "type": "string",
             *           "format": "uuid"
             *         },
             *         "name": {
             *           "type": "string"
             *         }
             *       },
             *       "required": [
             *         "id",
             *         "name"
             *       ],
             *       "additionalProperties": false
             *     }
             */
            schema: {
                [key: string]: unknown;
            };
        };
        EventTypeListDto: {
            items: components["schemas"]["EventTypeDto"][];
        };
        CreateWebhookEndpointDto: {
            /**
             * @description HTTPS in production. Its host must resolve to public addresses only: loopback, private, link-local, multicast and unspecified addresses are refused.
             * @example https://hooks.example.com/stratum
             */
            url: string;
            /**
             * @description Event types (see GET /webhooks/event-types), whole groups (`project.*`) or `*` for everything
             * @example [
             *       "project.*",
             *       "user.created"
             *     ]
             */
            eventTypes: ("*" | "api_key.*" | "document.*" | "group.*" | "project.*" | "role.*" | "tenant.*" | "user.*" | "api_key.created" | "api_key.revoked" | "document.created" | "document.deleted" | "document.updated" | "group.updated" | "project.created" | "project.deleted" | "project.updated" | "role.assigned" | "role.created" | "role.deleted" | "role.unassigned" | "role.updated" | "tenant.updated" | "user.created" | "user.deactivated" | "user.deprovisioned" | "user.provisioned" | "user.reactivated" | "user.updated")[];
            /** @example Sync to the CRM */
            description?: string;
            /**
             * @description A disabled endpoint receives nothing
             * @default true
             */
            enabled?: boolean;
        };
        WebhookEndpointWithSecretDto: {
            /** Format: uuid */
            id: string;
            /** @example https://hooks.example.com/stratum */
            url: string;
            /** @example Sync to the CRM */
            description: string;
            /**
             * @example [
             *       "project.*",
             *       "user.created"
             *     ]
             */
            eventTypes: string[];
            enabled: boolean;
            /**
             * Format: date-time
             * @description When it was disabled (by a user or the system)
             */
            disabledAt: string | null;
            /** @example the receiver answered 410 Gone */
            disabledReason: string | null;
            /**
             * Format: date-time
             * @description Start of the current run of failed attempts; null after a success
             */
            failingSince: string | null;
            /** Format: date-time */
            secretRotatedAt: string | null;
            /**
             * Format: date-time
             * @description Until then the previous secret signs too
             */
            previousSecretExpiresAt: string | null;
            /** Format: uuid */
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /**
             * @description The signing secret (Standard Webhooks). Shown this once; store it now.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        WebhookEndpointDto: {
            /** Format: uuid */
            id: string;
            /** @example https://hooks.example.com/stratum */
            url: string;
            /** @example Sync to the CRM */
            description: string;
            /**
             * @example [
             *       "project.*",
             *       "user.created"
             *     ]
             */
            eventTypes: string[];
            enabled: boolean;
            /**
             * Format: date-time
             * @description When it was disabled (by a user or the system)
             */
            disabledAt: string | null;
            /** @example the receiver answered 410 Gone */
            disabledReason: string | null;
            /**
             * Format: date-time
             * @description Start of the current run of failed attempts; null after a success
             */
            failingSince: string | null;
            /** Format: date-time */
            secretRotatedAt: string | null;
            /**
             * Format: date-time
             * @description Until then the previous secret signs too
             */
            previousSecretExpiresAt: string | null;
            /** Format: uuid */
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookEndpointListDto: {
            items: components["schemas"]["WebhookEndpointDto"][];
        };
        UpdateWebhookEndpointDto: {
            /** @example https://hooks.example.com/stratum-v2 */
            url?: string;
            /**
             * @example [
             *       "*"
             *     ]
             */
            eventTypes?: ("*" | "api_key.*" | "document.*" | "group.*" | "project.*" | "role.*" | "tenant.*" | "user.*" | "api_key.created" | "api_key.revoked" | "document.created" | "document.deleted" | "document.updated" | "group.updated" | "project.created" | "project.deleted" | "project.updated" | "role.assigned" | "role.created" | "role.deleted" | "role.unassigned" | "role.updated" | "tenant.updated" | "user.created" | "user.deactivated" | "user.deprovisioned" | "user.provisioned" | "user.reactivated" | "user.updated")[];
            /** @example Sync to the CRM */
            description?: string;
            /** @description false stops deliveries (open ones are dead-lettered); true enables it again, also after the system disabled it */
            enabled?: boolean;
        };
        WebhookDeliveryDto: {
            /** Format: uuid */
            endpointId: string;
            /**
             * @description pending → (retrying) → succeeded or dead (dead-lettered)
             * @enum {string}
             */
            status: "pending" | "retrying" | "succeeded" | "dead";
            /**
             * @description Attempts of the current run (a manual retry starts a new run)
             * @example 1
             */
            attempts: number;
            /**
             * Format: date-time
             * @description When the next attempt is due; null once finished
             */
            nextAttemptAt: string | null;
            /** Format: date-time */
            lastAttemptAt: string | null;
            /** @example 200 */
            lastStatusCode: number | null;
            /** @example HTTP 500 */
            lastError: string | null;
            /** Format: date-time */
            completedAt: string | null;
        };
        WebhookMessageDto: {
            /**
             * Format: uuid
             * @description The `webhook-id` receivers get, the same on every attempt
             */
            id: string;
            /** @example project.created */
            eventType: string;
            /**
             * Format: date-time
             * @description The `timestamp` of the payload
             */
            occurredAt: string;
            /**
             * @example {
             *       "id": "0b6f…",
             *       "name": "Website relaunch"
             *     }
             */
            data: {
                [key: string]: unknown;
            };
            /** @description Its status at each endpoint */
            deliveries: components["schemas"]["WebhookDeliveryDto"][];
        };
        RecoverWebhookEndpointDto: {
            /**
             * Format: date-time
             * @description Send again every dead-lettered message since then
             * @example 2026-01-01T00:00:00Z
             */
            since: string;
        };
        RecoveredDto: {
            /**
             * @description Dead-lettered deliveries queued again
             * @example 12
             */
            recovered: number;
        };
        WebhookMessagePageDto: {
            items: components["schemas"]["WebhookMessageDto"][];
            /** @description Pass as `cursor` to get the next page; null on the last page */
            nextCursor: string | null;
        };
        WebhookAttemptDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            endpointId: string;
            /** @example 1 */
            run: number;
            /**
             * @description Attempt number within the run
             * @example 2
             */
            attempt: number;
            /** Format: date-time */
            attemptedAt: string;
            /**
             * @description refused: the target failed the address check
             * @enum {string}
             */
            outcome: "succeeded" | "failed" | "refused";
            /** @example 503 */
            statusCode: number | null;
            /** @example 84 */
            latencyMs: number;
            /** @example timed out after 10000 ms */
            error: string | null;
            /** @description The first 1,024 characters of the response body */
            responseExcerpt: string | null;
        };
        WebhookAttemptListDto: {
            items: components["schemas"]["WebhookAttemptDto"][];
        };
        RetryWebhookMessageDto: {
            /**
             * Format: uuid
             * @description Send again to this endpoint (also after a success); without it, to every endpoint whose delivery was dead-lettered
             */
            endpointId?: string;
        };
        SamlAttributeMappingDto: {
            /**
             * @description Default: `email`, `mail`, `emailAddress`, `http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress`, `urn:oid:0.9.2342.19200300.100.1.3`, then the NameID when its format is emailAddress
             * @example http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress
             */
            email?: string | null;
            /** @description Default: `firstName`, `givenName`, `given_name`, `…/claims/givenname`, `urn:oid:2.5.4.42` */
            firstName?: string | null;
            /** @description Default: `lastName`, `surname`, `sn`, `family_name`, `…/claims/surname`, `urn:oid:2.5.4.4` */
            lastName?: string | null;
            /** @description Default: `groups`, `memberOf`, `http://schemas.microsoft.com/ws/2008/06/identity/claims/groups` (Entra ID), `http://schemas.xmlsoap.org/claims/Group` (ADFS), `urn:oid:1.3.6.1.4.1.5923.1.5.1.1` */
            groups?: string | null;
        };
        CreateSsoProviderDto: {
            /**
             * @description `entra` (Microsoft Entra ID, through passport-azure-ad), `google` (Google Workspace), `oidc` (any OpenID Connect provider) or `saml` (SAML 2.0: Okta, ADFS, Entra ID in SAML mode, PingFederate, …)
             * @example oidc
             * @enum {string}
             */
            type: "entra" | "google" | "oidc" | "saml";
            /** @example Acme Okta */
            name: string;
            /**
             * @description The client (application) id registered at the provider; required for OpenID Connect types, not for `saml`
             * @example 0oa1b2c3d4
             */
            clientId?: string;
            /**
             * Format: password
             * @description The client secret; stored encrypted and never returned. Required for OpenID Connect types, not for `saml`
             */
            clientSecret?: string;
            /**
             * @description `oidc` only, and required there: the issuer URL (HTTPS); its discovery document is read from it. Its host must resolve to public addresses only, unless the operator allows it (URL_REFUSED).
             * @example https://acme.okta.com
             */
            issuer?: string;
            /**
             * @description `entra` only, and required there: the customer’s directory (tenant id or a verified domain). Tokens are accepted from that directory only, even through a multi-tenant app registration.
             * @example 72f988bf-86f1-41af-91ab-2d7cd011db47
             */
            azureTenantId?: string;
            /**
             * @description Email domains this provider signs in: an address in another domain is refused. Addresses are linked to existing users or provisioned only in domains the tenant has verified (`POST /sso/domains`); listing a domain here claims nothing, and discovery routes a verified domain to the first enabled provider that lists it.
             * @example [
             *       "acme.example"
             *     ]
             */
            allowedDomains: string[];
            /**
             * @description The client URLs the sign-in may end at (`redirectUri` of the start route must equal one of them): the user is sent there with a one-time `code`.
             * @example [
             *       "https://app.acme.example/sso/done"
             *     ]
             */
            redirectUris: string[];
            /**
             * @description Create unknown users at their first sign-in (verified email in an allowed domain), with `defaultRole`
             * @default false
             */
            autoProvision?: boolean;
            /**
             * @description The role of provisioned users
             * @default member
             * @enum {string}
             */
            defaultRole?: "member" | "viewer" | "auditor" | "project_manager";
            /**
             * @description A disabled provider signs nobody in
             * @default true
             */
            enabled?: boolean;
            /** @description `saml` only: the identity provider’s metadata XML, from which `idpEntityId`, `idpSsoUrl` (HTTP-Redirect binding) and `idpCertificates` are read. Alternatives: `idpMetadataUrl`, or the three fields themselves. */
            idpMetadataXml?: string;
            /**
             * @description `saml` only: where the server reads the metadata (HTTPS, public addresses only unless the operator allows the host: URL_REFUSED), at creation and at every change that names it.
             * @example https://acme.okta.com/app/exk1a2b3c4/sso/saml/metadata
             */
            idpMetadataUrl?: string;
            /**
             * @description `saml` only: the identity provider’s entity id, the Issuer its assertions must carry
             * @example http://www.okta.com/exk1a2b3c4
             */
            idpEntityId?: string;
            /**
             * @description `saml` only: the SingleSignOnService URL (HTTP-Redirect binding) the browser is sent to
             * @example https://acme.okta.com/app/acme_stratum/exk1a2b3c4/sso/saml
             */
            idpSsoUrl?: string;
            /** @description `saml` only: the identity provider’s signing certificates (PEM, or base64 DER as in metadata); several while it rolls one over. Only these verify a response. */
            idpCertificates?: string[];
            /**
             * @description `saml` only: what the identity provider’s signature must cover: the assertion, the whole response, or both
             * @default assertion
             * @enum {string}
             */
            signatureRequired?: "assertion" | "response" | "both";
            /**
             * @description `saml` only: accept responses the identity provider sends unasked (IdP-initiated sign-in, from its app dashboard). They end at the first `redirectUris` entry, or at the one the RelayState names.
             * @default false
             */
            allowIdpInitiated?: boolean;
            /** @description `saml` only: where email, name and groups are read from */
            attributeMapping?: components["schemas"]["SamlAttributeMappingDto"];
        };
        SamlCertificateDto: {
            /** @description PEM */
            pem: string;
            /**
             * @description SHA-256 fingerprint
             * @example AB:CD:…
             */
            fingerprint: string;
            /** @example CN=Okta */
            subject: string;
            /** Format: date-time */
            notAfter: string;
        };
        SamlAttributeMappingViewDto: {
            /** @description null: the default names */
            email: string | null;
            /** @description null: the default names */
            firstName: string | null;
            /** @description null: the default names */
            lastName: string | null;
            /** @description null: the default names */
            groups: string | null;
        };
        SamlProviderDto: {
            /** @example http://www.okta.com/exk1a2b3c4 */
            idpEntityId: string;
            /** @example https://acme.okta.com/app/acme_stratum/exk1a2b3c4/sso/saml */
            idpSsoUrl: string;
            idpCertificates: components["schemas"]["SamlCertificateDto"][];
            /** @description Where the metadata was read from (null: given as XML or as fields) */
            idpMetadataUrl: string | null;
            /** @enum {string} */
            signatureRequired: "assertion" | "response" | "both";
            allowIdpInitiated: boolean;
            attributeMapping: components["schemas"]["SamlAttributeMappingViewDto"];
            /**
             * @description This service’s entity id (Audience) for this provider; its metadata is served at the same URL
             * @example https://api.acme.example/api/v1/auth/sso/6f1c…/2b1c…/saml/metadata
             */
            spEntityId: string;
            /**
             * @description Give this URL to the identity provider (or the entity id and ACS URL by hand)
             * @example https://api.acme.example/api/v1/auth/sso/6f1c…/2b1c…/saml/metadata
             */
            metadataUrl: string;
            /**
             * @description The Assertion Consumer Service (reply URL), HTTP-POST binding
             * @example https://api.acme.example/api/v1/auth/sso/saml/acs
             */
            acsUrl: string;
        };
        SsoProviderDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            type: "entra" | "google" | "oidc" | "saml";
            /** @example Acme Okta */
            name: string;
            /**
             * @description null for `saml`
             * @example 0oa1b2c3d4
             */
            clientId: string | null;
            /** @example https://acme.okta.com */
            issuer: string | null;
            /** @description Entra ID directory (tenant) id; null for other providers */
            azureTenantId: string | null;
            /**
             * @example [
             *       "acme.example"
             *     ]
             */
            allowedDomains: string[];
            /**
             * @example [
             *       "https://app.acme.example/sso/done"
             *     ]
             */
            redirectUris: string[];
            autoProvision: boolean;
            /** @enum {string} */
            defaultRole: "member" | "viewer" | "auditor" | "project_manager";
            enabled: boolean;
            /** @description `saml` providers: the identity provider’s settings and this service’s SAML endpoints; null for others */
            saml: components["schemas"]["SamlProviderDto"] | (never | null);
            /**
             * @description OpenID Connect: register this as the redirect (reply) URL of the application at the provider (`saml`: see `saml.acsUrl`)
             * @example https://api.acme.example/api/v1/auth/sso/callback
             */
            callbackUrl: string;
            /**
             * @description Where a client sends the browser to sign in (add `?redirectUri=`)
             * @example https://api.acme.example/api/v1/auth/sso/acme/2b1c…/start
             */
            startUrl: string;
            /** Format: uuid */
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SsoProviderListDto: {
            items: components["schemas"]["SsoProviderDto"][];
        };
        UpdateSsoProviderDto: {
            /** @example Acme Okta */
            name?: string;
            /** @example 0oa1b2c3d4 */
            clientId?: string;
            /**
             * Format: password
             * @description A new client secret (rotation)
             */
            clientSecret?: string;
            /**
             * @description `oidc` only
             * @example https://acme.okta.com
             */
            issuer?: string;
            /**
             * @description `entra` only
             * @example 72f988bf-86f1-41af-91ab-2d7cd011db47
             */
            azureTenantId?: string;
            /**
             * @description Replaces the allowed domains
             * @example [
             *       "acme.example"
             *     ]
             */
            allowedDomains?: string[];
            /**
             * @example [
             *       "https://app.acme.example/sso/done"
             *     ]
             */
            redirectUris?: string[];
            autoProvision?: boolean;
            /** @enum {string} */
            defaultRole?: "member" | "viewer" | "auditor" | "project_manager";
            enabled?: boolean;
            /** @description `saml` only: the identity provider’s metadata XML, from which `idpEntityId`, `idpSsoUrl` (HTTP-Redirect binding) and `idpCertificates` are read. Alternatives: `idpMetadataUrl`, or the three fields themselves. */
            idpMetadataXml?: string;
            /**
             * @description `saml` only: where the server reads the metadata (HTTPS, public addresses only unless the operator allows the host: URL_REFUSED), at creation and at every change that names it.
             * @example https://acme.okta.com/app/exk1a2b3c4/sso/saml/metadata
             */
            idpMetadataUrl?: string;
            /**
             * @description `saml` only: the identity provider’s entity id, the Issuer its assertions must carry
             * @example http://www.okta.com/exk1a2b3c4
             */
            idpEntityId?: string;
            /**
             * @description `saml` only: the SingleSignOnService URL (HTTP-Redirect binding) the browser is sent to
             * @example https://acme.okta.com/app/acme_stratum/exk1a2b3c4/sso/saml
             */
            idpSsoUrl?: string;
            /** @description `saml` only: the identity provider’s signing certificates (PEM, or base64 DER as in metadata); several while it rolls one over. Only these verify a response. */
            idpCertificates?: string[];
            /**
             * @description `saml` only: what the identity provider’s signature must cover: the assertion, the whole response, or both
             * @default assertion
             * @enum {string}
             */
            signatureRequired?: "assertion" | "response" | "both";
            /**
             * @description `saml` only: accept responses the identity provider sends unasked (IdP-initiated sign-in, from its app dashboard). They end at the first `redirectUris` entry, or at the one the RelayState names.
             * @default false
             */
            allowIdpInitiated?: boolean;
            /** @description `saml` only: where email, name and groups are read from */
            attributeMapping?: components["schemas"]["SamlAttributeMappingDto"];
        };
        CreateSsoDomainDto: {
            /**
             * @description The email domain to claim: lower-cased, internationalised names stored as punycode, no trailing dot, at least two labels. Domains of public mail providers (gmail.com, outlook.com, …) are refused.
             * @example acme.com
             */
            domain: string;
        };
        SsoDomainVerificationDto: {
            /**
             * @description Publish a DNS TXT record
             * @example dns-txt
             * @enum {string}
             */
            type: "dns-txt";
            /**
             * @description The name of the TXT record
             * @example _stratum-challenge.acme.com
             */
            name: string;
            /**
             * @description The value the TXT record must hold (other TXT records at the name may stay)
             * @example stratum-domain-verification=3f9c…
             */
            value: string;
        };
        SsoDomainDto: {
            /** Format: uuid */
            id: string;
            /** @example acme.com */
            domain: string;
            /**
             * @description `pending` until the TXT record is found (`POST …/verify`); only `verified` domains route discovery, link and provision users, and count for `ssoEnforced`
             * @enum {string}
             */
            status: "pending" | "verified";
            verification: components["schemas"]["SsoDomainVerificationDto"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            verifiedAt: string | null;
            /**
             * Format: date-time
             * @description When a pending claim lapses unproven (7 days after it was made); null once verified
             */
            expiresAt: string | null;
        };
        SsoDomainListDto: {
            items: components["schemas"]["SsoDomainDto"][];
        };
        SsoCallbackFormDto: {
            /** @description The authorization code (on success) */
            code?: string;
            /** @description The `state` the sign-in sent to the provider */
            state?: string;
            /** @description An ID token, when the provider sends one with the code (Entra ID `form_post`) */
            id_token?: string;
            /** @description The issuer (RFC 9207), when the provider sends it */
            iss?: string;
            /** @description The provider’s session state, when it sends one */
            session_state?: string;
            /**
             * @description Why the provider refused (then no code)
             * @example access_denied
             */
            error?: string;
            /** @description The provider’s explanation of `error`, for people */
            error_description?: string;
            /** @description A page of the provider about `error` */
            error_uri?: string;
        };
        SamlAcsFormDto: {
            /** @description The base64-encoded `samlp:Response` */
            SAMLResponse: string;
            /** @description The RelayState the sign-in sent with its AuthnRequest; in an IdP-initiated sign-in, optionally one of the provider’s `redirectUris` */
            RelayState?: string;
        };
        SsoExchangeDto: {
            /**
             * @description The one-time `code` the callback sent to the client (60 s, once)
             * @example sso_Qm9…
             */
            code: string;
        };
        SsoDiscoveryDto: {
            /** @description Whether the email’s domain signs in with single sign-on */
            sso: boolean;
            /**
             * @description The tenant’s slug (null without SSO)
             * @example acme
             */
            tenant: string | null;
            /** Format: uuid */
            providerId: string | null;
            /** @example Acme Entra ID */
            providerName: string | null;
            /**
             * @description Send the browser here, with `?redirectUri=`
             * @example https://api.acme.example/api/v1/auth/sso/acme/2b1c…/start
             */
            startUrl: string | null;
        };
        CreateDirectoryTokenDto: {
            /** @example Microsoft Entra ID provisioning */
            name: string;
            /**
             * Format: date-time
             * @description Without it, the token lasts until revoked
             * @example 2027-12-31T00:00:00Z
             */
            expiresAt?: string;
        };
        CreatedDirectoryTokenDto: {
            /** Format: uuid */
            id: string;
            /** @example Microsoft Entra ID provisioning */
            name: string;
            /**
             * @description The secret token, shown this once: the identity provider’s "Secret Token"
             * @example scim_Qm9vdHN0cmFw…
             */
            token: string;
            /**
             * @description The identity provider’s "Tenant URL" / SCIM base URL
             * @example https://api.example.com/scim/v2
             */
            scimBaseUrl: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
        };
        DirectoryTokenDto: {
            /** Format: uuid */
            id: string;
            /** @example Microsoft Entra ID provisioning */
            name: string;
            /**
             * Format: uuid
             * @description The admin whose authority the directory acts with
             */
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
        };
        GroupRoleDto: {
            /**
             * @description A SCIM group’s displayName (case-insensitive) or id
             * @example Engineering
             */
            group: string;
            /**
             * @description The key of the role its members are given
             * @example project_manager
             */
            role: string;
        };
        DirectoryEventDto: {
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            /**
             * @description user.provisioned, user.updated, user.deactivated, user.reactivated, user.deleted, group.created, group.updated, group.deleted, role.granted, role.revoked
             * @example user.deactivated
             */
            type: string;
            /**
             * @description failure: refused (the last active tenant_admin, say)
             * @enum {string}
             */
            outcome: "success" | "failure";
            /**
             * Format: uuid
             * @description The directory token that made the change
             */
            tokenId: string | null;
            /** Format: uuid */
            userId: string | null;
            /** Format: uuid */
            groupId: string | null;
            /** @example active: false */
            detail: string;
        };
    };
    responses: {
        /** @description `BAD_REQUEST`: Bad request; `INVALID_TOKEN`: Invalid or expired link; `TENANT_REQUIRED`: Tenant required; `VALIDATION_FAILED`: Validation failed */
        BadRequestOrInvalidTokenOrTenantRequiredOrValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "BAD_REQUEST" | "INVALID_TOKEN" | "TENANT_REQUIRED" | "VALIDATION_FAILED";
                };
            };
        };
        /** @description `BAD_REQUEST`: Bad request; `INVALID_TOKEN`: Invalid or expired link; `VALIDATION_FAILED`: Validation failed */
        BadRequestOrInvalidTokenOrValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "BAD_REQUEST" | "INVALID_TOKEN" | "VALIDATION_FAILED";
                };
            };
        };
        /** @description `BAD_REQUEST`: Bad request; `TENANT_REQUIRED`: Tenant required; `URL_REFUSED`: URL refused; `VALIDATION_FAILED`: Validation failed */
        BadRequestOrTenantRequiredOrUrlRefusedOrValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "BAD_REQUEST" | "TENANT_REQUIRED" | "URL_REFUSED" | "VALIDATION_FAILED";
                };
            };
        };
        /** @description `BAD_REQUEST`: Bad request; `TENANT_REQUIRED`: Tenant required; `VALIDATION_FAILED`: Validation failed */
        BadRequestOrTenantRequiredOrValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "BAD_REQUEST" | "TENANT_REQUIRED" | "VALIDATION_FAILED";
                };
            };
        };
        /** @description `BAD_REQUEST`: Bad request; `TENANT_REQUIRED`: Tenant required; `VALIDATION_FAILED`: Validation failed; `WEBHOOK_URL_REFUSED`: Webhook URL refused */
        BadRequestOrTenantRequiredOrValidationFailedOrWebhookUrlRefused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "BAD_REQUEST" | "TENANT_REQUIRED" | "VALIDATION_FAILED" | "WEBHOOK_URL_REFUSED";
                };
            };
        };
        /** @description `BAD_REQUEST`: Bad request; `VALIDATION_FAILED`: Validation failed */
        BadRequestOrValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "BAD_REQUEST" | "VALIDATION_FAILED";
                };
            };
        };
        /** @description `BREAK_GLASS_LIMIT`: Break-glass limit reached; `FORBIDDEN`: Forbidden; `IMPERSONATION_FORBIDDEN`: Not while impersonating; `IP_NOT_ALLOWED`: IP address not allowed; `MFA_SETUP_REQUIRED`: MFA setup required; `PLAN_LIMIT`: Plan limit reached; `TENANT_MISMATCH`: Tenant mismatch; `TENANT_SUSPENDED`: Tenant suspended */
        BreakGlassLimitOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "BREAK_GLASS_LIMIT" | "FORBIDDEN" | "IMPERSONATION_FORBIDDEN" | "IP_NOT_ALLOWED" | "MFA_SETUP_REQUIRED" | "PLAN_LIMIT" | "TENANT_MISMATCH" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `CONFLICT`: Conflict */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "CONFLICT";
                };
            };
        };
        /** @description `CONFLICT`: Conflict; `DOMAIN_TAKEN`: Domain taken */
        ConflictOrDomainTaken: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "CONFLICT" | "DOMAIN_TAKEN";
                };
            };
        };
        /** @description `DOMAIN_NOT_VERIFIED`: Domain not verified; `DOMAIN_TAKEN`: Domain taken */
        DomainNotVerifiedOrDomainTaken: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "DOMAIN_NOT_VERIFIED" | "DOMAIN_TAKEN";
                };
            };
        };
        /** @description `FEATURE_NOT_IN_PLAN`: Feature not in plan */
        FeatureNotInPlan: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FEATURE_NOT_IN_PLAN";
                };
            };
        };
        /** @description `FEATURE_NOT_IN_PLAN`: Feature not in plan; `FORBIDDEN`: Forbidden; `IMPERSONATION_FORBIDDEN`: Not while impersonating; `IP_NOT_ALLOWED`: IP address not allowed; `MFA_SETUP_REQUIRED`: MFA setup required; `PLAN_LIMIT`: Plan limit reached; `TENANT_MISMATCH`: Tenant mismatch; `TENANT_SUSPENDED`: Tenant suspended */
        FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FEATURE_NOT_IN_PLAN" | "FORBIDDEN" | "IMPERSONATION_FORBIDDEN" | "IP_NOT_ALLOWED" | "MFA_SETUP_REQUIRED" | "PLAN_LIMIT" | "TENANT_MISMATCH" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `FEATURE_NOT_IN_PLAN`: Feature not in plan; `FORBIDDEN`: Forbidden; `IP_NOT_ALLOWED`: IP address not allowed; `MFA_SETUP_REQUIRED`: MFA setup required; `PLAN_LIMIT`: Plan limit reached; `TENANT_MISMATCH`: Tenant mismatch; `TENANT_SUSPENDED`: Tenant suspended */
        FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FEATURE_NOT_IN_PLAN" | "FORBIDDEN" | "IP_NOT_ALLOWED" | "MFA_SETUP_REQUIRED" | "PLAN_LIMIT" | "TENANT_MISMATCH" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `FEATURE_NOT_IN_PLAN`: Feature not in plan; `TENANT_SUSPENDED`: Tenant suspended */
        FeatureNotInPlanOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FEATURE_NOT_IN_PLAN" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `FORBIDDEN`: Forbidden; `IMPERSONATION_FORBIDDEN`: Not while impersonating; `IP_NOT_ALLOWED`: IP address not allowed; `MFA_SETUP_REQUIRED`: MFA setup required; `PLAN_LIMIT`: Plan limit reached; `TENANT_MISMATCH`: Tenant mismatch; `TENANT_SUSPENDED`: Tenant suspended */
        ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FORBIDDEN" | "IMPERSONATION_FORBIDDEN" | "IP_NOT_ALLOWED" | "MFA_SETUP_REQUIRED" | "PLAN_LIMIT" | "TENANT_MISMATCH" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `FORBIDDEN`: Forbidden; `IMPERSONATION_FORBIDDEN`: Not while impersonating; `IP_NOT_ALLOWED`: IP address not allowed; `MFA_SETUP_REQUIRED`: MFA setup required; `TENANT_MISMATCH`: Tenant mismatch; `TENANT_SUSPENDED`: Tenant suspended */
        ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FORBIDDEN" | "IMPERSONATION_FORBIDDEN" | "IP_NOT_ALLOWED" | "MFA_SETUP_REQUIRED" | "TENANT_MISMATCH" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `FORBIDDEN`: Forbidden; `IMPERSONATION_FORBIDDEN`: Not while impersonating; `MFA_SETUP_REQUIRED`: MFA setup required; `TENANT_SUSPENDED`: Tenant suspended */
        ForbiddenOrImpersonationForbiddenOrMfaSetupRequiredOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FORBIDDEN" | "IMPERSONATION_FORBIDDEN" | "MFA_SETUP_REQUIRED" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `FORBIDDEN`: Forbidden; `IP_NOT_ALLOWED`: IP address not allowed; `MFA_SETUP_REQUIRED`: MFA setup required; `PLAN_LIMIT`: Plan limit reached; `TENANT_MISMATCH`: Tenant mismatch; `TENANT_SUSPENDED`: Tenant suspended */
        ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FORBIDDEN" | "IP_NOT_ALLOWED" | "MFA_SETUP_REQUIRED" | "PLAN_LIMIT" | "TENANT_MISMATCH" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `FORBIDDEN`: Forbidden; `IP_NOT_ALLOWED`: IP address not allowed; `MFA_SETUP_REQUIRED`: MFA setup required; `TENANT_MISMATCH`: Tenant mismatch; `TENANT_SUSPENDED`: Tenant suspended */
        ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FORBIDDEN" | "IP_NOT_ALLOWED" | "MFA_SETUP_REQUIRED" | "TENANT_MISMATCH" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `FORBIDDEN`: Forbidden; `MFA_SETUP_REQUIRED`: MFA setup required */
        ForbiddenOrMfaSetupRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "FORBIDDEN" | "MFA_SETUP_REQUIRED";
                };
            };
        };
        /** @description `INTERNAL_ERROR`: Internal server error */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "INTERNAL_ERROR";
                };
            };
        };
        /** @description `INVALID_CREDENTIALS`: Invalid credentials */
        InvalidCredentials: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "INVALID_CREDENTIALS";
                };
            };
        };
        /** @description `INVALID_MFA_CODE`: Invalid MFA code; `UNAUTHENTICATED`: Authentication required */
        InvalidMfaCodeOrUnauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "INVALID_MFA_CODE" | "UNAUTHENTICATED";
                };
            };
        };
        /** @description `INVALID_STATE`: Invalid state */
        InvalidState: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "INVALID_STATE";
                };
            };
        };
        /** @description `INVALID_STATE`: Invalid state; `LAST_ADMIN`: Last tenant admin */
        InvalidStateOrLastAdmin: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "INVALID_STATE" | "LAST_ADMIN";
                };
            };
        };
        /** @description `IP_NOT_ALLOWED`: IP address not allowed; `SSO_REQUIRED`: Single sign-on required; `TENANT_MISMATCH`: Tenant mismatch; `TENANT_SUSPENDED`: Tenant suspended */
        IpNotAllowedOrSsoRequiredOrTenantMismatchOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "IP_NOT_ALLOWED" | "SSO_REQUIRED" | "TENANT_MISMATCH" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `IP_NOT_ALLOWED`: IP address not allowed; `TENANT_MISMATCH`: Tenant mismatch; `TENANT_SUSPENDED`: Tenant suspended */
        IpNotAllowedOrTenantMismatchOrTenantSuspended: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "IP_NOT_ALLOWED" | "TENANT_MISMATCH" | "TENANT_SUSPENDED";
                };
            };
        };
        /** @description `LAST_ADMIN`: Last tenant admin */
        LastAdmin: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "LAST_ADMIN";
                };
            };
        };
        /** @description `NOT_FOUND`: Not found */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "NOT_FOUND";
                };
            };
        };
        /** @description `NOT_FOUND`: Not found; `TENANT_NOT_FOUND`: Tenant not found */
        NotFoundOrTenantNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "NOT_FOUND" | "TENANT_NOT_FOUND";
                };
            };
        };
        /** @description `PAYLOAD_TOO_LARGE`: Payload too large */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "PAYLOAD_TOO_LARGE";
                };
            };
        };
        /** @description `RATE_LIMITED`: Too many requests */
        RateLimited: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "RATE_LIMITED";
                };
            };
        };
        /** @description `REQUEST_HEADERS_TOO_LARGE`: Request headers too large */
        RequestHeadersTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "REQUEST_HEADERS_TOO_LARGE";
                };
            };
        };
        /** @description `ROUTE_NOT_FOUND`: Route not found */
        RouteNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "ROUTE_NOT_FOUND";
                };
            };
        };
        /** @description SCIM error 400 */
        Scim400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 401 */
        Scim401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 403 */
        Scim403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 404 */
        Scim404: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 409 */
        Scim409: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 412 */
        Scim412: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 413 */
        Scim413: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 415 */
        Scim415: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 429 */
        Scim429: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 431 */
        Scim431: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 500 */
        Scim500: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description SCIM error 503 */
        Scim503: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/scim+json": components["schemas"]["ScimError"];
            };
        };
        /** @description `SERVICE_UNAVAILABLE`: Service unavailable */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "SERVICE_UNAVAILABLE";
                };
            };
        };
        /** @description `SSO_FAILED`: Single sign-on failed */
        SsoFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "SSO_FAILED";
                };
            };
        };
        /** @description `SSO_PROVIDER_UNAVAILABLE`: Identity provider unavailable */
        SsoProviderUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "SSO_PROVIDER_UNAVAILABLE";
                };
            };
        };
        /** @description `TENANT_NOT_FOUND`: Tenant not found */
        TenantNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "TENANT_NOT_FOUND";
                };
            };
        };
        /** @description `TENANT_REQUIRED`: Tenant required */
        TenantRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "TENANT_REQUIRED";
                };
            };
        };
        /** @description `TENANT_REQUIRED`: Tenant required; `VALIDATION_FAILED`: Validation failed */
        TenantRequiredOrValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "TENANT_REQUIRED" | "VALIDATION_FAILED";
                };
            };
        };
        /** @description `TENANT_SLUG_TAKEN`: Tenant slug taken */
        TenantSlugTaken: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "TENANT_SLUG_TAKEN";
                };
            };
        };
        /** @description `UNAUTHENTICATED`: Authentication required */
        Unauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "UNAUTHENTICATED";
                };
            };
        };
        /** @description `UNSUPPORTED_MEDIA_TYPE`: Unsupported media type */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "UNSUPPORTED_MEDIA_TYPE";
                };
            };
        };
        /** @description `VALIDATION_FAILED`: Validation failed */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code?: "VALIDATION_FAILED";
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            /** @description Not ready; or `SERVICE_UNAVAILABLE`: Service unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @enum {string} */
                        code?: "SERVICE_UNAVAILABLE";
                    };
                };
            };
        };
    };
    listErrorCodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorCodeListDto"];
                };
            };
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getErrorCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorCodeDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listPermissions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PermissionListDto"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listRoles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleListDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createRole: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRoleDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRoleDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoleDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listUserRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentListDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    assignRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignRoleDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidStateOrLastAdmin"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    unassignRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                role: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["LastAdmin"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header: {
                /** @description The tenant (slug or id) this request is for */
                "X-Tenant": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponseDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["InvalidCredentials"];
            403: components["responses"]["IpNotAllowedOrSsoRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    verifyMfa: {
        parameters: {
            query?: never;
            header: {
                /** @description The tenant (slug or id) this request is for */
                "X-Tenant": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaVerifyDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["InvalidMfaCodeOrUnauthenticated"];
            403: components["responses"]["IpNotAllowedOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    refresh: {
        parameters: {
            query?: never;
            header: {
                /** @description The tenant (slug or id) this request is for */
                "X-Tenant": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["IpNotAllowedOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    logoutAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokedCountDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionListDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getLoginHistory: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginEventPageDto"];
                };
            };
            400: components["responses"]["TenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    enrollMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaEnrollmentDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    activateMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaCodeDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaActivationDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["InvalidMfaCodeOrUnauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    disableMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaCodeDto"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["InvalidMfaCodeOrUnauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponseDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["InvalidCredentials"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformVerifyMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaVerifyDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["InvalidMfaCodeOrUnauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformLogoutAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokedCountDto"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformListSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionListDto"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformRevokeSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformGetLoginHistory: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginEventPageDto"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformChangePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformEnrollMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaEnrollmentDto"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformActivateMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaCodeDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaActivationDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["InvalidMfaCodeOrUnauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    platformDisableMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaCodeDto"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["InvalidMfaCodeOrUnauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header: {
                /** @description The tenant (slug or id) this request is for */
                "X-Tenant": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailDto"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            403: components["responses"]["IpNotAllowedOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    confirmPasswordReset: {
        parameters: {
            query?: never;
            header: {
                /** @description The tenant (slug or id) this request is for */
                "X-Tenant": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordDto"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrInvalidTokenOrTenantRequiredOrValidationFailed"];
            403: components["responses"]["IpNotAllowedOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    requestEmailVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    confirmEmailVerification: {
        parameters: {
            query?: never;
            header: {
                /** @description The tenant (slug or id) this request is for */
                "X-Tenant": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenDto"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrInvalidTokenOrTenantRequiredOrValidationFailed"];
            403: components["responses"]["IpNotAllowedOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header: {
                /** @description The tenant (slug or id) this request is for */
                "X-Tenant": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserSummaryDto"];
                };
            };
            400: components["responses"]["BadRequestOrInvalidTokenOrTenantRequiredOrValidationFailed"];
            403: components["responses"]["IpNotAllowedOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
                status?: "invited" | "active" | "deactivated";
                /** @description `true`: only break-glass accounts; `false`: none of them */
                breakGlass?: boolean;
                /** @description Key of a role the user holds now, e.g. `project_manager` */
                role?: string;
                /** @description Case-insensitive substring of email or name, e.g. `ada` */
                q?: string;
                /** @description Default `-createdAt` */
                sort?: "createdAt" | "-createdAt" | "email" | "-email" | "name" | "-name";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
            400: components["responses"]["TenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMeDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getUserStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserStatsDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    inviteUsersInBulk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkInviteDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkInviteResultDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["BreakGlassLimitOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deactivateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["LastAdmin"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    reactivateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    inviteUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteUserDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resendInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    unlockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionListDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokedCountDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeUserSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyListDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyWithSecretDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyWithSecretDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    enableApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listTenants: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
                status?: "provisioning" | "active" | "suspended" | "deleted";
                plan?: "free" | "starter" | "professional" | "enterprise" | "custom";
                /** @description Matches name or slug (case-insensitive substring), e.g. `acme` */
                q?: string;
                /** @description Sort field; a leading `-` sorts descending. Default `-createdAt` */
                sort?: "createdAt" | "-createdAt" | "name" | "-name" | "slug" | "-slug";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantPageDto"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            409: components["responses"]["TenantSlugTaken"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteTenant: {
        parameters: {
            query?: {
                /** @description Drop the schema and role now instead of after the grace period */
                purge?: boolean;
                /** @description With `purge=true`: the tenant’s slug, typed out to confirm */
                confirm?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    suspendTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    reactivateTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    moveTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveTenantDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantMoveDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getTenantStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantStatsDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPlatformDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DashboardDto"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listPlatformUsers: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
                status?: "active" | "deactivated";
                role?: "super_admin" | "support";
                /** @description Matches email or name (case-insensitive substring) */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformUserPageDto"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createPlatformUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePlatformUserDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformUserDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPlatformUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformUserDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updatePlatformUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePlatformUserDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformUserDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deactivatePlatformUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformUserDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    reactivatePlatformUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformUserDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listImpersonations: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
                /** @description `true`: running now; `false`: ended or expired */
                active?: boolean;
                tenantId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImpersonationPageDto"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    startImpersonation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartImpersonationDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartedImpersonationDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrMfaSetupRequiredOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getImpersonation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImpersonationDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    endImpersonation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImpersonationDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOwnTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantProfileDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateOwnTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantProfileDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantProfileDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOwnTenantUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantUsageDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSupportAccess: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportAccessDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    grantSupportAccess: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrantSupportAccessDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportAccessWindowDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeSupportAccess: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listQueues: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueListDto"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    jobsQueue: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
                state?: "waiting" | "active" | "delayed" | "prioritized" | "waiting-children" | "failed" | "completed";
            };
            header?: never;
            path: {
                queue: "email" | "maintenance" | "webhooks";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueJobPageDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    retryQueue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queue: "email" | "maintenance" | "webhooks";
                /** @description The job id from the job list */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueJobDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description User, API key or platform user id */
                actorId?: string;
                actorType?: "user" | "api_key" | "directory" | "platform_user" | "system" | "anonymous";
                /** @description Exact action (e.g. `project.created`), or a prefix ending in `.*` (e.g. `auth.*`) */
                action?: string;
                category?: "auth" | "access" | "data" | "admin" | "audit" | "platform";
                /** @description Kind of resource, e.g. `project` */
                resourceType?: string;
                /** @description Id of the resource the event is about (a project id, a user id…) */
                resourceId?: string;
                outcome?: "success" | "failure";
                /** @description From this moment (inclusive) */
                from?: string;
                /** @description Until this moment (exclusive) */
                to?: string;
                /** @description Text searched in actor email, action, resource id, IP and details */
                q?: string;
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
            400: components["responses"]["TenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    verifyAuditTrail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifyResultDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    exportAuditEvents: {
        parameters: {
            query: {
                /** @description User, API key or platform user id */
                actorId?: string;
                actorType?: "user" | "api_key" | "directory" | "platform_user" | "system" | "anonymous";
                /** @description Exact action (e.g. `project.created`), or a prefix ending in `.*` (e.g. `auth.*`) */
                action?: string;
                category?: "auth" | "access" | "data" | "admin" | "audit" | "platform";
                /** @description Kind of resource, e.g. `project` */
                resourceType?: string;
                /** @description Id of the resource the event is about (a project id, a user id…) */
                resourceId?: string;
                outcome?: "success" | "failure";
                /** @description From this moment (inclusive) */
                from?: string;
                /** @description Until this moment (exclusive) */
                to?: string;
                /** @description Text searched in actor email, action, resource id, IP and details */
                q?: string;
                format: "csv" | "jsonl";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching events, newest first, as an attachment: `format=csv` a header row (id, seq, occurredAt, actorType, actorId, actorEmail, impersonator, action, category, severity, resourceType, resourceId, outcome, errorCode, ip, userAgent, requestId, changes, metadata) then one row per event; `format=jsonl` one audit event (as in the search) per line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/x-ndjson": string;
                };
            };
            400: components["responses"]["TenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAccessControlReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every user with their access now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessControlReportDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getChangesReport: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful changes in the period, counted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangesReportDto"];
                };
            };
            400: components["responses"]["TenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSecurityReport: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Security events in the period */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityReportDto"];
                };
            };
            400: components["responses"]["TenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuditEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listPlatformAuditEvents: {
        parameters: {
            query?: {
                /** @description User, API key or platform user id */
                actorId?: string;
                actorType?: "user" | "api_key" | "directory" | "platform_user" | "system" | "anonymous";
                /** @description Exact action (e.g. `project.created`), or a prefix ending in `.*` (e.g. `auth.*`) */
                action?: string;
                category?: "auth" | "access" | "data" | "admin" | "audit" | "platform";
                /** @description Kind of resource, e.g. `project` */
                resourceType?: string;
                /** @description Id of the resource the event is about (a project id, a user id…) */
                resourceId?: string;
                outcome?: "success" | "failure";
                /** @description From this moment (inclusive) */
                from?: string;
                /** @description Until this moment (exclusive) */
                to?: string;
                /** @description Text searched in actor email, action, resource id, IP and details */
                q?: string;
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
            400: components["responses"]["ValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    verifyPlatformAuditTrail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifyResultDto"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPlatformAuditEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listTenantAuditEventsForStaff: {
        parameters: {
            query?: {
                /** @description User, API key or platform user id */
                actorId?: string;
                actorType?: "user" | "api_key" | "directory" | "platform_user" | "system" | "anonymous";
                /** @description Exact action (e.g. `project.created`), or a prefix ending in `.*` (e.g. `auth.*`) */
                action?: string;
                category?: "auth" | "access" | "data" | "admin" | "audit" | "platform";
                /** @description Kind of resource, e.g. `project` */
                resourceType?: string;
                /** @description Id of the resource the event is about (a project id, a user id…) */
                resourceId?: string;
                outcome?: "success" | "failure";
                /** @description From this moment (inclusive) */
                from?: string;
                /** @description Until this moment (exclusive) */
                to?: string;
                /** @description Text searched in actor email, action, resource id, IP and details */
                q?: string;
                limit?: number;
                /** @description The `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    verifyTenantAuditTrailForStaff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifyResultDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listProjects: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
                /** @description Case-insensitive substring of the name, e.g. `web` */
                q?: string;
                /** @description Default `-createdAt` */
                sort?: "createdAt" | "-createdAt" | "name" | "-name";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectPageDto"];
                };
            };
            400: components["responses"]["TenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProjectDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listProjectGrants: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectGrantListDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    grantOnProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GrantDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectGrantDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeProjectGrant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDocuments: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
            };
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentPageDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDocumentDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                documentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                documentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
                documentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDocumentDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventTypeListDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointListDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecretDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailedOrWebhookUrlRefused"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpointDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailedOrWebhookUrlRefused"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rotateWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecretDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    testWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookMessageDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recoverWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoverWebhookEndpointDto"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveredDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookMessages: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Opaque cursor from the previous page's `nextCursor` */
                cursor?: string;
                /** @description Only messages for this endpoint */
                endpointId?: string;
                /** @description Only messages with a delivery in this status */
                status?: "pending" | "retrying" | "succeeded" | "dead";
                eventType?: "api_key.created" | "api_key.revoked" | "document.created" | "document.deleted" | "document.updated" | "group.updated" | "project.created" | "project.deleted" | "project.updated" | "role.assigned" | "role.created" | "role.deleted" | "role.unassigned" | "role.updated" | "tenant.updated" | "user.created" | "user.deactivated" | "user.deprovisioned" | "user.provisioned" | "user.reactivated" | "user.updated" | "webhook.test";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookMessagePageDto"];
                };
            };
            400: components["responses"]["TenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWebhookMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookMessageDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listWebhookMessageAttempts: {
        parameters: {
            query?: {
                /** @description Only attempts to this endpoint */
                endpointId?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAttemptListDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    retryWebhookMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetryWebhookMessageDto"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookMessageDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["InvalidState"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listSsoProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoProviderListDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createSsoProvider: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSsoProviderDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoProviderDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrUrlRefusedOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["SsoProviderUnavailable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSsoProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoProviderDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteSsoProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateSsoProvider: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSsoProviderDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoProviderDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrUrlRefusedOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["SsoProviderUnavailable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listSsoDomains: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoDomainListDto"];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createSsoDomain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSsoDomainDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoDomainDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["ConflictOrDomainTaken"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSsoDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoDomainDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteSsoDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    verifySsoDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoDomainDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            409: components["responses"]["DomainNotVerifiedOrDomainTaken"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    startSsoLogin: {
        parameters: {
            query: {
                /** @description Where the browser ends up with `?code=`: must equal one of the provider’s `redirectUris` */
                redirectUri: string;
                /** @description Opaque value of the client, sent back with the code (protect your redirect endpoint with it) */
                state?: string;
                /** @description Passed to the provider as `login_hint`, e.g. `ada@acme.example` */
                loginHint?: string;
            };
            header?: never;
            path: {
                tenantSlug: string;
                providerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the identity provider */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            403: components["responses"]["FeatureNotInPlanOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["SsoProviderUnavailable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    completeSsoLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the client, with `?code=` */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["SsoFailed"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["SsoProviderUnavailable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    completeSsoLoginByPost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The provider’s authorization response, posted by the browser */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["SsoCallbackFormDto"];
            };
        };
        responses: {
            /** @description To the client, with `?code=` */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["SsoFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["SsoProviderUnavailable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    samlMetadataSsoLogin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantSlug: string;
                providerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An `EntityDescriptor` with an `SPSSODescriptor` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/samlmetadata+xml": string;
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            403: components["responses"]["FeatureNotInPlanOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    samlAcsSsoLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The SAML response, posted by the browser */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["SamlAcsFormDto"];
            };
        };
        responses: {
            /** @description To the client, with `?code=` */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            401: components["responses"]["SsoFailed"];
            403: components["responses"]["FeatureNotInPlan"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    exchangeSsoCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SsoExchangeDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
            400: components["responses"]["BadRequestOrInvalidTokenOrValidationFailed"];
            401: components["responses"]["SsoFailed"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    discoverSso: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoDiscoveryDto"];
                };
            };
            400: components["responses"]["BadRequestOrValidationFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDirectoryTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryTokenDto"][];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createDirectoryToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDirectoryTokenDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedDirectoryTokenDto"];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    revokeDirectoryToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["NotFoundOrTenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDirectorySyncs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupRoleDto"][];
                };
            };
            400: components["responses"]["TenantRequired"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    replaceDirectorySync: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupRoleDto"][];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GroupRoleDto"][];
                };
            };
            400: components["responses"]["BadRequestOrTenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            409: components["responses"]["LastAdmin"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    eventsDirectorySync: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Only events before this instant (the last `occurredAt` seen, for the next page) */
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DirectoryEventDto"][];
                };
            };
            400: components["responses"]["TenantRequiredOrValidationFailed"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["FeatureNotInPlanOrForbiddenOrImpersonationForbiddenOrIpNotAllowedOrMfaSetupRequiredOrPlanLimitOrTenantMismatchOrTenantSuspended"];
            404: components["responses"]["TenantNotFound"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    configScimDiscovery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        [key: string]: unknown;
                    };
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    resourceTypesScimDiscovery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:api:messages:2.0:ListResponse"
                         *     ]
                         */
                        schemas?: string[];
                        totalResults?: number;
                        startIndex?: number;
                        itemsPerPage?: number;
                        Resources?: {
                            [key: string]: unknown;
                        }[];
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:api:messages:2.0:ListResponse"
                         *     ]
                         */
                        schemas?: string[];
                        totalResults?: number;
                        startIndex?: number;
                        itemsPerPage?: number;
                        Resources?: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    schemasScimDiscovery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:api:messages:2.0:ListResponse"
                         *     ]
                         */
                        schemas?: string[];
                        totalResults?: number;
                        startIndex?: number;
                        itemsPerPage?: number;
                        Resources?: {
                            [key: string]: unknown;
                        }[];
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:api:messages:2.0:ListResponse"
                         *     ]
                         */
                        schemas?: string[];
                        totalResults?: number;
                        startIndex?: number;
                        itemsPerPage?: number;
                        Resources?: {
                            [key: string]: unknown;
                        }[];
                    };
                };
            };
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    listScimUsers: {
        parameters: {
            query?: {
                /** @description Only these attributes (id and schemas always), e.g. `userName,active` */
                attributes?: string;
                /** @description Every attribute but these, e.g. `emails` */
                excludedAttributes?: string;
                /** @description A SCIM filter (RFC 7644 §3.4.2.2), e.g. `userName eq "ada@example.com"` */
                filter?: string;
                /** @description 1-based index of the first result (default 1) */
                startIndex?: string;
                /** @description Results per page, at most 200 (0: only totalResults) */
                count?: string;
                /** @description The attribute to sort by, e.g. `userName` */
                sortBy?: string;
                sortOrder?: "ascending" | "descending";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:api:messages:2.0:ListResponse"
                         *     ]
                         */
                        schemas?: string[];
                        totalResults?: number;
                        startIndex?: number;
                        itemsPerPage?: number;
                        Resources?: {
                            /**
                             * @example [
                             *       "urn:ietf:params:scim:schemas:core:2.0:User"
                             *     ]
                             */
                            schemas: string[];
                            /** Format: uuid */
                            readonly id: string;
                            externalId?: string;
                            /**
                             * @description The email; unique per tenant, case-insensitive
                             * @example ada@example.com
                             */
                            userName?: string;
                            name?: {
                                givenName?: string;
                                familyName?: string;
                                formatted?: string;
                            };
                            displayName?: string;
                            emails?: {
                                value?: string;
                                type?: string;
                                primary?: boolean;
                            }[];
                            active?: boolean;
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                                employeeNumber?: string;
                                department?: string;
                                manager?: {
                                    value?: string;
                                };
                            };
                            readonly meta?: {
                                resourceType?: string;
                                /** Format: date-time */
                                created?: string;
                                /** Format: date-time */
                                lastModified?: string;
                                location?: string;
                                /**
                                 * @description The ETag; send it as If-Match
                                 * @example W/"1796590000123456"
                                 */
                                version?: string;
                            };
                        }[];
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:api:messages:2.0:ListResponse"
                         *     ]
                         */
                        schemas?: string[];
                        totalResults?: number;
                        startIndex?: number;
                        itemsPerPage?: number;
                        Resources?: {
                            /**
                             * @example [
                             *       "urn:ietf:params:scim:schemas:core:2.0:User"
                             *     ]
                             */
                            schemas: string[];
                            /** Format: uuid */
                            readonly id: string;
                            externalId?: string;
                            /**
                             * @description The email; unique per tenant, case-insensitive
                             * @example ada@example.com
                             */
                            userName?: string;
                            name?: {
                                givenName?: string;
                                familyName?: string;
                                formatted?: string;
                            };
                            displayName?: string;
                            emails?: {
                                value?: string;
                                type?: string;
                                primary?: boolean;
                            }[];
                            active?: boolean;
                            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                                employeeNumber?: string;
                                department?: string;
                                manager?: {
                                    value?: string;
                                };
                            };
                            readonly meta?: {
                                resourceType?: string;
                                /** Format: date-time */
                                created?: string;
                                /** Format: date-time */
                                lastModified?: string;
                                location?: string;
                                /**
                                 * @description The ETag; send it as If-Match
                                 * @example W/"1796590000123456"
                                 */
                                version?: string;
                            };
                        }[];
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    createScimUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:schemas:core:2.0:User"
                     *     ]
                     */
                    schemas?: string[];
                    /** @description Read-only: ignored */
                    readonly id?: string;
                    externalId?: string;
                    /**
                     * @description The email; unique per tenant, case-insensitive
                     * @example ada@example.com
                     */
                    userName: string;
                    name?: {
                        givenName?: string;
                        familyName?: string;
                        formatted?: string;
                    };
                    displayName?: string;
                    emails?: {
                        value?: string;
                        type?: string;
                        primary?: boolean;
                    }[];
                    active?: boolean;
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                        employeeNumber?: string;
                        department?: string;
                        manager?: {
                            value?: string;
                        };
                    };
                    /** @description Read-only: ignored */
                    readonly meta?: {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
                "application/json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:schemas:core:2.0:User"
                     *     ]
                     */
                    schemas?: string[];
                    /** @description Read-only: ignored */
                    readonly id?: string;
                    externalId?: string;
                    /**
                     * @description The email; unique per tenant, case-insensitive
                     * @example ada@example.com
                     */
                    userName: string;
                    name?: {
                        givenName?: string;
                        familyName?: string;
                        formatted?: string;
                    };
                    displayName?: string;
                    emails?: {
                        value?: string;
                        type?: string;
                        primary?: boolean;
                    }[];
                    active?: boolean;
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                        employeeNumber?: string;
                        department?: string;
                        manager?: {
                            value?: string;
                        };
                    };
                    /** @description Read-only: ignored */
                    readonly meta?: {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:User"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /**
                         * @description The email; unique per tenant, case-insensitive
                         * @example ada@example.com
                         */
                        userName: string;
                        name?: {
                            givenName?: string;
                            familyName?: string;
                            formatted?: string;
                        };
                        displayName?: string;
                        emails?: {
                            value?: string;
                            type?: string;
                            primary?: boolean;
                        }[];
                        active?: boolean;
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                            employeeNumber?: string;
                            department?: string;
                            manager?: {
                                value?: string;
                            };
                        };
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:User"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /**
                         * @description The email; unique per tenant, case-insensitive
                         * @example ada@example.com
                         */
                        userName: string;
                        name?: {
                            givenName?: string;
                            familyName?: string;
                            formatted?: string;
                        };
                        displayName?: string;
                        emails?: {
                            value?: string;
                            type?: string;
                            primary?: boolean;
                        }[];
                        active?: boolean;
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                            employeeNumber?: string;
                            department?: string;
                            manager?: {
                                value?: string;
                            };
                        };
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            409: components["responses"]["Scim409"];
            413: components["responses"]["Scim413"];
            415: components["responses"]["Scim415"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    getScimUser: {
        parameters: {
            query?: {
                /** @description Only these attributes (id and schemas always), e.g. `userName,active` */
                attributes?: string;
                /** @description Every attribute but these, e.g. `emails` */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:User"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /**
                         * @description The email; unique per tenant, case-insensitive
                         * @example ada@example.com
                         */
                        userName?: string;
                        name?: {
                            givenName?: string;
                            familyName?: string;
                            formatted?: string;
                        };
                        displayName?: string;
                        emails?: {
                            value?: string;
                            type?: string;
                            primary?: boolean;
                        }[];
                        active?: boolean;
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                            employeeNumber?: string;
                            department?: string;
                            manager?: {
                                value?: string;
                            };
                        };
                        readonly meta?: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:User"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /**
                         * @description The email; unique per tenant, case-insensitive
                         * @example ada@example.com
                         */
                        userName?: string;
                        name?: {
                            givenName?: string;
                            familyName?: string;
                            formatted?: string;
                        };
                        displayName?: string;
                        emails?: {
                            value?: string;
                            type?: string;
                            primary?: boolean;
                        }[];
                        active?: boolean;
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                            employeeNumber?: string;
                            department?: string;
                            manager?: {
                                value?: string;
                            };
                        };
                        readonly meta?: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    replaceScimUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The meta.version last read; 412 when the user changed since */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:schemas:core:2.0:User"
                     *     ]
                     */
                    schemas?: string[];
                    /** @description Read-only: ignored */
                    readonly id?: string;
                    externalId?: string;
                    /**
                     * @description The email; unique per tenant, case-insensitive
                     * @example ada@example.com
                     */
                    userName: string;
                    name?: {
                        givenName?: string;
                        familyName?: string;
                        formatted?: string;
                    };
                    displayName?: string;
                    emails?: {
                        value?: string;
                        type?: string;
                        primary?: boolean;
                    }[];
                    active?: boolean;
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                        employeeNumber?: string;
                        department?: string;
                        manager?: {
                            value?: string;
                        };
                    };
                    /** @description Read-only: ignored */
                    readonly meta?: {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
                "application/json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:schemas:core:2.0:User"
                     *     ]
                     */
                    schemas?: string[];
                    /** @description Read-only: ignored */
                    readonly id?: string;
                    externalId?: string;
                    /**
                     * @description The email; unique per tenant, case-insensitive
                     * @example ada@example.com
                     */
                    userName: string;
                    name?: {
                        givenName?: string;
                        familyName?: string;
                        formatted?: string;
                    };
                    displayName?: string;
                    emails?: {
                        value?: string;
                        type?: string;
                        primary?: boolean;
                    }[];
                    active?: boolean;
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                        employeeNumber?: string;
                        department?: string;
                        manager?: {
                            value?: string;
                        };
                    };
                    /** @description Read-only: ignored */
                    readonly meta?: {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:User"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /**
                         * @description The email; unique per tenant, case-insensitive
                         * @example ada@example.com
                         */
                        userName: string;
                        name?: {
                            givenName?: string;
                            familyName?: string;
                            formatted?: string;
                        };
                        displayName?: string;
                        emails?: {
                            value?: string;
                            type?: string;
                            primary?: boolean;
                        }[];
                        active?: boolean;
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                            employeeNumber?: string;
                            department?: string;
                            manager?: {
                                value?: string;
                            };
                        };
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:User"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /**
                         * @description The email; unique per tenant, case-insensitive
                         * @example ada@example.com
                         */
                        userName: string;
                        name?: {
                            givenName?: string;
                            familyName?: string;
                            formatted?: string;
                        };
                        displayName?: string;
                        emails?: {
                            value?: string;
                            type?: string;
                            primary?: boolean;
                        }[];
                        active?: boolean;
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                            employeeNumber?: string;
                            department?: string;
                            manager?: {
                                value?: string;
                            };
                        };
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            409: components["responses"]["Scim409"];
            412: components["responses"]["Scim412"];
            413: components["responses"]["Scim413"];
            415: components["responses"]["Scim415"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    deleteScimUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The meta.version last read; 412 when the user changed since */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            409: components["responses"]["Scim409"];
            412: components["responses"]["Scim412"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    patchScimUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The meta.version last read; 412 when the user changed since */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:api:messages:2.0:PatchOp"
                     *     ]
                     */
                    schemas: string[];
                    Operations: {
                        /**
                         * @description add, replace or remove (any case)
                         * @example replace
                         */
                        op: string;
                        /** @example emails[type eq "work"].value */
                        path?: string;
                        value?: unknown;
                    }[];
                };
                "application/json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:api:messages:2.0:PatchOp"
                     *     ]
                     */
                    schemas: string[];
                    Operations: {
                        /**
                         * @description add, replace or remove (any case)
                         * @example replace
                         */
                        op: string;
                        /** @example emails[type eq "work"].value */
                        path?: string;
                        value?: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:User"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /**
                         * @description The email; unique per tenant, case-insensitive
                         * @example ada@example.com
                         */
                        userName: string;
                        name?: {
                            givenName?: string;
                            familyName?: string;
                            formatted?: string;
                        };
                        displayName?: string;
                        emails?: {
                            value?: string;
                            type?: string;
                            primary?: boolean;
                        }[];
                        active?: boolean;
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                            employeeNumber?: string;
                            department?: string;
                            manager?: {
                                value?: string;
                            };
                        };
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:User"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /**
                         * @description The email; unique per tenant, case-insensitive
                         * @example ada@example.com
                         */
                        userName: string;
                        name?: {
                            givenName?: string;
                            familyName?: string;
                            formatted?: string;
                        };
                        displayName?: string;
                        emails?: {
                            value?: string;
                            type?: string;
                            primary?: boolean;
                        }[];
                        active?: boolean;
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                            employeeNumber?: string;
                            department?: string;
                            manager?: {
                                value?: string;
                            };
                        };
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            409: components["responses"]["Scim409"];
            412: components["responses"]["Scim412"];
            413: components["responses"]["Scim413"];
            415: components["responses"]["Scim415"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    listScimGroups: {
        parameters: {
            query?: {
                /** @description Only these attributes (id and schemas always), e.g. `userName,active` */
                attributes?: string;
                /** @description Every attribute but these, e.g. `emails` */
                excludedAttributes?: string;
                /** @description A SCIM filter (RFC 7644 §3.4.2.2), e.g. `userName eq "ada@example.com"` */
                filter?: string;
                /** @description 1-based index of the first result (default 1) */
                startIndex?: string;
                /** @description Results per page, at most 200 (0: only totalResults) */
                count?: string;
                /** @description The attribute to sort by, e.g. `userName` */
                sortBy?: string;
                sortOrder?: "ascending" | "descending";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:api:messages:2.0:ListResponse"
                         *     ]
                         */
                        schemas?: string[];
                        totalResults?: number;
                        startIndex?: number;
                        itemsPerPage?: number;
                        Resources?: {
                            /**
                             * @example [
                             *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                             *     ]
                             */
                            schemas: string[];
                            /** Format: uuid */
                            readonly id: string;
                            externalId?: string;
                            /** @example Engineering */
                            displayName?: string;
                            members?: {
                                /** Format: uuid */
                                value?: string;
                                display?: string;
                                /** @description The URL of the member */
                                $ref?: string;
                                /** @example User */
                                type?: string;
                            }[];
                            readonly meta?: {
                                resourceType?: string;
                                /** Format: date-time */
                                created?: string;
                                /** Format: date-time */
                                lastModified?: string;
                                location?: string;
                                /**
                                 * @description The ETag; send it as If-Match
                                 * @example W/"1796590000123456"
                                 */
                                version?: string;
                            };
                        }[];
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:api:messages:2.0:ListResponse"
                         *     ]
                         */
                        schemas?: string[];
                        totalResults?: number;
                        startIndex?: number;
                        itemsPerPage?: number;
                        Resources?: {
                            /**
                             * @example [
                             *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                             *     ]
                             */
                            schemas: string[];
                            /** Format: uuid */
                            readonly id: string;
                            externalId?: string;
                            /** @example Engineering */
                            displayName?: string;
                            members?: {
                                /** Format: uuid */
                                value?: string;
                                display?: string;
                                /** @description The URL of the member */
                                $ref?: string;
                                /** @example User */
                                type?: string;
                            }[];
                            readonly meta?: {
                                resourceType?: string;
                                /** Format: date-time */
                                created?: string;
                                /** Format: date-time */
                                lastModified?: string;
                                location?: string;
                                /**
                                 * @description The ETag; send it as If-Match
                                 * @example W/"1796590000123456"
                                 */
                                version?: string;
                            };
                        }[];
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    createScimGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                     *     ]
                     */
                    schemas?: string[];
                    /** @description Read-only: ignored */
                    readonly id?: string;
                    externalId?: string;
                    /** @example Engineering */
                    displayName: string;
                    members?: {
                        /**
                         * Format: uuid
                         * @description The id of a SCIM User
                         */
                        value: string;
                        display?: string;
                    }[];
                    /** @description Read-only: ignored */
                    readonly meta?: {
                        [key: string]: unknown;
                    };
                };
                "application/json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                     *     ]
                     */
                    schemas?: string[];
                    /** @description Read-only: ignored */
                    readonly id?: string;
                    externalId?: string;
                    /** @example Engineering */
                    displayName: string;
                    members?: {
                        /**
                         * Format: uuid
                         * @description The id of a SCIM User
                         */
                        value: string;
                        display?: string;
                    }[];
                    /** @description Read-only: ignored */
                    readonly meta?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /** @example Engineering */
                        displayName: string;
                        members: {
                            /** Format: uuid */
                            value?: string;
                            display?: string;
                            /** @description The URL of the member */
                            $ref?: string;
                            /** @example User */
                            type?: string;
                        }[];
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /** @example Engineering */
                        displayName: string;
                        members: {
                            /** Format: uuid */
                            value?: string;
                            display?: string;
                            /** @description The URL of the member */
                            $ref?: string;
                            /** @example User */
                            type?: string;
                        }[];
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            409: components["responses"]["Scim409"];
            413: components["responses"]["Scim413"];
            415: components["responses"]["Scim415"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    getScimGroup: {
        parameters: {
            query?: {
                /** @description Only these attributes (id and schemas always), e.g. `userName,active` */
                attributes?: string;
                /** @description Every attribute but these, e.g. `emails` */
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /** @example Engineering */
                        displayName?: string;
                        members?: {
                            /** Format: uuid */
                            value?: string;
                            display?: string;
                            /** @description The URL of the member */
                            $ref?: string;
                            /** @example User */
                            type?: string;
                        }[];
                        readonly meta?: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /** @example Engineering */
                        displayName?: string;
                        members?: {
                            /** Format: uuid */
                            value?: string;
                            display?: string;
                            /** @description The URL of the member */
                            $ref?: string;
                            /** @example User */
                            type?: string;
                        }[];
                        readonly meta?: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    replaceScimGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description The meta.version last read; 412 when the user changed since */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                     *     ]
                     */
                    schemas?: string[];
                    /** @description Read-only: ignored */
                    readonly id?: string;
                    externalId?: string;
                    /** @example Engineering */
                    displayName: string;
                    members?: {
                        /**
                         * Format: uuid
                         * @description The id of a SCIM User
                         */
                        value: string;
                        display?: string;
                    }[];
                    /** @description Read-only: ignored */
                    readonly meta?: {
                        [key: string]: unknown;
                    };
                };
                "application/json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                     *     ]
                     */
                    schemas?: string[];
                    /** @description Read-only: ignored */
                    readonly id?: string;
                    externalId?: string;
                    /** @example Engineering */
                    displayName: string;
                    members?: {
                        /**
                         * Format: uuid
                         * @description The id of a SCIM User
                         */
                        value: string;
                        display?: string;
                    }[];
                    /** @description Read-only: ignored */
                    readonly meta?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /** @example Engineering */
                        displayName: string;
                        members: {
                            /** Format: uuid */
                            value?: string;
                            display?: string;
                            /** @description The URL of the member */
                            $ref?: string;
                            /** @example User */
                            type?: string;
                        }[];
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /** @example Engineering */
                        displayName: string;
                        members: {
                            /** Format: uuid */
                            value?: string;
                            display?: string;
                            /** @description The URL of the member */
                            $ref?: string;
                            /** @example User */
                            type?: string;
                        }[];
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            409: components["responses"]["Scim409"];
            412: components["responses"]["Scim412"];
            413: components["responses"]["Scim413"];
            415: components["responses"]["Scim415"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    deleteScimGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description The meta.version last read; 412 when the user changed since */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            409: components["responses"]["Scim409"];
            412: components["responses"]["Scim412"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    patchScimGroup: {
        parameters: {
            query?: never;
            header?: {
                /** @description The meta.version last read; 412 when the user changed since */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:api:messages:2.0:PatchOp"
                     *     ]
                     */
                    schemas: string[];
                    Operations: {
                        /**
                         * @description add, replace or remove (any case)
                         * @example replace
                         */
                        op: string;
                        /** @example emails[type eq "work"].value */
                        path?: string;
                        value?: unknown;
                    }[];
                };
                "application/json": {
                    /**
                     * @example [
                     *       "urn:ietf:params:scim:api:messages:2.0:PatchOp"
                     *     ]
                     */
                    schemas: string[];
                    Operations: {
                        /**
                         * @description add, replace or remove (any case)
                         * @example replace
                         */
                        op: string;
                        /** @example emails[type eq "work"].value */
                        path?: string;
                        value?: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /** @example Engineering */
                        displayName: string;
                        members: {
                            /** Format: uuid */
                            value?: string;
                            display?: string;
                            /** @description The URL of the member */
                            $ref?: string;
                            /** @example User */
                            type?: string;
                        }[];
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                    "application/json": {
                        /**
                         * @example [
                         *       "urn:ietf:params:scim:schemas:core:2.0:Group"
                         *     ]
                         */
                        schemas: string[];
                        /** Format: uuid */
                        readonly id: string;
                        externalId?: string;
                        /** @example Engineering */
                        displayName: string;
                        members: {
                            /** Format: uuid */
                            value?: string;
                            display?: string;
                            /** @description The URL of the member */
                            $ref?: string;
                            /** @example User */
                            type?: string;
                        }[];
                        readonly meta: {
                            resourceType?: string;
                            /** Format: date-time */
                            created?: string;
                            /** Format: date-time */
                            lastModified?: string;
                            location?: string;
                            /**
                             * @description The ETag; send it as If-Match
                             * @example W/"1796590000123456"
                             */
                            version?: string;
                        };
                    };
                };
            };
            400: components["responses"]["Scim400"];
            401: components["responses"]["Scim401"];
            403: components["responses"]["Scim403"];
            404: components["responses"]["Scim404"];
            409: components["responses"]["Scim409"];
            412: components["responses"]["Scim412"];
            413: components["responses"]["Scim413"];
            415: components["responses"]["Scim415"];
            429: components["responses"]["Scim429"];
            431: components["responses"]["Scim431"];
            500: components["responses"]["Scim500"];
            503: components["responses"]["Scim503"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header: {
                authorization: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenOrMfaSetupRequired"];
            404: components["responses"]["RouteNotFound"];
            431: components["responses"]["RequestHeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
