//! The tree's hashes and proofs against a second, independent
//! implementation written from RFC 9162 §2.1 (the recursive definitions of
//! MTH, PATH and PROOF, and the verification algorithms of §2.1.3.2 and
//! §2.1.4.2), for every tree size 1…200.

use super::*;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

fn leaf(data: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

fn node(l: &[u8; 32], r: &[u8; 32]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(l);
    h.update(r);
    h.finalize().into()
}

/// The largest power of two smaller than n (n > 1).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// The RFC's definitions over D[a:b], with MTH remembered per range (the
/// recursions ask for the same ranges again and again).
struct Rfc<'a> {
    d: &'a [Vec<u8>],
    memo: std::cell::RefCell<std::collections::HashMap<(usize, usize), [u8; 32]>>,
}

impl<'a> Rfc<'a> {
    fn new(d: &'a [Vec<u8>]) -> Self {
        Rfc {
            d,
            memo: Default::default(),
        }
    }

    /// MTH(D[a:b]).
    fn mth(&self, a: usize, b: usize) -> [u8; 32] {
        if let Some(h) = self.memo.borrow().get(&(a, b)) {
            return *h;
        }
        let h = match b - a {
            0 => Sha256::digest([]).into(),
            1 => leaf(&self.d[a]),
            n => {
                let k = split(n);
                node(&self.mth(a, a + k), &self.mth(a + k, b))
            }
        };
        self.memo.borrow_mut().insert((a, b), h);
        h
    }

    /// PATH(m, D[a:b]).
    fn path(&self, m: usize, a: usize, b: usize) -> Vec<[u8; 32]> {
        let n = b - a;
        if n == 1 {
            return vec![];
        }
        let k = split(n);
        if m < k {
            let mut p = self.path(m, a, a + k);
            p.push(self.mth(a + k, b));
            p
        } else {
            let mut p = self.path(m - k, a + k, b);
            p.push(self.mth(a, a + k));
            p
        }
    }

    /// SUBPROOF(m, D[a:b], flag).
    fn subproof(&self, m: usize, a: usize, b: usize, flag: bool) -> Vec<[u8; 32]> {
        let n = b - a;
        if m == n {
            return if flag { vec![] } else { vec![self.mth(a, b)] };
        }
        let k = split(n);
        if m <= k {
            let mut p = self.subproof(m, a, a + k, flag);
            p.push(self.mth(a + k, b));
            p
        } else {
            let mut p = self.subproof(m - k, a + k, b, false);
            p.push(self.mth(a, a + k));
            p
        }
    }
}

fn mth(d: &[Vec<u8>]) -> [u8; 32] {
    Rfc::new(d).mth(0, d.len())
}

