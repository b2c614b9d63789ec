//! The verifiable log's pure parts: the signing key, checkpoints, receipts
//! and their checks. The tree is RFC 6962 / RFC 9162 §2.1 (SHA-256, 0x00
//! leaf and 0x01 node prefixes) as `golang.org/x/mod/sumdb/tlog` builds it;
//! checkpoints are C2SP `tlog-checkpoint` texts signed as C2SP
//! `signed-note`s with Ed25519. Both come from Cloudflare's ports of Go's
//! packages (`tlog_tiles`, `signed_note`): the formats are other tools'
//! and are not written again here. The rows and the appends are in
//! `service::log`.

use base64::prelude::{Engine, BASE64_STANDARD};
use serde::{Deserialize, Serialize};
use signed_note::{Note, Signer, StandardSigner, StandardVerifier, VerifierList};
use tlog_tiles::checkpoint::Checkpoint;
use tlog_tiles::tlog::{self, Hash, HashReader};

pub use tlog_tiles::tlog::{record_hash, Hash as TreeHash, EMPTY_HASH, HASH_SIZE};

/// Why a key, note or receipt was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LogError(pub String);

fn err(s: impl Into<String>) -> LogError {
    LogError(s.into())
}

/// The key that signs the log's checkpoints; its name is the log's origin.
#[derive(Clone)]
pub struct LogKey {
    signer: StandardSigner,
    verifier_key: String,
}

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the private key.
        f.debug_struct("LogKey")
            .field("verifier_key", &self.verifier_key)
            .finish()
    }
}

/// A signer key as C2SP signed-note (and Go's `note.GenerateKey`) write it:
/// `PRIVATE+KEY+<name>+<key id>+<base64(0x01 ‖ seed)>`.
pub fn generate_signer_key(origin: &str) -> Result<String, LogError> {
    if !valid_origin(origin) {
        return Err(err(format!(
            "{origin:?} cannot name a log: it must be non-empty, without spaces or '+'"
        )));
    }
    let (skey, _) = signed_note::generate_key(&mut rand_core::OsRng, origin);
    Ok(skey)
}

/// A key name (the origin) as signed-note allows it.
pub fn valid_origin(origin: &str) -> bool {
    signed_note::is_key_name_valid(origin) && !origin.contains('\n')
}

impl LogKey {
    /// Reads a signer key (see `generate_signer_key`).
    pub fn from_signer_key(skey: &str) -> Result<LogKey, LogError> {
        let skey = skey.trim();
        let signer = StandardSigner::new(skey).map_err(|e| {
            err(format!(
                "the log's signing key is not a signed-note Ed25519 signer key: {e}"
            ))
        })?;
        // The verifier key is derived from the private part, the fifth
        // field (base64, which may itself hold '+').
        let seed = skey
            .splitn(5, '+')
            .nth(4)
            .and_then(|b| BASE64_STANDARD.decode(b).ok())
            .filter(|k| k.len() == 33 && k[0] == 1)
            .ok_or_else(|| err("the log's signing key is not an Ed25519 key"))?;
        let mut bytes = [0u8; 32];
        bytes.copy_from_slice(&seed[1..]);
        let signing = ed25519_dalek::SigningKey::from_bytes(&bytes);
        let verifier_key =
            signed_note::new_ed25519_verifier_key(signer.name(), &signing.verifying_key());
        Ok(LogKey {
            signer,
            verifier_key,
        })
    }

    pub fn origin(&self) -> &str {
        self.signer.name()
    }

    /// `<name>+<hex key id>+<base64(0x01 ‖ public key)>`.
    pub fn verifier_key(&self) -> &str {
        &self.verifier_key
    }

    /// Whether this key signed the note.
    pub fn signed(&self, note: &str) -> bool {
        verify_checkpoint(note, &self.verifier_key).is_ok()
    }

    /// The signed checkpoint of a tree: the note's exact text.
    pub fn sign_checkpoint(&self, tree_size: u64, root: Hash) -> Result<String, LogError> {
        let checkpoint = Checkpoint::new(self.origin(), tree_size, root, "")
            .map_err(|_| err("the log's origin cannot head a checkpoint"))?;
        let mut note =
            Note::new(&checkpoint.to_bytes(), &[]).map_err(|e| err(format!("checkpoint: {e}")))?;
        note.add_sigs(&[&self.signer])
            .map_err(|e| err(format!("signing the checkpoint: {e}")))?;
        String::from_utf8(note.to_bytes()).map_err(|_| err("the checkpoint is not UTF-8"))
    }
}

