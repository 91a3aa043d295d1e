//! Key queries (bonus challenge 5, "pattern matching on keys"): a prefix, or a glob where
//! `*` stands for any run of characters (`"user:*:email"`) and everything else is literal.
//!
//! Only keys with text match: strings (binaries that are valid UTF-8) and atoms, by name.
//! A key like `{:user, 1}` has no text to match, so no pattern selects it.

use super::server::{KvOpts, KvServer};
use crate::runtime::Ctx;
use crate::scenario::ScriptFuture;
use crate::systems::ch6::support::check;
use crate::term::Term;

/// The text a pattern is matched against, if the key has one.
fn key_text(key: &Term) -> Option<&str> {
    key.as_str()
}

pub(crate) fn has_prefix(key: &Term, prefix: &str) -> bool {
    key_text(key).is_some_and(|text| text.starts_with(prefix))
}

pub(crate) fn matches_glob(key: &Term, pattern: &str) -> bool {
    key_text(key).is_some_and(|text| glob(pattern.as_bytes(), text.as_bytes()))
}

/// Greedy glob with backtracking to the last `*`: linear in practice, never exponential.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut last_star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] == b'*' {
            last_star = Some((p, t));
            p += 1;
        } else if p < pattern.len() && pattern[p] == text[t] {
            p += 1;
            t += 1;
        } else if let Some((star, matched_to)) = last_star {
            // Let the last `*` swallow one more character and retry from there.
            p = star + 1;
            t = matched_to + 1;
            last_star = Some((star, matched_to + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

/// Prefix and glob queries over a handful of keys.
pub(crate) fn scenario_query(ctx: Ctx) -> ScriptFuture {
    Box::pin(async move {
        let ctx = &ctx;
        let s = KvServer::NAME;
        KvServer::start_link(ctx, KvOpts::default()).await.map_err(|e| format!("KVStore.Server.start_link(): {e}"))?;
        ctx.log("{:ok, _} = KVStore.Server.start_link()");
        let kvs = [("user:1:name", "Ann"), ("user:1:email", "ann@example.com"), ("user:2:name", "Bob"), ("session:9", "x")];
        KvServer::multi_put(ctx, s, kvs).await;
        ctx.log("KVStore.Server.multi_put(KVStore.Server, [{\"user:1:name\", \"Ann\"}, {\"user:1:email\", ...}, {\"user:2:name\", \"Bob\"}, {\"session:9\", \"x\"}])");
        let strings = |keys: &[&str]| keys.iter().map(|k| Term::string(k)).collect::<Vec<_>>();
        check(
            ctx,
            "KVStore.Server.keys_with_prefix(KVStore.Server, \"user:\")",
            KvServer::keys_with_prefix(ctx, s, "user:").await,
            strings(&["user:1:email", "user:1:name", "user:2:name"]),
        )?;
        check(ctx, "KVStore.Server.keys_matching(KVStore.Server, \"user:*:name\")", KvServer::keys_matching(ctx, s, "user:*:name").await, strings(&["user:1:name", "user:2:name"]))?;
        check(ctx, "KVStore.Server.keys_matching(KVStore.Server, \"*:9\")", KvServer::keys_matching(ctx, s, "*:9").await, strings(&["session:9"]))?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_matches_any_run_including_none() {
        let key = Term::string("user:42:email");
        assert!(matches_glob(&key, "user:*:email"));
        assert!(matches_glob(&key, "user:*"));
        assert!(matches_glob(&key, "*"));
        assert!(matches_glob(&key, "user:42:email*"));
        assert!(!matches_glob(&key, "user:*:name"));
        assert!(!matches_glob(&key, "admin:*"));
        assert!(matches_glob(&Term::string("aXbXc"), "a*b*c"));
        assert!(!matches_glob(&Term::string("abc"), "a*b*cd"));
    }

    #[test]
    fn atoms_match_by_name_and_other_keys_never() {
        assert!(has_prefix(&Term::atom("user_1"), "user_"));
        assert!(!matches_glob(&Term::tuple([Term::atom("user"), Term::Int(1)]), "*"));
        assert!(!has_prefix(&Term::Int(12), "1"));
    }
}
