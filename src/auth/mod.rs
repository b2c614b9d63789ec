//! Who is asking: password hashing, API tokens, roles.

pub mod keys;
pub mod password;
pub mod token;

use serde::{Deserialize, Serialize};

use crate::domain::ids::UserId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Staff of the Telecommunication Standardization Bureau.
    Tsb,
    /// A focal point of one Member State's administration.
    Member,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "tsb" => Some(Role::Tsb),
            "member" => Some(Role::Member),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Tsb => "tsb",
            Role::Member => "member",
        }
    }
}

/// A signed-in user, as established from a valid token and the user's row.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub member_state: Option<String>,
    /// Preferred language, one of `i18n::LANGUAGES`.
    pub language: String,
}

impl Actor {
    pub fn is_tsb(&self) -> bool {
        self.role == Role::Tsb
    }

    /// TSB staff may act for any Member State; a focal point only for its own.
    pub fn may_act_for(&self, iso3: &str) -> bool {
        match self.role {
            Role::Tsb => true,
            Role::Member => self.member_state.as_deref() == Some(iso3),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, ms: Option<&str>) -> Actor {
        Actor {
            user_id: UserId::from("u"),
            name: "n".into(),
            email: "e".into(),
            role,
            member_state: ms.map(Into::into),
            language: "en".into(),
        }
    }

    #[test]
    fn focal_points_act_only_for_their_own_member_state() {
        let che = actor(Role::Member, Some("CHE"));
        assert!(che.may_act_for("CHE"));
        assert!(!che.may_act_for("FRA"));
        assert!(actor(Role::Tsb, None).may_act_for("FRA"));
    }
}