/// A checkpoint whose signature by `verifier_key` holds: its origin, size
/// and root hash.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedCheckpoint {
    pub origin: String,
    pub tree_size: u64,
    pub root: Hash,
}

/// Checks a signed checkpoint against a verifier key (its name must be the
/// checkpoint's origin).
pub fn verify_checkpoint(note: &str, verifier_key: &str) -> Result<VerifiedCheckpoint, LogError> {
    let verifier = StandardVerifier::new(verifier_key.trim())
        .map_err(|e| err(format!("the key is not a signed-note verifier key: {e}")))?;
    let note = Note::from_bytes(note.as_bytes())
        .map_err(|e| err(format!("the checkpoint is not a signed note: {e}")))?;
    let list = VerifierList::new(vec![Box::new(verifier)]);
    note.verify(&list).map_err(|e| {
        err(format!(
            "the checkpoint's signature does not hold for this key: {e}"
        ))
    })?;
    let checkpoint = Checkpoint::from_bytes(note.text())
        .map_err(|_| err("the signed text is not a tlog checkpoint"))?;
    let name = verifier_key.split('+').next().unwrap_or_default();
    if checkpoint.origin() != name {
        return Err(err(format!(
            "the checkpoint is of the log {:?}, the key of {name:?}",
            checkpoint.origin()
        )));
    }
    Ok(VerifiedCheckpoint {
        origin: checkpoint.origin().to_owned(),
        tree_size: checkpoint.size(),
        root: *checkpoint.hash(),
    })
}

/// The tree a signed checkpoint names (size and root), read without
/// checking its signature.
pub fn checkpoint_tree(note: &str) -> Option<(u64, Hash)> {
    let note = Note::from_bytes(note.as_bytes()).ok()?;
    let c = Checkpoint::from_bytes(note.text()).ok()?;
    Some((c.size(), *c.hash()))
}

/// Hashes as base64 strings, as the API and the receipts write them.
pub fn b64(hashes: &[Hash]) -> Vec<String> {
    hashes.iter().map(|h| BASE64_STANDARD.encode(h.0)).collect()
}

pub fn parse_hash(s: &str) -> Result<Hash, LogError> {
    Hash::parse_hash(s).map_err(|_| err(format!("{s:?} is not a base64 SHA-256 hash")))
}

fn parse_hashes(list: &[String]) -> Result<Vec<Hash>, LogError> {
    list.iter().map(|s| parse_hash(s)).collect()
}

/// What a reply's answer and its receipt file carry: the entry, where it is
/// in the log, and a signed checkpoint that covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LogReceipt {
    pub leaf_index: u64,
    /// SHA-256(0x00 ‖ entry), base64.
    pub leaf_hash: String,
    /// The size of the tree the checkpoint signs (> leaf_index).
    pub tree_size: u64,
    /// RFC 9162 inclusion path of the leaf in that tree, base64, from the leaf up.
    pub inclusion_proof: Vec<String>,
    /// The signed checkpoint (C2SP tlog-checkpoint in a signed note).
    pub checkpoint: String,
    /// The entry's exact bytes (RFC 8785 JSON).
    pub entry: String,
}

/// The receipts of entries just appended, kept for the requests waiting for
/// them (so that a reply's answer needs no read of the log): each is taken
/// once; the oldest go beyond `capacity` (receipts nobody waits for, such as
/// those of replies entered through the pages, which read theirs later).
#[derive(Debug)]
pub struct RecentReceipts {
    capacity: usize,
    kept: std::sync::Mutex<(
        std::collections::HashMap<String, LogReceipt>,
        std::collections::VecDeque<String>,
    )>,
}

impl RecentReceipts {
    pub fn new(capacity: usize) -> Self {
        RecentReceipts {
            capacity,
            kept: Default::default(),
        }
    }

    pub fn put(&self, record_id: String, receipt: LogReceipt) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let (by_record, order) = &mut *kept;
        if by_record.insert(record_id.clone(), receipt).is_none() {
            order.push_back(record_id);
        }
        while order.len() > self.capacity {
            if let Some(old) = order.pop_front() {
                by_record.remove(&old);
            }
        }
    }

    /// The receipt of a record's entry, if it was just appended here.
    pub fn take(&self, record_id: &str) -> Option<LogReceipt> {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        // Its place in `order` goes when it comes to the front.
        kept.0.remove(record_id)
    }
}

