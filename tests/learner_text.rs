//! What a learner reads is Elixir, never Rust's `Debug`: start errors, storage errors and
//! link errors name terms and strings as Elixir writes them.

use otp_playground::runtime::{Runtime, StartError, StartOpts};
use otp_playground::storage::StorageError;

mod support;

#[test]
fn a_start_error_reads_as_the_elixir_error_tuple() {
    let rt = Runtime::new();
    let first = rt.start::<support::Stack>(vec![], StartOpts::named("Stack")).unwrap();
    let second = rt.start::<support::Stack>(vec![], StartOpts::named("Stack")).unwrap_err();
    assert_eq!(second, StartError::AlreadyStarted(first));
    assert_eq!(format!("SessionStore could not start: {second}"), format!("SessionStore could not start: {{:error, {{:already_started, {first}}}}}"));
    assert!(first.to_string().starts_with("#PID<0."));
}

#[test]
fn a_storage_error_quotes_its_key_as_elixir_does() {
    let error = StorageError::Corrupt { key: "Bob\u{1b}".into(), reason: "bad tag".into(), quarantine: None };
    assert_eq!(
        error.to_string(),
        "the value stored under \"Bob\\e\" is not a valid term (:erlang.binary_to_term/1 fails: bad tag); it is left in place, not deleted"
    );
}
