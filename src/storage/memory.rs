//! The in-memory backend: for native tests and as the fallback of last resort.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Keys to ETF bytes. Cloning shares the map (two handles, one store).
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    map: Rc<RefCell<BTreeMap<String, Vec<u8>>>>,
}

impl MemoryStore {
    pub fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.map.borrow().get(key).cloned()
    }

    pub fn put(&self, key: &str, bytes: Vec<u8>) {
        self.map.borrow_mut().insert(key.to_string(), bytes);
    }

    pub fn delete(&self, key: &str) {
        self.map.borrow_mut().remove(key);
    }

    pub fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
}
