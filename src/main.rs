//! The `jiedu` command: parse arguments, call the library, report errors.
//! All the work is in the library; this file is glue.

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A build allocates and frees millions of small strings and JSON values
/// on every core (Tera contexts, page strings, search tokens); with glibc's
/// allocator a third of a 10,000-article build's CPU time went to malloc
/// and free (measured with `perf`). mimalloc's thread-local heaps cut that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `println!` that does not panic when stdout is closed (`jiedu terms |
/// head`): a report nobody reads is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `print!` with the same tolerance as [`say!`].
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// jiedu (解读): an annotated reading edition of Chinese political texts.
///
/// Run it from an edition's root (the directory holding site.yaml and
/// content/), or point --root at one.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    /// The edition's root directory (for `init`: where to create the
    /// edition when no DIR is given).
    #[arg(short, long, global = true, default_value = ".")]
    root: PathBuf,
    /// Print only errors and warnings.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: each build step's time, each file init writes.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

/// `jiedu translations …`.
#[derive(Subcommand)]
enum TranslationsCommand {
    /// Record in each paragraph marker (`{#pN}` → `{#pN hash=…}`) the hash
    /// of the Chinese paragraph it translates, so `jiedu check` can tell
    /// when that paragraph changes. Only markers without a hash are
    /// stamped, unless --restamp.
    Stamp {
        /// Articles whose translations to stamp (default: all).
        slugs: Vec<String>,
        /// Also replace hashes that no longer match (after revising the
        /// English of a stale paragraph).
        #[arg(long)]
        restamp: bool,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Render the edition into public/ (atomically: a failed build leaves
    /// the previous output as it was).
    Build {
        /// Publish under this URL instead of site.yaml's base_url, e.g.
        /// https://user.github.io/repo/ for a GitHub Pages project site.
        #[arg(short = 'u', long)]
        base_url: Option<String>,
        /// Write the site here instead of <root>/public.
        #[arg(short, long, visible_alias = "output-dir")]
        out: Option<PathBuf>,
        /// Publish files marked `draft: true` too.
        #[arg(long)]
        drafts: bool,
    },
    /// Validate the content, list drafts, and check that every internal
    /// link and anchor of the built site resolves. Exits non-zero on any
    /// problem.
    Check {
        /// The base URL the site was built with (default: site.yaml's).
        #[arg(short = 'u', long)]
        base_url: Option<String>,
        /// The built site to check (default: <root>/public).
        #[arg(short, long, visible_alias = "output-dir")]
        out: Option<PathBuf>,
    },
    /// List phrases the texts use like terms but the glossary lacks: quoted
    /// slogans, numeric formulas (两个…, 三…一…, 33618), in-text definitions
    /// and abbreviations (以下简称…), officials named with their posts. Most
    /// useful first, each with a count and an example sentence. Phrases
    /// listed in content/glossary/ignore.yaml (`- {text: …, reason: …}`)
    /// are left out.
    Terms {
        /// Only candidates occurring at least this often.
        #[arg(long, default_value_t = 1)]
        min_count: usize,
        /// At most this many candidates.
        #[arg(long)]
        limit: Option<usize>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Write a stub entry (marked `draft: true`) in content/glossary/
        /// for each of these phrases: term, guessed kind, pinyin, the
        /// texts' own definition if any and the paragraphs using it as
        /// citations. Never overwrites a file.
        #[arg(long, num_args = 1.., value_name = "PHRASE")]
        draft: Vec<String>,
    },
    /// Create a new edition: a site.yaml, empty content folders, an about
    /// page, a .gitignore and a GitHub Pages workflow. The templates are
    /// built into jiedu; --eject copies them too, for editing. Never
    /// overwrites a file.
    Init {
        /// The directory to create the edition in (default: --root, i.e.
        /// the current directory). Must be empty unless --force.
        dir: Option<PathBuf>,
        /// Allow a directory that is not empty (existing files are kept).
        #[arg(short, long)]
        force: bool,
        /// Also copy the built-in templates into templates/ for editing.
        #[arg(long)]
        eject: bool,
    },
    /// Copy built-in templates into the edition's templates/ for editing
    /// (all of them, or those named, e.g. base.html static/site.css). A
    /// copied file overrides the built-in one from then on.
    Eject {
        /// Paths under templates/ to copy (default: all).
        names: Vec<String>,
        /// Replace files already in templates/.
        #[arg(short, long)]
        force: bool,
    },
    /// Preview the edition: serve it locally, rebuild what an edit changes
    /// and reload open pages. Builds into <root>/.jiedu-serve, never
    /// public/, and shows drafts with a badge.
    Serve {
        /// Port to listen on; 0 picks a free one.
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on.
        #[arg(
            short = 'i',
            long,
            visible_alias = "interface",
            default_value = "127.0.0.1"
        )]
        bind: std::net::IpAddr,
        /// Watch content, templates and site.yaml and rebuild (default).
        #[arg(long, overrides_with = "no_watch")]
        watch: bool,
        /// Serve one build; do not watch for changes.
        #[arg(long, overrides_with = "watch")]
        no_watch: bool,
        /// Open the site in a web browser.
        #[arg(short = 'O', long)]
        open: bool,
    },
    /// Turn raw pages (content/sources/*.txt, *.md, *.html) into articles
    /// (content/articles/<slug>.md). Never overwrites an article whose body
    /// an editor changed, unless --force (which keeps a backup).
    Ingest {
        /// Source files to ingest (default: every source in content/sources/).
        files: Vec<PathBuf>,
        /// The edition date of the one named source (YYYY, YYYY-MM or
        /// YYYY-MM-DD); written to its sidecar <source>.yaml.
        #[arg(long)]
        date: Option<String>,
        /// The publication of the one named source, e.g. 人民日报.
        #[arg(long)]
        publication: Option<String>,
        /// The page (版次) of the one named source, e.g. 第2版.
        #[arg(long)]
        page: Option<String>,
        /// The original URL of the one named source.
        #[arg(long)]
        url: Option<String>,
        /// Show what would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Also regenerate articles an editor changed, keeping a backup.
        #[arg(long)]
        force: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Print each article's front-matter beside its first body lines,
        /// with its warnings, to check a page at a glance; write nothing.
        #[arg(long, conflicts_with_all = ["dry_run", "force", "json"])]
        review: bool,
    },
    /// Work on translations (content/translations/en/<slug>.md).
    #[command(subcommand)]
    Translations(TranslationsCommand),
    /// Print a shell completion script, e.g. `jiedu completion bash >
    /// ~/.local/share/bash-completion/completions/jiedu`.
    Completion {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Write a synthetic edition for measuring: ARTICLES articles of about
    /// 3 KB reshuffled from the seed texts ($JIEDU_SEEDS, else
    /// <root>/content/sources), the glossary of <root> plus generated terms
    /// up to --terms, the templates of <root>. Deterministic from --seed.
    #[command(hide = true)]
    Synth {
        /// Number of articles.
        articles: usize,
        /// Directory to write the edition into.
        out: PathBuf,
        /// Total glossary terms (real ones first, then generated).
        #[arg(long, default_value_t = 1000)]
        terms: usize,
        /// Seed of the reshuffling.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// How much to print besides errors.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        report_error(&format!("{e:#}"));
        std::process::exit(1);
    }
}

/// Prints an error on stderr, in colour on a terminal unless `NO_COLOR`
/// is set (anstream strips the colour otherwise).
fn report_error(msg: &str) {
    let red = anstyle::AnsiColor::Red.on_default().bold();
    let cyan = anstyle::AnsiColor::Cyan.on_default();
    let mut text = format!("{red}error:{red:#} ");
    for (i, line) in msg.lines().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        match line.split_once("hint:") {
            Some((indent, rest)) if indent.trim().is_empty() => {
                text.push_str(&format!("{indent}{cyan}hint:{cyan:#}{rest}"));
            }
            _ => text.push_str(line),
        }
    }
    let _ = writeln!(anstream::stderr(), "{text}");
}

