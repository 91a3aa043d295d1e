use crate::scenario::Scenario;

/// This module's scenarios, in sheet order.
pub fn scenarios() -> Vec<Scenario> {
    Vec::new()
}
