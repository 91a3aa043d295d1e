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
//!
//! Timers set with the same duration expire in the order they were set (time never goes
//! back), so for a few common durations (the 5000 ms call timeout above all) a FIFO queue
//! replaces the heap: O(1) to add, and cancelled entries fall off the front.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::pid::Pid;

/// The latest virtual time, in ms (2^53 − 1, about 285,000 years: the largest integer a
/// JavaScript number holds exactly). The clock never passes it, and a deadline past it is
/// [`NEVER`]: such a timer stays pending and never fires, so no later arithmetic on times
/// can overflow, and a huge TTL cannot drag the clock to where every timer is already due.
pub const MAX_TIME: u64 = (1 << 53) - 1;

/// The deadline of a timer that never fires (set further out than [`MAX_TIME`]).
pub(crate) const NEVER: u64 = u64::MAX;

/// When a timer set `ms` from `now` is due: [`NEVER`] past [`MAX_TIME`].
pub(crate) fn deadline_after(now: u64, ms: u64) -> u64 {
    now.checked_add(ms).filter(|deadline| *deadline <= MAX_TIME).unwrap_or(NEVER)
}

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

/// How many distinct durations get their own FIFO queue.
const FIFO_QUEUES: usize = 4;

type Key = (u64, u64, u32, u32); // (deadline, seq, index, generation)

#[derive(Default)]
pub(crate) struct Timers {
    heap: BinaryHeap<Reverse<Key>>,
    fifos: Vec<(u64, std::collections::VecDeque<Key>)>,
    slots: Vec<Slot>,
    free_head: Option<u32>,
    seq: u64,
    live: usize,
    /// A lower bound on the earliest live deadline: `pop_due` answers "nothing due" in O(1)
    /// while `now` is below it, which is almost always (the scheduler asks after every step).
    earliest_bound: u64,
}

impl Timers {
    pub fn len(&self) -> usize {
        self.live
    }

    /// Inserts a timer and links it at the head of its owner's list (`owner_head`).
    fn fifo_for(&mut self, duration: u64) -> Option<&mut std::collections::VecDeque<Key>> {
        let pos = match self.fifos.iter().position(|(d, _)| *d == duration) {
            Some(pos) => pos,
            None if self.fifos.len() < FIFO_QUEUES => {
                self.fifos.push((duration, Default::default()));
                self.fifos.len() - 1
            }
            None => return None,
        };
        Some(&mut self.fifos[pos].1)
    }

    fn is_live(&self, (_, _, index, generation): Key) -> bool {
        matches!(&self.slots[index as usize], Slot::Live { generation: g, .. } if *g == generation)
    }

    /// Inserts a timer due at `deadline` (set `duration` ms before it) and links it at the
    /// head of its owner's list (`owner_head`).
    pub fn insert(&mut self, deadline: u64, duration: u64, owner: Pid, action: TimerAction, owner_head: &mut Option<u32>) -> TimerRef {
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
        let key = (deadline, self.seq, index, generation);
        self.earliest_bound = self.earliest_bound.min(deadline);
        match self.fifo_for(duration) {
            Some(queue) => queue.push_back(key),
            None => self.heap.push(Reverse(key)),
        }
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
        for (_, queue) in self.fifos.iter_mut() {
            if queue.len() > 1024 && queue.len() > 4 * self.live {
                let slots = &self.slots;
                queue.retain(|(_, _, index, generation)| {
                    matches!(&slots[*index as usize], Slot::Live { generation: g, .. } if g == generation)
                });
            }
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

    /// The earliest live timer's key, and where it is: `None` for the heap, `Some(i)` for
    /// FIFO queue `i`. Drops stale (cancelled) entries it meets at the fronts.
    fn earliest(&mut self) -> Option<(Key, Option<usize>)> {
        while let Some(Reverse(key)) = self.heap.peek().copied() {
            if self.is_live(key) {
                break;
            }
            self.heap.pop();
        }
        let mut best = self.heap.peek().map(|Reverse(k)| (*k, None));
        for i in 0..self.fifos.len() {
            while let Some(&key) = self.fifos[i].1.front() {
                if self.is_live(key) {
                    break;
                }
                self.fifos[i].1.pop_front();
            }
            if let Some(&key) = self.fifos[i].1.front() {
                // Ties on the deadline go to the timer set first: the order stays deterministic.
                if best.is_none_or(|(b, _)| (key.0, key.1) < (b.0, b.1)) {
                    best = Some((key, Some(i)));
                }
            }
        }
        best
    }

    /// The earliest live deadline (`None` if every timer is [`NEVER`]).
    pub fn next_deadline(&mut self) -> Option<u64> {
        let deadline = self.earliest().map(|(key, _)| key.0);
        self.earliest_bound = deadline.unwrap_or(u64::MAX);
        deadline.filter(|d| *d != NEVER)
    }

    /// The next timer due at or before `now`, if any (not yet removed).
    pub fn pop_due(&mut self, now: u64) -> Option<TimerRef> {
        if self.earliest_bound > now {
            return None;
        }
        let Some(((deadline, _, index, generation), source)) = self.earliest() else {
            self.earliest_bound = u64::MAX;
            return None;
        };
        self.earliest_bound = deadline;
        if deadline > now {
            return None;
        }
        match source {
            None => {
                self.heap.pop();
            }
            Some(i) => {
                self.fifos[i].1.pop_front();
            }
        }
        Some(TimerRef { index, generation })
    }
}
