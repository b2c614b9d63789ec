//! Receipt codes: short, unambiguous to read aloud or type, unique per revision.

/// Crockford's base-32 alphabet: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Formats 60 random bits as "TAP-XXXX-XXXX-XXXX".
pub fn format_receipt(bits: u64) -> String {
    let mut out = String::from("TAP");
    for group in 0..3 {
        out.push('-');
        for i in 0..4 {
            let shift = 5 * (group * 4 + i);
            out.push(char::from(ALPHABET[((bits >> shift) & 31) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_have_a_fixed_readable_shape() {
        assert_eq!(format_receipt(0), "TAP-0000-0000-0000");
        let r = format_receipt(u64::MAX);
        assert_eq!(r, "TAP-ZZZZ-ZZZZ-ZZZZ");
        assert_eq!(r.len(), 18);
    }

    #[test]
    fn different_bits_give_different_receipts() {
        assert_ne!(format_receipt(1), format_receipt(2));
        assert_ne!(format_receipt(1 << 59), format_receipt(0));
    }
}
