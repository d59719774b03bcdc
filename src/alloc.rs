//! A small memory allocator for the single-threaded wasm build.
//!
//! The standard library's allocator for `wasm32-unknown-unknown` (dlmalloc) is ~8 KB of the
//! binary, ~3 KB gzipped, 4% of the whole size budget. This one is a few hundred bytes.
//! Small blocks (up to 32 KiB) come in power-of-two sizes, each aligned to its own size, carved
//! from 64 KiB pages; a freed one goes onto a list for its size and serves the next request of
//! that size. Alignment padding is never lost: it is cut into smaller blocks for their lists.
//! Bigger blocks are runs of whole pages: freed runs are kept in address order and merged
//! with free neighbours, a request takes the first run that fits, and the run at the top of
//! memory grows in place (one big `Vec` or `String` doubling at the end does not copy).
//!
//! The logic is [`Heap`], which reaches memory through [`Memory`], so it is tested natively
//! against a simulated memory; the wasm build wraps it as the global allocator.

/// Bytes in a page of wasm memory.
pub const PAGE: usize = 65536;
/// Small blocks are at most this big; bigger requests get runs of pages.
const SMALL: usize = 32768;
/// Size classes of small blocks: class `c` holds blocks of `1 << c` bytes.
const CLASSES: usize = 16;

/// The size class of a small request: the smallest power of two that holds `size` bytes at
/// `align`, at least 8 (room for the free-list link); `None` for a run of pages.
pub fn class(size: usize, align: usize) -> Option<usize> {
    let n = size.max(align).max(8);
    (n <= SMALL).then(|| (usize::BITS - (n - 1).leading_zeros()) as usize)
}

/// Pages in the run for a request of `size` bytes.
fn pages(size: usize) -> usize {
    size.div_ceil(PAGE).max(1)
}

/// Access to the memory the heap manages.
pub trait Memory {
    /// Adds `pages` pages at the end; returns the address of the first, or `None`.
    fn grow(&mut self, pages: usize) -> Option<usize>;
    /// Reads the word at `addr` (free-list links live in free blocks).
    fn read(&self, addr: usize) -> usize;
    /// Writes the word at `addr`.
    fn write(&mut self, addr: usize, value: usize);
}

/// Allocator state.
#[derive(Debug, Default)]
pub struct Heap {
    /// Heads of the small blocks' free lists, by class.
    free: [usize; CLASSES],
    /// First free run of pages (each holds `[next, pages]`), in address order.
    runs: usize,
    /// Next free byte of the small-block region, and its end.
    bump: usize,
    end: usize,
    /// End of memory after this heap's last grow.
    top: usize,
}

impl Heap {
    /// An empty heap.
    pub const fn new() -> Heap {
        Heap {
            free: [0; CLASSES],
            runs: 0,
            bump: 0,
            end: 0,
            top: 0,
        }
    }

    /// A block for `size` bytes at `align` (at most a page), or 0 when memory is exhausted.
    pub fn alloc(&mut self, size: usize, align: usize, m: &mut impl Memory) -> usize {
        if align > PAGE {
            return 0;
        }
        let Some(c) = class(size, align) else {
            return self.take_run(pages(size), m);
        };
        let Some(&head) = self.free.get(c) else {
            return 0;
        };
        if head != 0 {
            let next = m.read(head);
            if let Some(f) = self.free.get_mut(c) {
                *f = next;
            }
            return head;
        }
        let size = 1usize << c;
        // Pad the region up to the block's alignment, keeping the padding as blocks.
        self.spill(self.bump.next_multiple_of(size).min(self.end), m);
        if self.end - self.bump < size {
            self.spill(self.end, m);
            let start = self.grow(1, m);
            if start == 0 {
                return 0;
            }
            self.bump = start;
            self.end = start + PAGE;
        }
        let p = self.bump;
        self.bump += size;
        p
    }

    /// Frees block `p`, allocated for `size` bytes at `align`.
    pub fn free(&mut self, p: usize, size: usize, align: usize, m: &mut impl Memory) {
        match class(size, align) {
            Some(c) => self.push(p, c, m),
            None => self.give_run(p, pages(size), m),
        }
    }

    /// Puts small block `p` of class `c` on its free list.
    fn push(&mut self, p: usize, c: usize, m: &mut impl Memory) {
        if let Some(head) = self.free.get_mut(c) {
            m.write(p, *head);
            *head = p;
        }
    }

