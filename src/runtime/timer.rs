//! Pending timers: a binary heap of deadlines over a slab of entries.
//!
//! Why this shape: 100,000 pending `send_after` timers must be cheap, and no browser timer
//! may exist per pending timer. The driver only ever asks "when is the next deadline?" and
//! arms one browser timer for it. Cancelling marks the slab entry free and leaves a stale
//! heap entry behind; stale entries are skipped when popped and the heap is rebuilt when
//! they outnumber the live ones (call timeouts are cancelled on almost every call).
//!
//! Each entry is also on an intrusive list of its owner's timers, so a process that exits
//! cancels its timers in time proportional to how many it has.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::pid::Pid;

/// A timer reference, shown as `#Reference<0.0.1.N>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimerRef {
    pub(crate) index: u32,
    pub(crate) generation: u32,
}

impl TimerRef {
    pub fn number(self) -> u64 {
        ((self.generation as u64) << 32) | self.index as u64
    }
}

impl serde::Serialize for TimerRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::term::Term::Ref(self.number()).serialize(s)
    }
}

/// What happens when a timer fires.
pub(crate) enum TimerAction {
    /// `send_after`: deliver a message to the owner.
    Deliver(super::process::Delivery),
    /// Resolve the owner's alias with a timeout (call timeouts, `sleep`).
    Wake { tag: u64 },
}

pub(crate) struct TimerEntry {
    pub deadline: u64,
    pub owner: Pid,
    pub action: TimerAction,
    /// Intrusive list of the owner's timers.
    prev: Option<u32>,
    next: Option<u32>,
}

enum Slot {
    Live { generation: u32, entry: TimerEntry },
    Free { generation: u32, next_free: Option<u32> },
}

#[derive(Default)]
pub(crate) struct Timers {
    heap: BinaryHeap<Reverse<(u64, u64, u32, u32)>>, // (deadline, seq, index, generation)
    slots: Vec<Slot>,
    free_head: Option<u32>,
    seq: u64,
    live: usize,
}

impl Timers {
    pub fn len(&self) -> usize {
        self.live
    }

    /// Inserts a timer and links it at the head of its owner's list (`owner_head`).
    pub fn insert(&mut self, deadline: u64, owner: Pid, action: TimerAction, owner_head: &mut Option<u32>) -> TimerRef {
        let entry = TimerEntry { deadline, owner, action, prev: None, next: *owner_head };
        let (index, generation) = match self.free_head {
            Some(index) => {
                let Slot::Free { generation, next_free } = self.slots[index as usize] else { unreachable!() };
                self.free_head = next_free;
                let generation = generation.wrapping_add(1);
                self.slots[index as usize] = Slot::Live { generation, entry };
                (index, generation)
            }
            None => {
                let index = self.slots.len() as u32;
                self.slots.push(Slot::Live { generation: 0, entry });
                (index, 0)
            }
        };
        if let Some(old_head) = *owner_head {
            self.entry_mut(old_head).prev = Some(index);
        }
        *owner_head = Some(index);
        self.seq += 1;
        self.heap.push(Reverse((deadline, self.seq, index, generation)));
        self.live += 1;
        TimerRef { index, generation }
    }

    fn entry_mut(&mut self, index: u32) -> &mut TimerEntry {
        match &mut self.slots[index as usize] {
            Slot::Live { entry, .. } => entry,
            Slot::Free { .. } => unreachable!("timer list points at a free slot"),
        }
    }

    pub fn get(&self, r: TimerRef) -> Option<&TimerEntry> {
        match self.slots.get(r.index as usize)? {
            Slot::Live { generation, entry } if *generation == r.generation => Some(entry),
            _ => None,
        }
    }

    /// Removes a live timer; `owner_head` must be the head of its owner's list.
    pub fn remove(&mut self, r: TimerRef, owner_head: &mut Option<u32>) -> Option<TimerEntry> {
        self.get(r)?;
        let generation = r.generation;
        let slot = std::mem::replace(&mut self.slots[r.index as usize], Slot::Free { generation, next_free: self.free_head });
        let Slot::Live { entry, .. } = slot else { unreachable!() };
        self.free_head = Some(r.index);
        match entry.prev {
            Some(p) => self.entry_mut(p).next = entry.next,
            None => *owner_head = entry.next,
        }
        if let Some(n) = entry.next {
            self.entry_mut(n).prev = entry.prev;
        }
        self.live -= 1;
        if self.heap.len() > 1024 && self.heap.len() > 4 * self.live {
            self.compact();
        }
        Some(entry)
    }

    /// Drops the stale heap entries of cancelled timers.
    fn compact(&mut self) {
        let slots = &self.slots;
        let heap = std::mem::take(&mut self.heap).into_vec();
        self.heap = heap
            .into_iter()
            .filter(|Reverse((_, _, index, generation))| {
                matches!(&slots[*index as usize], Slot::Live { generation: g, .. } if g == generation)
            })
            .collect();
    }

    /// The refs of every timer on a list, head first.
    pub fn owner_list(&self, head: Option<u32>) -> Vec<TimerRef> {
        let mut out = Vec::new();
        let mut cursor = head;
        while let Some(index) = cursor {
            let Slot::Live { generation, entry } = &self.slots[index as usize] else { unreachable!() };
            out.push(TimerRef { index, generation: *generation });
            cursor = entry.next;
        }
        out
    }

    /// The earliest live deadline.
    pub fn next_deadline(&mut self) -> Option<u64> {
        while let Some(Reverse((deadline, _, index, generation))) = self.heap.peek().copied() {
            if matches!(&self.slots[index as usize], Slot::Live { generation: g, .. } if *g == generation) {
                return Some(deadline);
            }
            self.heap.pop();
        }
        None
    }

    /// The next timer due at or before `now`, if any (not yet removed).
    pub fn pop_due(&mut self, now: u64) -> Option<TimerRef> {
        let deadline = self.next_deadline()?;
        if deadline > now {
            return None;
        }
        let Reverse((_, _, index, generation)) = self.heap.pop().expect("peeked");
        Some(TimerRef { index, generation })
    }
}