/// RFC 9162 §2.1.3.2: verifies an inclusion proof.
fn verify_inclusion(
    index: u64,
    size: u64,
    leaf_hash: [u8; 32],
    proof: &[[u8; 32]],
    root: [u8; 32],
) -> bool {
    if index >= size {
        return false;
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = leaf_hash;
    for p in proof {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    s_n == 0 && r == root
}

/// RFC 9162 §2.1.4.2: verifies a consistency proof.
fn verify_consistency(
    first: u64,
    second: u64,
    first_hash: [u8; 32],
    second_hash: [u8; 32],
    proof: &[[u8; 32]],
) -> bool {
    if first == second {
        return proof.is_empty() && first_hash == second_hash;
    }
    if proof.is_empty() {
        return false;
    }
    let mut proof = proof.to_vec();
    if first.is_power_of_two() {
        proof.insert(0, first_hash);
    }
    let (mut f_n, mut s_n) = (first - 1, second - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut fr, mut sr) = (proof[0], proof[0]);
    for c in &proof[1..] {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node(c, &fr);
            sr = node(c, &sr);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            sr = node(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    fr == first_hash && sr == second_hash && s_n == 0
}

fn entries(n: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| format!("{{\"entry\":{i}}}").into_bytes())
        .collect()
}

fn grown(d: &[Vec<u8>]) -> InMemory {
    let mut m = InMemory::default();
    for (i, e) in d.iter().enumerate() {
        let hashes = stored_hashes(i as u64, e, &m).unwrap();
        assert_eq!(m.0.len() as u64, stored_hash_index(0, i as u64));
        m.0.extend(hashes);
    }
    m
}

fn raw(h: &[TreeHash]) -> Vec<[u8; 32]> {
    h.iter().map(|h| h.0).collect()
}

#[test]
fn roots_and_inclusion_proofs_match_rfc_9162_for_every_size_to_200() {
    let d = entries(200);
    let m = grown(&d);
    let rfc = Rfc::new(&d);
    for n in 1..=200usize {
        let root = tree_hash(n as u64, &m).unwrap();
        assert_eq!(root.0, rfc.mth(0, n), "root of {n}");
        for i in 0..n {
            let proof = inclusion_proof(n as u64, i as u64, &m).unwrap();
            assert_eq!(raw(&proof), rfc.path(i, 0, n), "path of {i} in {n}");
            assert!(verify_inclusion(
                i as u64,
                n as u64,
                leaf(&d[i]),
                &raw(&proof),
                root.0
            ));
            // A proof for another leaf does not hold.
            if n > 1 {
                let other = (i + 1) % n;
                assert!(
                    !verify_inclusion(other as u64, n as u64, leaf(&d[i]), &raw(&proof), root.0)
                        || d[other] == d[i]
                );
            }
        }
    }
}

#[test]
fn consistency_proofs_match_rfc_9162_for_every_pair_to_200() {
    let d = entries(200);
    let m = grown(&d);
    let rfc = Rfc::new(&d);
    let roots: Vec<[u8; 32]> = (0..=200).map(|n| rfc.mth(0, n)).collect();
    for to in 1..=200usize {
        for from in 1..=to {
            let proof = consistency_proof(to as u64, from as u64, &m).unwrap();
            let want = if from == to {
                vec![]
            } else {
                rfc.subproof(from, 0, to, true)
            };
            assert_eq!(raw(&proof), want, "proof {from} -> {to}");
            assert!(verify_consistency(
                from as u64,
                to as u64,
                roots[from],
                roots[to],
                &raw(&proof)
            ));
        }
    }
}

#[test]
fn the_frontier_is_what_the_root_reads() {
    let d = entries(77);
    let m = grown(&d);
    for n in 1..=77u64 {
        let idx = frontier_indexes(n);
        let mut folded: Option<[u8; 32]> = None;
        for h in m.read(&idx).unwrap().iter().rev() {
            folded = Some(match folded {
                None => h.0,
                Some(r) => node(&h.0, &r),
            });
        }
        assert_eq!(folded.unwrap(), mth(&d[..n as usize]));
        for i in idx {
            let (by, at) = stored_by(i);
            assert!(by < n);
            assert_eq!(
                m.0[i as usize],
                m.0[(stored_hash_index(0, by) as usize) + at]
            );
        }
    }
}

/// A batch appended from the right edge alone (`Known`), as the service
/// appends queued entries, gives the hashes, root and inclusion proofs of the
/// whole tree, for
/// every start up to 70 and batches of 1 to 40.
#[test]
fn a_batch_appended_from_the_right_edge_gives_the_trees_hashes() {
    let d = entries(110);
    let m = grown(&d);
    for start in 0..=70u64 {
        for len in 1..=40u64 {
            let mut known = Known::default();
            let edge = frontier_indexes(start);
            for (i, h) in edge.iter().zip(m.read(&edge).unwrap()) {
                known.0.insert(*i, h);
            }
            for n in start..start + len {
                let stored = stored_hashes(n, &d[n as usize], &known).unwrap();
                let first = stored_hash_index(0, n);
                let want = &m.0[first as usize..first as usize + stored.len()];
                assert_eq!(raw(&stored), raw(want), "entry {n} after {start}");
                for (i, h) in stored.into_iter().enumerate() {
                    known.0.insert(first + i as u64, h);
                }
            }
            let end = start + len;
            assert_eq!(
                tree_hash(end, &known).unwrap().0,
                mth(&d[..end as usize]),
                "root of {end}"
            );
            // The batch's receipts are made from the same hashes.
            for n in start..end {
                assert_eq!(
                    raw(&inclusion_proof(end, n, &known).unwrap()),
                    raw(&inclusion_proof(end, n, &m).unwrap()),
                    "proof of {n} in {end}"
                );
            }
            let next_edge = frontier_indexes(end);
            assert_eq!(
                raw(&known.read(&next_edge).unwrap()),
                raw(&m.read(&next_edge).unwrap())
            );
        }
    }
}

fn key() -> LogKey {
    LogKey::from_signer_key(&generate_signer_key("tapballot.example/log").unwrap()).unwrap()
}

#[test]
fn a_checkpoint_is_a_signed_note_of_the_c2sp_format() {
    let key = key();
    let root = TreeHash([7u8; 32]);
    let note = key.sign_checkpoint(12, root).unwrap();
    let (text, sig) = note.split_once("\n\n").unwrap();
    assert_eq!(
        text,
        format!(
            "tapballot.example/log\n12\n{}",
            BASE64_STANDARD.encode([7u8; 32])
        )
    );
    let sig = sig
        .strip_prefix("— tapballot.example/log ")
        .unwrap()
        .trim_end();
    let sig = BASE64_STANDARD.decode(sig).unwrap();
    assert_eq!(sig.len(), 4 + 64);
    // The key id is the verifier key's, and SHA-256(name ‖ \n ‖ 0x01 ‖ key)[..4].
    let parts: Vec<&str> = key.verifier_key().splitn(3, '+').collect();
    assert_eq!(parts[0], "tapballot.example/log");
    assert_eq!(parts[1], hex(&sig[..4]));
    let pk = BASE64_STANDARD.decode(parts[2]).unwrap();
    let mut h = Sha256::new();
    h.update(b"tapballot.example/log\n");
    h.update(&pk);
    assert_eq!(hex(&h.finalize()[..4]), parts[1]);
    // The signature is Ed25519 over the note's text, newline included.
    let vk = ed25519_dalek::VerifyingKey::from_bytes(pk[1..].try_into().unwrap()).unwrap();
    let s = ed25519_dalek::Signature::from_slice(&sig[4..]).unwrap();
    vk.verify_strict(format!("{text}\n").as_bytes(), &s)
        .unwrap();

    let c = verify_checkpoint(&note, key.verifier_key()).unwrap();
    assert_eq!((c.tree_size, c.root), (12, root));
    let other = self::key();
    assert!(verify_checkpoint(&note, other.verifier_key()).is_err());
    let forged = note.replace("\n12\n", "\n13\n");
    assert!(verify_checkpoint(&forged, key.verifier_key()).is_err());
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn a_key_reads_back_and_its_debug_hides_the_private_part() {
    let skey = generate_signer_key("a.example/log").unwrap();
    let key = LogKey::from_signer_key(&skey).unwrap();
    assert_eq!(key.origin(), "a.example/log");
    let secret = skey.splitn(5, '+').nth(4).unwrap();
    assert!(!format!("{key:?}").contains(secret));
    assert!(LogKey::from_signer_key("PRIVATE+KEY+x+00000000+AAAA").is_err());
    assert!(generate_signer_key("has space").is_err());
    assert!(generate_signer_key("a+b").is_err());
}

#[test]
fn a_receipt_is_checked_offline_and_any_change_fails_a_named_check() {
    let key = key();
    let d = entries(9);
    let m = grown(&d);
    let n = 9u64;
    let root = tree_hash(n, &m).unwrap();
    let receipt = LogReceipt {
        leaf_index: 4,
        leaf_hash: BASE64_STANDARD.encode(record_hash(&d[4]).0),
        tree_size: n,
        inclusion_proof: b64(&inclusion_proof(n, 4, &m).unwrap()),
        checkpoint: key.sign_checkpoint(n, root).unwrap(),
        entry: String::from_utf8(d[4].clone()).unwrap(),
    };
    let failed = |r: &LogReceipt, k: &str| -> Vec<&'static str> {
        check_receipt(r, k)
            .0
            .into_iter()
            .filter(|c| c.failure.is_some())
            .map(|c| c.name)
            .collect()
    };
    assert!(failed(&receipt, key.verifier_key()).is_empty());
    let mut changed = receipt.clone();
    changed.entry = "{\"entry\":5}".into();
    assert_eq!(
        failed(&changed, key.verifier_key()),
        ["leaf hash", "inclusion proof"]
    );
    let mut moved = receipt.clone();
    moved.leaf_index = 5;
    assert_eq!(failed(&moved, key.verifier_key()), ["inclusion proof"]);
    assert_eq!(
        failed(&receipt, self::key().verifier_key()),
        ["checkpoint signature", "inclusion proof"]
    );

    // Consistency with a later checkpoint.
    let d2 = entries(30);
    let m2 = grown(&d2);
    let old = verify_checkpoint(&receipt.checkpoint, key.verifier_key()).unwrap();
    let new_root = tree_hash(30, &m2).unwrap();
    let new = verify_checkpoint(
        &key.sign_checkpoint(30, new_root).unwrap(),
        key.verifier_key(),
    )
    .unwrap();
    let proof = b64(&consistency_proof(30, 9, &m2).unwrap());
    check_consistency(&proof, &old, &new).unwrap();
    let forked = VerifiedCheckpoint {
        root: TreeHash([1; 32]),
        ..new.clone()
    };
    assert!(check_consistency(&proof, &old, &forked).is_err());
}

proptest! {
    #[test]
    fn any_two_sizes_are_consistent_and_a_changed_entry_breaks_it(
        to in 2u64..600, from_frac in 0.0f64..1.0, changed_frac in 0.0f64..1.0
    ) {
        let from = 1 + ((to - 1) as f64 * from_frac) as u64;
        let d = entries(to as usize);
        let m = grown(&d);
        let proof = raw(&consistency_proof(to, from, &m).unwrap());
        let (a, b) = (tree_hash(from, &m).unwrap().0, tree_hash(to, &m).unwrap().0);
        prop_assert!(verify_consistency(from, to, a, b, &proof));
        // Rewrite one entry of the older tree: its root no longer fits.
        let at = ((from - 1) as f64 * changed_frac) as usize;
        let mut d2 = d.clone();
        d2[at] = b"rewritten".to_vec();
        let a2 = mth(&d2[..from as usize]);
        prop_assert!(!verify_consistency(from, to, a2, b, &proof));
    }
}
