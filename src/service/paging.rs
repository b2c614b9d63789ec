//! Keyset paging of lists kept newest first (emails, the audit trail): a
//! page ends with a cursor naming its last item, and the next page starts
//! strictly after it, so items added meanwhile neither repeat nor shift it.

use chrono::{DateTime, NaiveDateTime};

use super::{ErrorCode, ServiceError, ServiceResult};

/// Where a page ended: the time and id of its last item. Clients treat it
/// as opaque.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub at: NaiveDateTime,
    pub id: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}_{}", self.at.and_utc().timestamp_micros(), self.id)
    }

    pub fn parse(s: &str) -> ServiceResult<Cursor> {
        let invalid = || {
            ServiceError::new(
                ErrorCode::InvalidCursor,
                "cursor is not one this service gave: pass the cursor of the previous page unchanged",
            )
        };
        let (micros, id) = s.split_once('_').ok_or_else(invalid)?;
        let at = micros
            .parse::<i64>()
            .ok()
            .and_then(DateTime::from_timestamp_micros)
            .ok_or_else(invalid)?
            .naive_utc();
        if id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        {
            return Err(invalid());
        }
        Ok(Cursor {
            at,
            id: id.to_owned(),
        })
    }
}

/// One page of a list, and where the next one starts (None: this is the last).
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    /// From `limit + 1` rows fetched: the extra row only says there is more.
    pub fn from_rows(mut rows: Vec<T>, limit: i64, key: impl Fn(&T) -> Cursor) -> Page<T> {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more { rows.last().map(key) } else { None };
        Page { items: rows, next }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_what_it_wrote_and_refuses_anything_else() {
        let c = Cursor {
            at: "2024-08-21T21:59:59.123456".parse().unwrap(),
            id: "01912345-6789-7abc-8def-0123456789ab".into(),
        };
        assert_eq!(Cursor::parse(&c.encode()).unwrap(), c);
        for bad in [
            "",
            "x",
            "12",
            "_abc",
            "12_",
            "abc_0123",
            "12_zz",
            "99999999999999999999_ab",
        ] {
            assert_eq!(
                Cursor::parse(bad).unwrap_err().code(),
                ErrorCode::InvalidCursor,
                "{bad}"
            );
        }
    }

    #[test]
    fn a_page_knows_whether_another_follows() {
        let key = |n: &i64| Cursor {
            at: DateTime::from_timestamp_micros(*n).unwrap().naive_utc(),
            id: "a".into(),
        };
        let p = Page::from_rows(vec![5, 4, 3], 2, key);
        assert_eq!(p.items, vec![5, 4]);
        assert_eq!(p.next.unwrap().at, key(&4).at);
        let last = Page::from_rows(vec![5, 4], 2, key);
        assert!(last.next.is_none());
    }
}
