//! A postings list held compactly while the index is built.
//!
//! An edition of 10,000 articles has some twenty million postings. As
//! `u32`s in growing vectors they were the largest thing a build held
//! (87 MB at 10k, with the vectors' slack). Lists are built in paragraph
//! order, so each is kept as it will be written: the gaps between
//! successive paragraph numbers, each in a LEB128 varint (one byte for
//! gaps under 128, which most are).

/// A strictly increasing list of paragraph numbers, stored as varint gaps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct PostingList {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl PostingList {
    /// The list of `sorted` (strictly increasing).
    pub(super) fn of_sorted(sorted: &[u32]) -> PostingList {
        let mut list = PostingList::default();
        for &n in sorted {
            list.push(n);
        }
        list
    }

    /// Appends `n`, which must be greater than [`Self::last`].
    pub(super) fn push(&mut self, n: u32) {
        debug_assert!(self.len == 0 || n > self.last, "{n} after {}", self.last);
        let gap = if self.len == 0 { n } else { n - self.last };
        push_varint(&mut self.bytes, gap);
        self.last = n;
        self.len += 1;
    }

    /// The greatest number in the list, if any.
    pub(super) fn last(&self) -> Option<u32> {
        (self.len > 0).then_some(self.last)
    }

    /// How many numbers the list holds.
    pub(super) fn len(&self) -> usize {
        self.len as usize
    }

    /// Appends `other`, whose numbers must all be greater than this
    /// list's: its bytes are copied as they are, but for its first gap,
    /// which counted from zero.
    pub(super) fn append(&mut self, other: &PostingList) {
        let Some((first, used)) = read_varint(&other.bytes) else {
            return;
        };
        self.push(first);
        self.bytes.extend_from_slice(&other.bytes[used..]);
        self.len += other.len - 1;
        self.last = other.last;
    }

    /// The lists of `parts` one after the other (each list's numbers
    /// greater than those before), in a new list of exactly the bytes it
    /// needs. The parts grew by doubling; shrinking one in place would not
    /// do, as mimalloc keeps a block that shrinks by less than half. At
    /// 100,000 articles that slack was a hundred megabytes.
    pub(super) fn concat(parts: &[PostingList]) -> PostingList {
        let bytes = parts.iter().map(|l| l.bytes.len()).sum();
        let mut all = PostingList {
            bytes: Vec::with_capacity(bytes),
            ..PostingList::default()
        };
        for list in parts {
            all.append(list);
        }
        all
    }

    /// The gaps: the first number, then each number minus the one before
    /// (what a shard file holds).
    pub(super) fn gaps(&self) -> Gaps<'_> {
        Gaps { bytes: &self.bytes }
    }

    /// The numbers, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.gaps().scan(0u32, |n, gap| {
            *n += gap;
            Some(*n)
        })
    }

    /// The numbers, in a vector.
    pub(super) fn to_vec(&self) -> Vec<u32> {
        let mut v = Vec::with_capacity(self.len());
        v.extend(self.iter());
        v
    }
}

/// The gaps of a [`PostingList`].
pub(super) struct Gaps<'a> {
    bytes: &'a [u8],
}

impl Iterator for Gaps<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let (gap, used) = read_varint(self.bytes)?;
        self.bytes = &self.bytes[used..];
        Some(gap)
    }
}

fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The varint at the start of `bytes` and how many bytes it took.
fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut n = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        n |= u32::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((n, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_gives_back_its_numbers_and_gaps() {
        let numbers = [0, 1, 127, 128, 300, 70_000, 70_001, u32::MAX];
        let list = PostingList::of_sorted(&numbers);
        assert_eq!(list.to_vec(), numbers);
        assert_eq!(list.len(), numbers.len());
        assert_eq!(list.last(), Some(u32::MAX));
        let gaps: Vec<u32> = list.gaps().collect();
        assert_eq!(gaps, [0, 1, 126, 1, 172, 69_700, 1, u32::MAX - 70_001]);
        // Small gaps take a byte each.
        assert_eq!(PostingList::of_sorted(&[5, 6, 7]).bytes.len(), 3);
        assert_eq!(PostingList::default().last(), None);
    }

    #[test]
    fn appending_a_later_list_is_pushing_its_numbers() {
        let mut a = PostingList::of_sorted(&[3, 9]);
        a.append(&PostingList::of_sorted(&[200, 201, 5000]));
        assert_eq!(a, PostingList::of_sorted(&[3, 9, 200, 201, 5000]));
        let mut empty = PostingList::default();
        empty.append(&PostingList::of_sorted(&[4]));
        assert_eq!(empty.to_vec(), [4]);
        empty.append(&PostingList::default());
        assert_eq!(empty.to_vec(), [4]);
    }

    #[test]
    fn concatenated_lists_are_exactly_as_long_as_they_need() {
        let mut first = PostingList::default();
        for n in 0..1000 {
            first.push(n * 3);
        }
        let rest = [
            PostingList::of_sorted(&[5000, 5001]),
            PostingList::default(),
            PostingList::of_sorted(&[90_000]),
        ];
        let parts = [&[first.clone()][..], &rest].concat();
        let all = PostingList::concat(&parts);
        let mut expected = first.to_vec();
        expected.extend([5000, 5001, 90_000]);
        assert_eq!(all.to_vec(), expected);
        assert_eq!(all.bytes.capacity(), all.bytes.len());
    }
}