    /// Whether block `p` (for `old` bytes at `align`) can hold `new` bytes where it is,
    /// growing it in place when it is the run at the top of memory. A small block stays only
    /// within its size class, so that freeing it by its new size puts it on the right list.
    pub fn resize_in_place(
        &mut self,
        p: usize,
        old: usize,
        new: usize,
        align: usize,
        m: &mut impl Memory,
    ) -> bool {
        match (class(old, align), class(new, align)) {
            // Only within its size class: the block is freed later by its new size, and a
            // block on the wrong class's list would lose the difference for good.
            (Some(a), Some(b)) => b == a,
            (None, None) => {
                let (a, b) = (pages(old), pages(new));
                if b < a {
                    self.give_run(p + b * PAGE, a - b, m);
                }
                b <= a
                    || self.take_at(p + a * PAGE, b - a, m)
                    || (p + a * PAGE == self.top && self.grow(b - a, m) != 0)
            }
            // Between a run and a small block: moved, for the same reason.
            (None, Some(_)) | (Some(_), None) => false,
        }
    }

    fn grow(&mut self, n: usize, m: &mut impl Memory) -> usize {
        match m.grow(n) {
            Some(start) => {
                self.top = start + n * PAGE;
                start
            }
            None => 0,
        }
    }

    /// `n` pages: the start of the first free run that has them, or new pages. (The start,
    /// so that the rest of the run stays right after the block, free for it to grow into.)
    fn take_run(&mut self, n: usize, m: &mut impl Memory) -> usize {
        let (mut prev, mut r) = (0, self.runs);
        while r != 0 {
            let (next, have) = (m.read(r), m.read(r + 8));
            if have >= n {
                self.cut(prev, r, n, m);
                return r;
            }
            (prev, r) = (r, next);
        }
        self.grow(n, m)
    }

    /// Takes the first `n` pages of free run `r` (after `prev` in the list).
    fn cut(&mut self, prev: usize, r: usize, n: usize, m: &mut impl Memory) {
        let (next, have) = (m.read(r), m.read(r + 8));
        if have == n {
            self.link(prev, next, m);
        } else {
            let rest = r + n * PAGE;
            m.write(rest, next);
            m.write(rest + 8, have - n);
            self.link(prev, rest, m);
        }
    }

    /// Takes `n` pages at `p` if they are the start of a free run (a block growing into
    /// the free pages after it); whether it did.
    fn take_at(&mut self, p: usize, n: usize, m: &mut impl Memory) -> bool {
        let (mut prev, mut r) = (0, self.runs);
        while r != 0 && r < p {
            (prev, r) = (r, m.read(r));
        }
        if r != p || m.read(r + 8) < n {
            return false;
        }
        self.cut(prev, r, n, m);
        true
    }

    /// Returns run `p` of `n` pages, merging it with free neighbours.
    fn give_run(&mut self, p: usize, n: usize, m: &mut impl Memory) {
        let (mut prev, mut next) = (0, self.runs);
        while next != 0 && next < p {
            (prev, next) = (next, m.read(next));
        }
        let (mut p, mut n) = (p, n);
        if next != 0 && p + n * PAGE == next {
            n += m.read(next + 8);
            next = m.read(next);
        }
        if prev != 0 && prev + m.read(prev + 8) * PAGE == p {
            (p, n) = (prev, m.read(prev + 8) + n);
        } else {
            self.link(prev, p, m);
        }
        m.write(p, next);
        m.write(p + 8, n);
    }

    /// Points `prev`'s link (or the list head) at `to`.
    fn link(&mut self, prev: usize, to: usize, m: &mut impl Memory) {
        if prev == 0 {
            self.runs = to;
        } else {
            m.write(prev, to);
        }
    }

    /// Cuts `bump..to` into naturally aligned small blocks on their free lists.
    fn spill(&mut self, to: usize, m: &mut impl Memory) {
        while self.bump < to {
            // The largest block aligned at `bump` that fits.
            let mut c = (self.bump.trailing_zeros() as usize).min(CLASSES - 1);
            while (1usize << c) > to - self.bump {
                c -= 1;
            }
            if c < 3 {
                return;
            }
            let p = self.bump;
            self.bump += 1 << c;
            self.push(p, c, m);
        }
    }
}

