//! Process identifiers.

use std::fmt;

/// A process identifier, shown as `#PID<0.N.0>`.
///
/// `id` is unique for the scheduler's lifetime (never reused, so a stale pid can never reach
/// a new process); `index` is the slot it lives in, so lookups are a bounds check and a compare.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Pid {
    pub(crate) id: u32,
    pub(crate) index: u32,
}

impl Pid {
    /// The `N` of `#PID<0.N.0>`.
    pub fn number(self) -> u32 {
        self.id
    }
}

impl fmt::Display for Pid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#PID<0.{}.0>", self.id)
    }
}

/// Serialized as the newtype struct `PID_MARKER` around `(id, index)`, which the term
/// serializer turns into `Term::Pid`.
pub const PID_MARKER: &str = "__otp_playground_pid__";

impl serde::Serialize for Pid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(PID_MARKER, &(self.id, self.index))
    }
}

impl<'de> serde::Deserialize<'de> for Pid {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Marker((u32, u32));
        impl<'de> serde::Deserialize<'de> for Marker {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_newtype_struct(PID_MARKER, PidVisitor).map(Marker)
            }
        }
        struct PidVisitor;
        impl<'de> serde::de::Visitor<'de> for PidVisitor {
            type Value = (u32, u32);
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a pid")
            }
            fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                <(u32, u32) as serde::Deserialize>::deserialize(d)
            }
        }
        let Marker((id, index)) = Marker::deserialize(d)?;
        Ok(Pid { id, index })
    }
}
