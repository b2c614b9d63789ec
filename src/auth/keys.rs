//! The keys of the service, derived from its one secret with HKDF (RFC 5869),
//! so that API tokens and session cookies never share a key: knowing one
//! tells nothing of the other.

use hkdf::Hkdf;
use secrecy::{ExposeSecret, SecretBox};
use sha2::Sha256;

/// Separates the derivations of this service from any other use of the secret.
const SALT: &[u8] = b"tapballot key derivation v1";

pub struct Keys {
    /// HS256 key of API tokens.
    pub token: SecretBox<[u8; 32]>,
    /// Encryption and signing key of the session cookie (actix wants 64 bytes).
    pub cookie: SecretBox<[u8; 64]>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys { .. }")
    }
}

impl Keys {
    pub fn derive(secret: &[u8]) -> Self {
        let hk = Hkdf::<Sha256>::new(Some(SALT), secret);
        let mut token = [0u8; 32];
        let mut cookie = [0u8; 64];
        // Both lengths are far below HKDF-SHA256's limit of 8160 bytes.
        let ok = hk.expand(b"api token signing", &mut token).is_ok()
            && hk.expand(b"web session cookie", &mut cookie).is_ok();
        debug_assert!(ok);
        Keys {
            token: SecretBox::new(Box::new(token)),
            cookie: SecretBox::new(Box::new(cookie)),
        }
    }

    pub fn token_key(&self) -> &[u8] {
        self.token.expose_secret()
    }

    pub fn cookie_key(&self) -> &[u8] {
        self.cookie.expose_secret()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_cookies_get_different_keys_from_one_secret() {
        let a = Keys::derive(b"one secret of at least 32 characters");
        let b = Keys::derive(b"one secret of at least 32 characters");
        assert_eq!(
            a.token_key(),
            b.token_key(),
            "the same secret, the same keys"
        );
        assert_eq!(a.cookie_key(), b.cookie_key());
        assert_ne!(a.token_key(), &a.cookie_key()[..32]);
        assert_ne!(
            a.token_key(),
            b"one secret of at least 32 characters".as_slice()
        );
        let c = Keys::derive(b"another secret of at least 32 chars");
        assert_ne!(a.token_key(), c.token_key());
    }
}
