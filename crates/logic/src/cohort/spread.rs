//! Work per member spread over the machine's cores: each member's facts
//! depend only on that person and the shared indexes, so a cohort of
//! thousands is derived in slices, one per thread, and joined in order
//! (the result is the same as one pass); and independent totals are
//! computed side by side.

/// Fewest items worth a thread of their own.
const MIN_PER_THREAD: usize = 500;

/// `f` of every item, in order, on up to as many threads as there are
/// cores (at most 8).
pub(super) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(8)
        .min(items.len() / MIN_PER_THREAD)
        .max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let slices: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|slice| s.spawn(move || slice.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut all = Vec::with_capacity(items.len());
        for slice in slices {
            match slice.join() {
                Ok(part) => all.extend(part),
                // A panic in `f` is a panic of the caller, as in one pass.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

/// `a()` on a thread of its own while `b()` runs here; both results.
pub(super) fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|s| {
        let first = s.spawn(a);
        let second = b();
        match first.join() {
            Ok(first) => (first, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_order_is_kept_at_every_size() {
        for n in [0, 1, 499, 1000, 4321] {
            let items: Vec<usize> = (0..n).collect();
            let doubled = super::map(&items, |i| i * 2);
            assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }
}