/// A receipt file: the receipt and the verifier key of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReceiptFile {
    #[serde(flatten)]
    pub log: LogReceipt,
    /// The log's verifier key (C2SP signed-note).
    pub key: String,
}

impl ReceiptFile {
    /// The file as people get it (`receipt-<code>.json`): indented JSON.
    pub fn to_text(&self) -> Result<String, LogError> {
        serde_json::to_string_pretty(self)
            .map(|t| t + "\n")
            .map_err(|e| err(format!("the receipt file: {e}")))
    }
}

/// One check of a receipt, named for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: &'static str,
    /// None when it holds; else why not.
    pub failure: Option<String>,
}

impl Check {
    fn of(name: &'static str, result: Result<(), LogError>) -> Check {
        Check {
            name,
            failure: result.err().map(|e| e.0),
        }
    }
}

/// Checks a receipt offline: the leaf hash is the entry's, the checkpoint is
/// signed by `verifier_key`, and the inclusion proof leads from the leaf to
/// the checkpoint's root. Returns every check, in that order; the checkpoint
/// (when its signature holds) for further checks online.
pub fn check_receipt(
    receipt: &LogReceipt,
    verifier_key: &str,
) -> (Vec<Check>, Option<VerifiedCheckpoint>) {
    let leaf = parse_hash(&receipt.leaf_hash).and_then(|h| {
        if h == record_hash(receipt.entry.as_bytes()) {
            Ok(h)
        } else {
            Err(err(
                "the leaf hash is not SHA-256(0x00 ‖ entry): the entry was changed",
            ))
        }
    });
    let checkpoint = verify_checkpoint(&receipt.checkpoint, verifier_key).and_then(|c| {
        if c.tree_size == receipt.tree_size {
            Ok(c)
        } else {
            Err(err(format!(
                "the checkpoint signs a tree of {} entries, the receipt says {}",
                c.tree_size, receipt.tree_size
            )))
        }
    });
    let inclusion = match (&leaf, &checkpoint) {
        (Ok(leaf), Ok(c)) => parse_hashes(&receipt.inclusion_proof).and_then(|proof| {
            tlog::check_record(&proof, c.tree_size, c.root, receipt.leaf_index, *leaf).map_err(
                |_| {
                    err("the inclusion proof does not lead from the entry to the checkpoint's root")
                },
            )
        }),
        _ => Err(err("not checked: the leaf hash or the checkpoint failed")),
    };
    let verified = checkpoint.as_ref().ok().cloned();
    (
        vec![
            Check::of("leaf hash", leaf.map(|_| ())),
            Check::of("checkpoint signature", checkpoint.map(|_| ())),
            Check::of("inclusion proof", inclusion),
        ],
        verified,
    )
}

/// Checks that the tree of `old` is a prefix of the tree of `new`.
pub fn check_consistency(
    proof: &[String],
    old: &VerifiedCheckpoint,
    new: &VerifiedCheckpoint,
) -> Result<(), LogError> {
    if old.tree_size > new.tree_size {
        return Err(err("the latest checkpoint is older than the receipt's"));
    }
    if old.tree_size == new.tree_size {
        return if old.root == new.root {
            Ok(())
        } else {
            Err(err(
                "two checkpoints of one size with different roots: the log forked",
            ))
        };
    }
    let proof = parse_hashes(proof)?;
    tlog::check_tree(&proof, new.tree_size, new.root, old.tree_size, old.root)
        .map_err(|_| err("the consistency proof does not hold: the log was rewritten"))
}

/// Reads the hashes of a tree from a store (the database, or memory).
pub trait Hashes {
    /// The hashes at these stored-hash indexes (`tlog::stored_hash_index`),
    /// in the same order.
    fn read(&self, indexes: &[u64]) -> Result<Vec<Hash>, LogError>;
}

/// Every stored hash of a tree in memory, by stored-hash index: the tree
/// `log verify` recomputes from the entries (and the tests' trees).
#[derive(Debug, Default)]
pub struct InMemory(pub Vec<Hash>);