/// Prints a warning on stderr, coloured like [`report_error`].
fn warn(msg: &str) {
    let yellow = anstyle::AnsiColor::Yellow.on_default().bold();
    let _ = writeln!(anstream::stderr(), "{yellow}warning:{yellow:#} {msg}");
}

/// A path as a person would type it: without `./` components.
fn shown(path: &Path) -> String {
    let clean: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    match clean.as_os_str().is_empty() {
        true => ".".to_string(),
        false => clean.display().to_string(),
    }
}

/// The bar `jiedu build` shows on a terminal while it writes pages; it
/// appears after a second, so short builds print nothing but their result.
fn progress_bar() -> indicatif::ProgressBar {
    let style = indicatif::ProgressStyle::with_template(
        "writing pages {wide_bar} {pos}/{len} files · {elapsed} · {left}",
    )
    .map(|s| {
        s.with_key(
            "left",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let left = time_left(state.pos(), state.len(), state.elapsed());
                let _ = w.write_str(&left);
            },
        )
    })
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    indicatif::ProgressBar::new(0).with_style(style)
}

/// 「about 12s left」 from the files written so far: nothing is known
/// before the first file, and a finished count has nothing left.
fn time_left(pos: u64, len: Option<u64>, elapsed: std::time::Duration) -> String {
    let len = len.unwrap_or(0);
    if pos == 0 || len == 0 {
        return "estimating time left".to_string();
    }
    let left = len.saturating_sub(pos);
    let secs = (elapsed.as_secs_f64() * left as f64 / pos as f64).ceil() as u64;
    match secs {
        0 => "almost done".to_string(),
        s if s < 60 => format!("about {s}s left"),
        s => format!("about {}m {}s left", s / 60, s % 60),
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let loud = verbosity >= Verbosity::Normal;
    match cli.command {
        Command::Build {
            base_url,
            out,
            drafts,
        } => {
            let opts = jiedu::site::BuildOptions {
                base_url,
                out,
                drafts,
            };
            build(&cli.root, &opts, verbosity)?;
        }
        Command::Check { base_url, out } => check(&cli.root, base_url, out, verbosity)?,
        Command::Terms {
            min_count,
            limit,
            json,
            draft,
        } if !draft.is_empty() => {
            let _ = (min_count, limit, json);
            let written = jiedu::site::write_term_drafts(&cli.root, &draft)
                .context("terms --draft failed")?;
            for path in &written {
                say!("wrote draft {}", path.display());
            }
        }
        Command::Terms {
            min_count,
            limit,
            json,
            draft: _,
        } => {
            let opts = jiedu::glossary::candidates::CandidateOptions { min_count, limit };
            let found = jiedu::site::term_candidates(&cli.root, &opts).context("terms failed")?;
            if json {
                say!("{}", serde_json::to_string_pretty(&found)?);
            } else {
                say_raw!("{}", jiedu::glossary::candidates::table(&found));
            }
        }
        Command::Init { dir, force, eject } => {
            let dir = dir.map_or_else(|| cli.root.clone(), |d| cli.root.join(d));
            let opts = jiedu::site::init::InitOptions { force, eject };
            let report = jiedu::site::init::init(&dir, &opts).context("init failed")?;
            if verbosity == Verbosity::Verbose {
                for f in &report.written {
                    say!("  wrote {f}");
                }
            }
            for f in &report.kept {
                warn(&format!("{f} exists; kept it as it was"));
            }
            if loud {
                match shown(&dir).as_str() {
                    "." => say!("created a new edition here"),
                    d => say!("created a new edition in {d}"),
                }
                say!("next: add texts to content/sources/, then `jiedu ingest`, `jiedu serve`");
            }
        }
        Command::Eject { names, force } => {
            let written =
                jiedu::site::theme::eject(&cli.root, &names, force).context("eject failed")?;
            if loud {
                for f in &written {
                    say!("wrote {}", shown(&cli.root.join(f)));
                }
            }
        }
        Command::Serve {
            port,
            bind,
            watch: _,
            no_watch,
            open,
        } => {
            let watch = match no_watch {
                true => jiedu::serve::Watch::Off,
                false => jiedu::serve::Watch::On,
            };
            let opts = jiedu::serve::ServeOptions {
                bind,
                port,
                watch,
                ..Default::default()
            };
            serve(&cli.root, &opts, open, verbosity)?;
        }
        Command::Ingest {
            files,
            date,
            publication,
            page,
            url,
            dry_run,
            force,
            json,
            review,
        } => {
            if review {
                let (text, errors) = jiedu::ingest::review_sources(&cli.root, &files)
                    .context("ingest --review failed")?;
                say_raw!("{text}");
                for e in &errors {
                    say!("error: {e}");
                }
                if !errors.is_empty() {
                    bail!("some sources could not be reviewed (see above)");
                }
                return Ok(());
            }
            let opts = jiedu::ingest::IngestOptions {
                files,
                dry_run,
                force,
                set: jiedu::ingest::sidecar::SourceMeta {
                    publication,
                    date,
                    page,
                    url,
                    note: None,
                },
            };
            let report = jiedu::ingest::run(&cli.root, &opts).context("ingest failed")?;
            if json {
                say!("{}", serde_json::to_string_pretty(&report)?);
            } else if loud || !report.is_ok() {
                say_raw!("{}", report.table());
            }
            if !report.is_ok() {
                bail!("some sources or articles could not be ingested (see above)");
            }
        }
        Command::Translations(TranslationsCommand::Stamp { slugs, restamp }) => {
            let done = jiedu::site::translations::stamp_files(&cli.root, &slugs, restamp)
                .context("stamp failed")?;
            for s in &done {
                say!("{}: {} markers stamped", s.path.display(), s.markers);
            }
        }
        Command::Completion { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "jiedu", &mut std::io::stdout());
        }
        Command::Synth {
            articles,
            out,
            terms,
            seed,
        } => synth(&cli.root, &out, articles, terms, seed)?,
    }
    Ok(())
}

