//! A term's use over time: occurrences per month (or per year over long
//! spans) of dated articles, as the geometry of an SVG bar chart.

use crate::content::Article;
use crate::glossary::Count;
use crate::render::context::{Bar, Timeline};
use std::collections::BTreeMap;

/// The chart of `counts` (a term's occurrences per article) over the
/// articles' dates.
pub fn timeline(counts: &[Count], articles: &[Article]) -> Timeline {
    let mut per_period: BTreeMap<(u16, u8), usize> = BTreeMap::new();
    let mut undated = 0;
    for c in counts {
        match articles[c.of()].meta.date {
            Some(d) => {
                *per_period
                    .entry((d.year, d.month.unwrap_or(0)))
                    .or_default() += c.count()
            }
            None => undated += c.count(),
        }
    }
    timeline_bars(&per_period, undated)
}

/// Chart geometry: one bar per month from the first to the last dated
/// month, or per year when that spans more than four years.
fn timeline_bars(per_period: &BTreeMap<(u16, u8), usize>, undated: usize) -> Timeline {
    let (width, height, baseline) = (600u32, 140u32, 110u32);
    let (Some(first), Some(last)) = (per_period.keys().next(), per_period.keys().next_back())
    else {
        return Timeline {
            width,
            height,
            baseline,
            bars: Vec::new(),
            max: 0,
            undated,
        };
    };
    let months = |y: u16, m: u8| y as i32 * 12 + m.max(1) as i32 - 1;
    let by_year = months(last.0, last.1) - months(first.0, first.1) > 48;
    let mut periods: Vec<(String, usize)> = Vec::new();
    if by_year {
        for y in first.0..=last.0 {
            let n = per_period.range((y, 0)..=(y, 12)).map(|(_, c)| c).sum();
            periods.push((y.to_string(), n));
        }
    } else {
        for k in months(first.0, first.1)..=months(last.0, last.1) {
            let (y, m) = ((k / 12) as u16, (k % 12 + 1) as u8);
            let mut n = per_period.get(&(y, m)).copied().unwrap_or(0);
            if (y, m) == (first.0, first.1.max(1)) {
                n += per_period.get(&(y, 0)).copied().unwrap_or(0); // year-only dates
            }
            periods.push((format!("{y}-{m:02}"), n));
        }
    }
    let max = periods.iter().map(|p| p.1).max().unwrap_or(0).max(1);
    let slot = (width / periods.len() as u32).clamp(4, 60);
    let labelled = label_slots(&periods, by_year, slot as f32 / width as f32);
    let last_ix = periods.len() - 1;
    let counts: Vec<usize> = periods.iter().map(|p| p.1).collect();
    let alone = |i: usize| {
        let zero = |j: Option<usize>| j.and_then(|j| counts.get(j)).is_none_or(|c| *c == 0);
        zero(i.checked_sub(1)) && zero(Some(i + 1))
    };
    let pct = |v: u32| (v as f64 * 10_000.0 / width as f64).round() / 100.0;
    let bars = periods
        .into_iter()
        .enumerate()
        .map(|(i, (label, count))| {
            let h = (count as u32 * (baseline - 10)) / max as u32;
            let x = i as u32 * slot + 2;
            let w = slot.saturating_sub(3).max(2);
            Bar {
                x,
                y: baseline - h,
                w,
                h,
                display: display_period(&label),
                label,
                count,
                show_label: labelled.iter().any(|l| l.0 == i),
                left_pct: pct(i as u32 * slot),
                width_pct: pct(slot),
                height_pct: (h as f64 * 1000.0 / baseline as f64).round() / 10.0,
                right_pct: pct(width.saturating_sub((i as u32 + 1) * slot)),
                align: labelled.iter().find(|l| l.0 == i).map_or("start", |l| l.1),
                show_count: count > 0 && (last_ix < MAX_COUNTED_BARS || alone(i)),
            }
        })
        .collect();
    Timeline {
        width,
        height,
        baseline,
        bars,
        max,
        undated,
    }
}

/// Bars up to this many all carry their count; beyond, a bar carries it
/// only when its neighbours are empty (so counts never touch).
const MAX_COUNTED_BARS: usize = 12;

/// The share of the chart's width one period label may take (a label of
/// 「2025年1月」 is about 62 px at 12 px; a phone's chart about 300 px).
const LABEL_SHARE: f32 = 0.22;

/// Which periods are labelled, and how each label sits on its bar: the
/// first; Januaries (or years) where a label fits clear of the one before
/// and of the last; the last, set flush right to its bar when it would
/// otherwise run off the chart. `share` is one bar's share of the chart's
/// width (bars need not fill it).
fn label_slots(
    periods: &[(String, usize)],
    by_year: bool,
    share: f32,
) -> Vec<(usize, &'static str)> {
    let at = |i: usize| i as f32 * share;
    let last = periods.len().saturating_sub(1);
    let (last_start, last_align) = if at(last) + LABEL_SHARE <= 1.0 {
        (at(last), "start")
    } else {
        ((at(last) + share - LABEL_SHARE).max(0.0), "end")
    };
    let mut out = vec![(0, "start")];
    let mut previous = 0.0;
    for (i, (label, _)) in periods.iter().enumerate().take(last).skip(1) {
        let boundary = by_year || label.ends_with("-01");
        if boundary && at(i) >= previous + LABEL_SHARE && at(i) + LABEL_SHARE <= last_start {
            out.push((i, "start"));
            previous = at(i);
        }
    }
    if last > 0 && last_start >= previous + LABEL_SHARE {
        out.push((last, last_align));
    }
    out
}

/// `2025-02` → `2025年2月`, `2025` → `2025年`.
fn display_period(label: &str) -> String {
    match label.split_once('-') {
        Some((y, m)) => format!("{y}年{}月", m.trim_start_matches('0')),
        None => format!("{label}年"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_labels_keep_clear_of_each_other_and_of_the_edges() {
        let months = |n: usize| {
            (0..n)
                .map(|i| {
                    (
                        format!("{}-{:02}", 2023 + i.div_ceil(12), (i + 11) % 12 + 1),
                        1,
                    )
                })
                .collect::<Vec<_>>()
        };
        let full = |n: usize| 1.0 / n as f32;
        // 2023-12, 2024-01…: three wide bars each take a label; over 25
        // months the January right after the first is not labelled, the
        // one in the clear is.
        assert_eq!(
            label_slots(&months(3), false, full(3)),
            [(0, "start"), (1, "start"), (2, "start")]
        );
        assert_eq!(
            label_slots(&months(25), false, full(25)),
            [(0, "start"), (13, "start"), (24, "end")]
        );
        assert_eq!(label_slots(&months(1), false, 0.1), [(0, "start")]);
        // Three narrow bars in a corner of the chart: the last label would
        // touch the first, so it is left to the table.
        assert_eq!(label_slots(&months(3), false, 0.1), [(0, "start")]);
    }
}
