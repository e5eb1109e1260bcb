//! What `JIEDU_PROFILE=1` tells on stderr: the memory and CPU time after
//! each step of a build, and the time and bytes per kind of page.

use std::time::Duration;

/// True when `JIEDU_PROFILE` is set: the build then tells on stderr the
/// memory after each step and the time spent per kind of page.
pub fn profiling() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("JIEDU_PROFILE").is_some())
}

/// The resident and peak resident memory of this process, and the CPU
/// time it used so far (Linux only): on a busy machine wall time measures
/// the neighbours too.
pub fn memory_status() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mut parts: Vec<String> = status
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // Fields 14 and 15 of /proc/self/stat, after the parenthesised name:
    // user and system time in clock ticks (100 a second on Linux).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: Vec<u64> = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    if let [user, system] = ticks[..] {
        parts.push(format!(
            "cpu user {:.2} s, system {:.2} s",
            user as f64 / 100.0,
            system as f64 / 100.0
        ));
    }
    parts.join(", ")
}

/// Time and bytes per kind of page, told on stderr when profiling.
#[derive(Default)]
pub struct Profile(std::sync::Mutex<std::collections::BTreeMap<&'static str, [u128; 4]>>);

impl Profile {
    /// Counts one file of kind `kind` (a template's name, or what the
    /// file is), rendered in `render` and written in `write`.
    pub fn add(&self, kind: &'static str, render: Duration, write: Duration, bytes: usize) {
        if !profiling() {
            return;
        }
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let e = map.entry(kind).or_default();
        e[0] += 1;
        e[1] += render.as_micros();
        e[2] += write.as_micros();
        e[3] += bytes as u128;
    }

    /// Tells the counts on stderr, and for each template the CPU time
    /// of its pages' three halves ([`TemplateTimes`]).
    pub fn report(&self) {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        for (kind, [n, render, write, bytes]) in map.iter() {
            eprintln!(
                "profile: {kind}: {n} files, render {} ms, write {} ms, {} KB",
                render / 1000,
                write / 1000,
                bytes / 1024
            );
        }
        let templates = TEMPLATES.lock().unwrap_or_else(|e| e.into_inner());
        for (template, [n, build, serialise, tera]) in templates.iter() {
            eprintln!(
                "profile: {template}: {n} renders, CPU: build context {} ms, serialise {} ms, Tera {} ms",
                build / 1000,
                serialise / 1000,
                tera / 1000
            );
        }
    }
}

/// Where the CPU time of rendering one page from a template went.
#[derive(Debug, Clone, Copy)]
pub struct TemplateTimes {
    /// Building the page's context struct (the Rust side).
    pub build: Duration,
    /// Serialising it into Tera's context, and dropping both.
    pub serialise: Duration,
    /// Tera rendering the template.
    pub tera: Duration,
}

/// Per template: renders, and microseconds building, serialising, in Tera.
static TEMPLATES: std::sync::Mutex<std::collections::BTreeMap<String, [u128; 4]>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// Counts one rendering of `template`. Only when profiling.
pub fn template_time(template: &str, times: TemplateTimes) {
    if !profiling() {
        return;
    }
    let mut map = TEMPLATES.lock().unwrap_or_else(|e| e.into_inner());
    let e = map.entry(template.to_string()).or_default();
    e[0] += 1;
    e[1] += times.build.as_micros();
    e[2] += times.serialise.as_micros();
    e[3] += times.tera.as_micros();
}

/// The CPU time the calling thread has used: unlike wall time, what a
/// piece of work cost even on a machine busy with other work. Where the
/// platform has no per-thread clock, the wall time since the first call.
pub fn thread_time() -> Duration {
    #[cfg(target_os = "linux")]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        let nanos = u32::try_from(t.tv_nsec).unwrap_or(0);
        Duration::new(u64::try_from(t.tv_sec).unwrap_or(0), nanos)
    }
    #[cfg(not(target_os = "linux"))]
    {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START.get_or_init(std::time::Instant::now).elapsed()
    }
}