fn build(
    root: &Path,
    opts: &jiedu::site::BuildOptions,
    verbosity: Verbosity,
) -> anyhow::Result<()> {
    // A progress bar only for a person watching: never in logs.
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let bar = progress_bar();
    let progress = |files: usize, total: usize| {
        if bar.elapsed() < std::time::Duration::from_secs(1) {
            return;
        }
        bar.set_length(total.max(files) as u64);
        bar.set_position(files as u64);
    };
    let show_bar = terminal && verbosity >= Verbosity::Normal;
    let report = jiedu::site::build_with_progress(
        root,
        opts,
        show_bar.then_some(&progress as jiedu::site::Progress<'_>),
    );
    bar.finish_and_clear();
    let report = report.context("build failed")?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if verbosity == Verbosity::Quiet {
        return Ok(());
    }
    say!(
        "built {} articles, {} terms: {} files in {} ({} ms)",
        report.articles,
        report.terms,
        report.files,
        shown(&report.out),
        report.elapsed.as_millis()
    );
    if verbosity == Verbosity::Verbose {
        let steps: Vec<String> = report
            .steps
            .iter()
            .map(|(name, t)| format!("{name} {} ms", t.as_millis()))
            .collect();
        say!("  {}", steps.join(" · "));
    }
    Ok(())
}

fn synth(
    root: &std::path::Path,
    out: &std::path::Path,
    articles: usize,
    terms: usize,
    seed: u64,
) -> anyhow::Result<()> {
    use jiedu::synth;
    let paragraphs = synth::seed_paragraphs(&synth::seed_dir(root))?;
    let layout = jiedu::layout::Layout::new(root);
    let glossary = layout.glossary();
    let opts = synth::SynthOptions {
        articles,
        terms,
        seed,
    };
    let report = synth::write_edition(
        out,
        &layout.templates(),
        glossary.is_dir().then_some(glossary.as_path()),
        &paragraphs,
        &opts,
    )
    .context("synth failed")?;
    say!(
        "wrote {} articles ({} bytes), {} real + {} generated terms to {}",
        report.articles,
        report.bytes,
        report.real_terms,
        report.generated_terms,
        out.display()
    );
    Ok(())
}

fn serve(
    root: &Path,
    opts: &jiedu::serve::ServeOptions,
    open: bool,
    verbosity: Verbosity,
) -> anyhow::Result<()> {
    let report = match verbosity {
        Verbosity::Quiet => print_failure as fn(&jiedu::serve::Report),
        _ => print_report,
    };
    let server =
        jiedu::serve::Server::start(root, opts, report).context("cannot start the server")?;
    if verbosity >= Verbosity::Normal {
        say!(
            "serving {} at {} (Ctrl-C to stop)",
            shown(root),
            server.url()
        );
    }
    if open {
        open_browser(server.url());
    }
    server.wait();
    Ok(())
}

/// What each rebuild did; stray events that changed nothing stay quiet.
fn print_report(report: &jiedu::serve::Report) {
    match report {
        jiedu::serve::Report::Rebuilt { changes, .. } if changes.is_empty() => {}
        jiedu::serve::Report::Rebuilt { .. } => say!("{report}"),
        jiedu::serve::Report::Failed { .. } => print_failure(report),
    }
}

/// A failed rebuild, in colour on a terminal.
fn print_failure(report: &jiedu::serve::Report) {
    if let jiedu::serve::Report::Failed { .. } = report {
        report_error(&report.to_string());
    }
}

/// Opening a browser is a convenience: failing to is only a warning.
/// The `opener` crate knows each system's way (`open`, `xdg-open` and
/// its fallbacks, `start` on Windows).
fn open_browser(url: &str) {
    if let Err(e) = opener::open_browser(url) {
        warn(&format!(
            "could not open a browser ({e}); open {url} yourself"
        ));
    }
}

fn check(
    root: &Path,
    base_url: Option<String>,
    out: Option<PathBuf>,
    verbosity: Verbosity,
) -> anyhow::Result<()> {
    let site = jiedu::content::load(root).context("content is invalid")?;
    let lost = jiedu::site::annotations::check(&site);
    for e in &lost {
        say!("{e}");
    }
    if !lost.is_empty() {
        bail!("{} problems with emendations or annotations", lost.len());
    }
    jiedu::site::check_citations(root).context("a glossary citation does not resolve")?;
    let drafts = site.drafts();
    if !drafts.is_empty() && verbosity >= Verbosity::Normal {
        let n = drafts.len();
        let what = if n == 1 { "draft" } else { "drafts" };
        say!("{n} {what}, left out of `jiedu build` unless --drafts:");
        for d in &drafts {
            say!("  {}", shown(d));
        }
    }
    let base = match base_url {
        Some(u) => jiedu::config::BaseUrl::parse(&u).map_err(anyhow::Error::msg)?,
        None => site.config.base_url.clone(),
    };
    let out = out.unwrap_or_else(|| jiedu::layout::Layout::new(root).output());
    let broken = jiedu::site::check::check_links(&out, &base)?;
    for b in &broken {
        say!("{b}");
    }
    let translations = check_translations(root)?;
    if !broken.is_empty() {
        bail!("{} broken links in {}", broken.len(), shown(&out));
    }
    if translations.has_problems() {
        bail!(
            "{} stale and {} unknown paragraphs in translations",
            translations.stale.len(),
            translations.unknown.len()
        );
    }
    if verbosity >= Verbosity::Normal {
        say!(
            "ok: content valid, every internal link and anchor in {} resolves",
            shown(&out)
        );
    }
    Ok(())
}

/// The translations' part of `jiedu check` (issue 19): stale and unknown
/// paragraphs are problems; renderings of glossed terms are advice.
fn check_translations(root: &std::path::Path) -> anyhow::Result<jiedu::site::translations::Audit> {
    let audit = jiedu::site::translations::audit(root).context("content is invalid")?;
    for f in audit.unknown.iter().chain(&audit.stale) {
        say!("{f}");
    }
    for f in &audit.renderings {
        say!("warning: {f}");
    }
    if audit.unstamped > 0 {
        say!(
            "note: {} translated paragraphs have no hash yet; run `jiedu translations stamp`",
            audit.unstamped
        );
    }
    Ok(audit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_first_frame_estimates_nothing() {
        let zero = Duration::ZERO;
        assert_eq!(time_left(0, Some(0), zero), "estimating time left");
        assert_eq!(time_left(0, Some(500), zero), "estimating time left");
        assert_eq!(
            time_left(0, None, Duration::from_secs(2)),
            "estimating time left"
        );
        let two = Duration::from_secs(2);
        assert_eq!(time_left(100, Some(400), two), "about 6s left");
        assert_eq!(time_left(10, Some(400), two), "about 1m 18s left");
        assert_eq!(time_left(400, Some(400), two), "almost done");
    }

    #[test]
    fn paths_print_without_dot_components() {
        assert_eq!(shown(Path::new("./public")), "public");
        assert_eq!(shown(Path::new("/a/./b/./public")), "/a/b/public");
        assert_eq!(shown(Path::new(".")), ".");
    }

    #[test]
    fn the_readme_lists_every_command_and_how_to_install() {
        let readme = include_str!("../README.md");
        let cmd = <Cli as clap::CommandFactory>::command();
        for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
            let row = format!("| `jiedu {}", sub.get_name());
            assert!(readme.contains(&row), "README lacks a row for {row}`");
        }
        assert!(readme.contains("\n## Install\n"));
        assert!(readme.contains("cargo install --locked"));
    }

    #[test]
    fn the_command_line_is_consistent() {
        <Cli as clap::CommandFactory>::command().debug_assert();
    }
}