// The one place with `unsafe`: the global allocator's interface is unsafe by definition.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod global {
    use super::{Heap, Memory, PAGE};
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;

    /// Linear memory 0.
    struct Wasm;

    impl Memory for Wasm {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let old = core::arch::wasm32::memory_grow(0, pages);
            (old != usize::MAX).then_some(old * PAGE)
        }
        fn read(&self, addr: usize) -> usize {
            // SAFETY: `addr` is a freed block of at least 8 bytes, aligned to its size.
            unsafe { *(addr as *const usize) }
        }
        fn write(&mut self, addr: usize, value: usize) {
            // SAFETY: as in `read`.
            unsafe { *(addr as *mut usize) = value }
        }
    }

    /// The global allocator of the wasm build (single-threaded: no atomics target).
    pub struct Global(UnsafeCell<Heap>);

    // SAFETY: wasm32-unknown-unknown without the atomics feature has one thread.
    unsafe impl Sync for Global {}

    #[global_allocator]
    static ALLOC: Global = Global(UnsafeCell::new(Heap::new()));

    unsafe impl GlobalAlloc for Global {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            // SAFETY: one thread, and the allocator never re-enters itself.
            let h = unsafe { &mut *self.0.get() };
            h.alloc(l.size(), l.align(), &mut Wasm) as *mut u8
        }

        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            // SAFETY: as in `alloc`.
            let h = unsafe { &mut *self.0.get() };
            h.free(p as usize, l.size(), l.align(), &mut Wasm);
        }

        unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: as in `alloc`.
            let h = unsafe { &mut *self.0.get() };
            if h.resize_in_place(p as usize, l.size(), new_size, l.align(), &mut Wasm) {
                return p;
            }
            let q = h.alloc(new_size, l.align(), &mut Wasm) as *mut u8;
            if !q.is_null() {
                // SAFETY: both blocks hold at least `min(old, new)` bytes and do not overlap.
                unsafe { core::ptr::copy_nonoverlapping(p, q, l.size().min(new_size)) };
                h.free(p as usize, l.size(), l.align(), &mut Wasm);
            }
            q
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Simulated memory: pages start at 64 KiB (address 0 is never a block).
    #[derive(Default)]
    struct Sim {
        pages: usize,
        limit: usize,
        words: HashMap<usize, usize>,
    }

    impl Memory for Sim {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            if self.pages + pages > self.limit {
                return None;
            }
            let start = (1 + self.pages) * PAGE;
            self.pages += pages;
            Some(start)
        }
        fn read(&self, addr: usize) -> usize {
            self.words.get(&addr).copied().unwrap_or(0)
        }
        fn write(&mut self, addr: usize, value: usize) {
            self.words.insert(addr, value);
        }
    }

    fn sim(limit: usize) -> Sim {
        Sim {
            limit,
            ..Sim::default()
        }
    }

    /// Live blocks never overlap.
    fn disjoint(live: &[(usize, usize)]) {
        let mut spans: Vec<(usize, usize)> = live
            .iter()
            .map(|&(p, size)| (p, p + class(size, 8).map_or(pages(size) * PAGE, |c| 1 << c)))
            .collect();
        spans.sort_unstable();
        for w in spans.windows(2) {
            assert!(w[0].1 <= w[1].0, "{:x?} overlaps {:x?}", w[0], w[1]);
        }
    }

    #[test]
    fn small_classes_are_powers_of_two_of_at_least_eight_bytes() {
        assert_eq!(class(0, 1), Some(3));
        assert_eq!(class(8, 8), Some(3));
        assert_eq!(class(9, 1), Some(4));
        assert_eq!(class(24, 8), Some(5));
        assert_eq!(class(1, 64), Some(6));
        assert_eq!(class(SMALL, 8), Some(15));
        assert_eq!(class(SMALL + 1, 8), None);
        assert_eq!((pages(SMALL + 1), pages(PAGE), pages(PAGE + 1)), (1, 1, 2));
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_reused_after_free() {
        let (mut h, mut m) = (Heap::new(), sim(4000));
        let mut live: Vec<(usize, usize)> = Vec::new();
        // A mix of sizes, as a parser makes them (a few runs of pages among them), with
        // some freed along the way.
        for i in 0..5000usize {
            let size = if i % 97 == 0 {
                40_000 + i * 50
            } else {
                1 + (i * 37) % 3000
            };
            let p = h.alloc(size, 8, &mut m);
            assert!(p != 0);
            let align = class(size, 8).map_or(PAGE, |c| 1 << c);
            assert_eq!(
                p % align,
                0,
                "{size} bytes at {p:#x} are aligned to {align}"
            );
            live.push((p, size));
            if i % 3 == 0 {
                let (q, s) = live.swap_remove(i % live.len());
                h.free(q, s, 8, &mut m);
            }
        }
        disjoint(&live);
        // Freed blocks come back before new memory is taken.
        let before = m.pages;
        for &(p, size) in live.iter().rev().take(50) {
            h.free(p, size, 8, &mut m);
            assert_eq!(h.alloc(size, 8, &mut m), p);
        }
        assert_eq!(m.pages, before);
        // Memory stays near what is live: padding and freed runs are reused.
        let used: usize = live.iter().map(|&(_, s)| s).sum();
        assert!(
            m.pages * PAGE < used * 3,
            "{} pages for {used} live bytes",
            m.pages
        );
    }

    #[test]
    fn padding_before_an_aligned_block_becomes_smaller_blocks() {
        let (mut h, mut m) = (Heap::new(), sim(10));
        let a = h.alloc(8, 8, &mut m); // at the start of a page
        let b = h.alloc(4096, 8, &mut m); // aligned to 4 KiB, after 4088 bytes of padding
        assert_eq!(b, a + 4096);
        // The padding serves the next requests of each size without new memory.
        for c in 3..12 {
            let p = h.alloc(1 << c, 8, &mut m);
            assert!(p > a && p + (1 << c) <= b, "class {c} from the padding");
        }
        assert_eq!(m.pages, 1);
    }

    #[test]
    fn runs_of_pages_merge_when_freed_and_split_when_taken() {
        let (mut h, mut m) = (Heap::new(), sim(100));
        let runs: Vec<usize> = (0..4).map(|_| h.alloc(3 * PAGE, 8, &mut m)).collect();
        assert_eq!(m.pages, 12);
        // Free the middle two in either order: one run of six pages.
        h.free(runs[2], 3 * PAGE, 8, &mut m);
        h.free(runs[1], 3 * PAGE, 8, &mut m);
        assert_eq!(h.alloc(6 * PAGE, 8, &mut m), runs[1], "merged");
        h.free(runs[1], 6 * PAGE, 8, &mut m);
        // A smaller request takes the start of the run; the rest stays free.
        let p = h.alloc(2 * PAGE, 8, &mut m);
        assert_eq!(p, runs[1]);
        assert_eq!(h.alloc(4 * PAGE, 8, &mut m), runs[1] + 2 * PAGE);
        assert_eq!(m.pages, 12, "no new memory");
        // Merging with both neighbours.
        let (a, b, c) = (
            h.alloc(PAGE, 8, &mut m),
            h.alloc(PAGE, 8, &mut m),
            h.alloc(PAGE, 8, &mut m),
        );
        h.free(a, PAGE, 8, &mut m);
        h.free(c, PAGE, 8, &mut m);
        h.free(b, PAGE, 8, &mut m);
        assert_eq!(h.alloc(3 * PAGE, 8, &mut m), a);
    }

    #[test]
    fn the_top_run_grows_in_place_and_shrinking_returns_pages() {
        let (mut h, mut m) = (Heap::new(), sim(64));
        let small = h.alloc(40, 8, &mut m);
        let big = h.alloc(2 * PAGE, 8, &mut m);
        assert!(
            h.resize_in_place(big, 2 * PAGE, 5 * PAGE, 8, &mut m),
            "the top run grows"
        );
        assert_eq!(m.pages, 1 + 5);
        let other = h.alloc(PAGE, 8, &mut m);
        assert!(other >= big + 5 * PAGE);
        assert!(
            !h.resize_in_place(big, 5 * PAGE, 6 * PAGE, 8, &mut m),
            "no longer at the top"
        );
        assert!(
            h.resize_in_place(big, 5 * PAGE, 2 * PAGE, 8, &mut m),
            "shrinks in place"
        );
        assert_eq!(
            h.alloc(3 * PAGE, 8, &mut m),
            big + 2 * PAGE,
            "its tail is free again"
        );
        assert!(
            h.resize_in_place(small, 40, 60, 8, &mut m),
            "within its 64-byte block"
        );
        assert!(!h.resize_in_place(small, 60, 100, 8, &mut m));
    }

    /// What `realloc` does: in place if it can, else a new block, then the old one freed.
    fn realloc(h: &mut Heap, m: &mut Sim, p: usize, old: usize, new: usize) -> usize {
        if h.resize_in_place(p, old, new, 1, m) {
            return p;
        }
        let q = h.alloc(new, 1, m);
        h.free(p, old, 1, m);
        q
    }

    #[test]
    fn shrinking_into_a_smaller_class_moves_so_nothing_is_lost() {
        // How wasm-bindgen passes non-ASCII text: room for the ASCII length, grown to three
        // bytes a character, shrunk to the exact length; later freed by that length.
        let (mut h, mut m) = (Heap::new(), sim(64));
        let mut pages = Vec::new();
        for _ in 0..50 {
            let p = h.alloc(7_537, 1, &mut m);
            let p = realloc(&mut h, &mut m, p, 7_537, 22_611);
            let p = realloc(&mut h, &mut m, p, 22_611, 7_600);
            // And a run of pages shrunk to a small block.
            let r = h.alloc(3 * PAGE, 1, &mut m);
            let r = realloc(&mut h, &mut m, r, 3 * PAGE, 100);
            h.free(p, 7_600, 1, &mut m);
            h.free(r, 100, 1, &mut m);
            pages.push(m.pages);
        }
        assert!(
            pages.iter().all(|&n| n == pages[0]),
            "memory grew: {pages:?}"
        );
        // Within a class it stays where it is.
        let p = h.alloc(5_000, 1, &mut m);
        assert!(h.resize_in_place(p, 5_000, 7_000, 1, &mut m));
        assert!(h.resize_in_place(p, 7_000, 4_100, 1, &mut m));
        assert!(!h.resize_in_place(p, 4_100, 4_000, 1, &mut m));
    }

    #[test]
    fn a_run_grown_again_and_again_reuses_the_pages_it_freed() {
        // How a long text comes in: a piece is passed (room for its length, grown to three
        // bytes a character), copied and freed, a hundred times. Memory stays at the first
        // piece's size: a block grows into the free pages right after it.
        let (mut h, mut m) = (Heap::new(), sim(64));
        let mut pages = Vec::new();
        for _ in 0..100 {
            let p = h.alloc(16 * PAGE, 1, &mut m);
            let p = realloc(&mut h, &mut m, p, 16 * PAGE, 48 * PAGE);
            h.free(p, 48 * PAGE, 1, &mut m);
            pages.push(m.pages);
        }
        assert!(
            pages.iter().all(|&n| n == pages[0]),
            "memory grew: {pages:?}"
        );
        // Growing into a free run takes only what it needs; the rest stays free.
        let a = h.alloc(4 * PAGE, 1, &mut m);
        let b = h.alloc(4 * PAGE, 1, &mut m);
        assert_eq!(b, a + 4 * PAGE, "runs are cut from the start");
        h.free(b, 4 * PAGE, 1, &mut m);
        assert!(h.resize_in_place(a, 4 * PAGE, 6 * PAGE, 1, &mut m));
        assert_eq!(h.alloc(2 * PAGE, 1, &mut m), a + 6 * PAGE);
        assert!(
            !h.resize_in_place(a, 6 * PAGE, 7 * PAGE, 1, &mut m),
            "taken"
        );
    }

    #[test]
    fn exhausted_memory_is_a_null_block_not_a_panic() {
        let (mut h, mut m) = (Heap::new(), sim(2));
        assert_eq!(h.alloc(3 * PAGE, 8, &mut m), 0, "3 pages do not fit in 2");
        assert!(h.alloc(PAGE, 8, &mut m) != 0);
        assert!(h.alloc(1000, 8, &mut m) != 0);
        assert_eq!(h.alloc(PAGE, 8, &mut m), 0);
        assert_eq!(h.alloc(8, 2 * PAGE, &mut m), 0, "alignment beyond a page");
        let big = h.alloc(20_000, 8, &mut m);
        assert!(big != 0);
        assert!(!h.resize_in_place(big, 20_000, 9 * PAGE, 8, &mut m));
    }
}
