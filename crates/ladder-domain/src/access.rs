//! Who may do what: the roles of a shop's staff and the permissions each role grants.
//!
//! The matrix lives here, as a pure function, so that the web layer and its tests ask one place and a
//! new permission has to be placed for every role at once (the `match` is exhaustive).

use crate::customer::string_enum;

string_enum! {
    /// A staff member's role in the shop.
    Role {
        /// Everything, including users, settings and the audit log.
        Owner = "owner",
        /// Customers, reports, segments, campaigns and imports.
        Marketing = "marketing",
        /// Customers and reports.
        Sales = "sales",
        /// Customers and their interactions.
        Support = "support",
        /// Reads customers and reports, changes nothing.
        Viewer = "viewer",
    }
}

string_enum! {
    /// Something a role may be allowed to do.
    Permission {
        /// See customer lists and profiles.
        ViewCustomers = "view_customers",
        /// Change customer profiles, consents and tags.
        EditCustomers = "edit_customers",
        /// Record calls, notes and other interactions.
        AddInteractions = "add_interactions",
        /// See reports.
        ViewReports = "view_reports",
        /// Create, change and delete saved segments.
        ManageSegments = "manage_segments",
        /// Prepare and send campaigns.
        ManageCampaigns = "manage_campaigns",
        /// Import customers, orders and interactions.
        ImportData = "import_data",
        /// Change the shop's settings.
        ManageSettings = "manage_settings",
        /// Invite, change and disable users.
        ManageUsers = "manage_users",
        /// Use the API with a personal token.
        UseApi = "use_api",
        /// Read the audit log.
        ViewAudit = "view_audit",
        /// Delete customers and erase their personal data (a privacy request).
        EraseCustomers = "erase_customers",
        /// Give or take a member's club points by hand, with a reason.
        AdjustPoints = "adjust_points",
    }
}

impl Role {
    /// Whether this role grants the permission.
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Owner => true,
            Role::Marketing => matches!(
                permission,
                ViewCustomers
                    | EditCustomers
                    | AddInteractions
                    | ViewReports
                    | ManageSegments
                    | ManageCampaigns
                    | ImportData
                    | UseApi
                    | AdjustPoints
            ),
            Role::Sales => matches!(permission, ViewCustomers | EditCustomers | AddInteractions | ViewReports | UseApi),
            Role::Support => matches!(permission, ViewCustomers | EditCustomers | AddInteractions),
            Role::Viewer => matches!(permission, ViewCustomers | ViewReports),
        }
    }

    /// Every permission this role grants, in [`Permission::ALL`] order.
    pub fn permissions(self) -> impl Iterator<Item = Permission> {
        Permission::ALL.iter().copied().filter(move |p| self.allows(*p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn granted(role: Role) -> Vec<&'static str> {
        role.permissions().map(Permission::as_str).collect()
    }

    #[test]
    fn the_matrix_is_as_documented() {
        assert_eq!(granted(Role::Owner).len(), Permission::ALL.len());
        assert_eq!(
            granted(Role::Marketing),
            [
                "view_customers",
                "edit_customers",
                "add_interactions",
                "view_reports",
                "manage_segments",
                "manage_campaigns",
                "import_data",
                "use_api",
                "adjust_points"
            ]
        );
        assert_eq!(
            granted(Role::Sales),
            ["view_customers", "edit_customers", "add_interactions", "view_reports", "use_api"]
        );
        assert_eq!(granted(Role::Support), ["view_customers", "edit_customers", "add_interactions"]);
        assert_eq!(granted(Role::Viewer), ["view_customers", "view_reports"]);
    }

    #[test]
    fn viewers_change_nothing_and_only_owners_administer() {
        assert!(!Role::Viewer.allows(Permission::EditCustomers));
        assert!(!Role::Viewer.allows(Permission::AddInteractions));
        assert!(!Role::Support.allows(Permission::ViewReports));
        for permission in
            [Permission::ManageUsers, Permission::ManageSettings, Permission::ViewAudit, Permission::EraseCustomers]
        {
            let allowed: Vec<Role> = Role::ALL.iter().copied().filter(|r| r.allows(permission)).collect();
            assert_eq!(allowed, [Role::Owner], "{permission}");
        }
    }

    #[test]
    fn names_are_stable() {
        assert_eq!(Role::names(), "owner, marketing, sales, support, viewer");
        assert_eq!(Role::parse(" Marketing "), Some(Role::Marketing));
        assert_eq!(Permission::parse("manage-users"), Some(Permission::ManageUsers));
        assert_eq!(Permission::ViewAudit.to_string(), "view_audit");
        assert_eq!(Permission::ALL.len(), 13);
    }
}
