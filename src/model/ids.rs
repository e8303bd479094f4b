//! Newtype ids, so a state id can never be passed where a workflow id is expected.

use std::fmt;

use serde::Deserialize;

macro_rules! id {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id! {
    /// A portal: `admin-center`, `store-for-business`.
    PortalId;
    /// A partner type of the catalog: `advisor`.
    PartnerTypeId;
    /// A UI string: `remove-admin-roles`.
    UiStringId;
    /// A relationship state: `active-delegated-admin`.
    StateId;
    /// A workflow: `delete-partner`.
    WorkflowId;
}