/// Some of a tree's stored hashes, by storage index: the right edge of a
/// tree and the hashes of the entries appended after it, which is all that
/// appending them and signing the tree they end needs.
#[derive(Debug, Default, Clone)]
pub struct Known(pub std::collections::HashMap<u64, Hash>);

impl Hashes for Known {
    fn read(&self, indexes: &[u64]) -> Result<Vec<Hash>, LogError> {
        indexes
            .iter()
            .map(|i| {
                self.0
                    .get(i)
                    .copied()
                    .ok_or_else(|| err(format!("hash {i} is not at hand")))
            })
            .collect()
    }
}

impl Hashes for InMemory {
    fn read(&self, indexes: &[u64]) -> Result<Vec<Hash>, LogError> {
        indexes
            .iter()
            .map(|i| {
                self.0
                    .get(*i as usize)
                    .copied()
                    .ok_or_else(|| err(format!("hash {i} is not in the tree yet")))
            })
            .collect()
    }
}

struct Reader<'a, H: Hashes>(&'a H, std::cell::RefCell<Option<LogError>>);

impl<H: Hashes> HashReader for Reader<'_, H> {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<Hash>, tlog::Error> {
        match self.0.read(indexes) {
            Ok(h) if h.len() == indexes.len() => Ok(h),
            Ok(_) => {
                *self.1.borrow_mut() = Some(err("the log's store lacks hashes"));
                Err(tlog::Error::IndexesNotInTree)
            }
            Err(e) => {
                *self.1.borrow_mut() = Some(e);
                Err(tlog::Error::IndexesNotInTree)
            }
        }
    }
}

fn with_reader<H: Hashes, T>(
    h: &H,
    f: impl FnOnce(&Reader<'_, H>) -> Result<T, tlog::Error>,
) -> Result<T, LogError> {
    let reader = Reader(h, std::cell::RefCell::new(None));
    let result = f(&reader);
    if let Some(e) = reader.1.into_inner() {
        return Err(e);
    }
    result.map_err(|e| err(format!("the log's tree: {e}")))
}

/// The hashes to store for entry `n`: its leaf hash, then the subtrees it
/// completes, lowest first.
pub fn stored_hashes<H: Hashes>(n: u64, entry: &[u8], h: &H) -> Result<Vec<Hash>, LogError> {
    with_reader(h, |r| tlog::stored_hashes(n, entry, r))
}

pub fn tree_hash<H: Hashes>(tree_size: u64, h: &H) -> Result<Hash, LogError> {
    with_reader(h, |r| tlog::tree_hash(tree_size, r))
}

/// RFC 9162 inclusion path of leaf `n` in the tree of `tree_size`.
pub fn inclusion_proof<H: Hashes>(tree_size: u64, n: u64, h: &H) -> Result<Vec<Hash>, LogError> {
    with_reader(h, |r| tlog::prove_record(tree_size, n, r))
}

/// RFC 9162 consistency proof from the tree of `from` to the tree of `to`.
pub fn consistency_proof<H: Hashes>(to: u64, from: u64, h: &H) -> Result<Vec<Hash>, LogError> {
    with_reader(h, |r| tlog::prove_tree(to, from, r))
}

/// The stored-hash indexes of the full subtrees that make up a tree of
/// `tree_size` (its right edge, largest first).
pub fn frontier_indexes(tree_size: u64) -> Vec<u64> {
    if tree_size == 0 {
        return Vec::new();
    }
    tlog::sub_tree_index(0, tree_size, Vec::new())
}

pub fn stored_hash_index(level: u8, n: u64) -> u64 {
    tlog::stored_hash_index(level, n)
}

/// Where a stored hash is kept: the entry that completed its subtree, and
/// its place among that entry's stored hashes.
pub fn stored_by(index: u64) -> (u64, usize) {
    let (level, n) = tlog::split_stored_hash_index(index);
    (((n + 1) << level) - 1, usize::from(level))
}

/// Splits concatenated hashes.
pub fn split_hashes(bytes: &[u8]) -> Vec<Hash> {
    bytes
        .chunks_exact(HASH_SIZE)
        .map(|c| {
            let mut h = [0u8; HASH_SIZE];
            h.copy_from_slice(c);
            Hash(h)
        })
        .collect()
}

pub fn join_hashes(hashes: &[Hash]) -> Vec<u8> {
    hashes.iter().flat_map(|h| h.0).collect()
}

#[cfg(test)]
mod tests;
