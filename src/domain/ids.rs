//! Ids of what the service stores, each its own type, so that a consultation
//! id cannot be passed where a user id is expected. They are UUIDv7 strings
//! made by the store; one read from a path is whatever the client sent, and
//! finding nothing under it is the store's "not found".

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident,)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

ids! {
    /// A consultation (one TSB circular).
    ConsultationId,
    /// A user: TSB staff or a focal point.
    UserId,
    /// An email of the outbox.
    EmailId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_write_as_plain_strings() {
        let id: ConsultationId = serde_json::from_str("\"0199-abc\"").unwrap();
        assert_eq!(id.as_str(), "0199-abc");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"0199-abc\"");
        assert_eq!(UserId::from("u1").to_string(), "u1");
    }
}
