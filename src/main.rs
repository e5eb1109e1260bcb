//! The `jiedu` command: parse arguments, call the library, report errors.
//! All the work is in the library; this file is glue.

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `print!` with the same tolerance as [`say!`].
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// jiedu (解读): an annotated reading edition of Chinese political texts.
///
/// Run it from an edition's root (the directory holding site.yaml,
/// content/ and templates/), or point --root at one.
#[derive(Parser)]
#[command(version, about, long_about)]
struct Cli {
    /// The edition's root directory.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
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
        #[arg(long)]
        base_url: Option<String>,
        /// Write the site here instead of <root>/public.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Validate the content and check that every internal link and anchor
    /// of the built site resolves. Exits non-zero on any problem.
    Check {
        /// The base URL the site was built with (default: site.yaml's).
        #[arg(long)]
        base_url: Option<String>,
        /// The built site to check (default: <root>/public).
        #[arg(long)]
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
    /// Create a new edition in DIR with the default templates, a site.yaml
    /// and empty content folders. Never overwrites anything.
    Init {
        /// The directory to create (must not exist or be empty).
        dir: PathBuf,
    },
    /// Preview the edition: serve it locally, rebuild what an edit changes
    /// and reload open pages. Builds into <root>/.jiedu-serve, never public/.
    Serve {
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Watch content, templates and site.yaml and rebuild (default).
        #[arg(long, overrides_with = "no_watch")]
        watch: bool,
        /// Serve one build; do not watch for changes.
        #[arg(long, overrides_with = "watch")]
        no_watch: bool,
        /// Open the site in a web browser.
        #[arg(long)]
        open: bool,
    },
    /// Turn raw page dumps (content/sources/*.txt) into articles
    /// (content/articles/<slug>.md). Never overwrites an article whose body
    /// an editor changed, unless --force (which keeps a backup).
    Ingest {
        /// Source files to ingest (default: every content/sources/*.txt).
        files: Vec<PathBuf>,
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

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

/// The bar `jiedu build` shows on a terminal while it writes pages; it
/// appears after a second, so short builds print nothing but their result.
fn progress_bar() -> indicatif::ProgressBar {
    let style = indicatif::ProgressStyle::with_template(
        "writing pages {wide_bar} {pos}/{len} files · {elapsed} · about {eta} left",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    indicatif::ProgressBar::new(0).with_style(style)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Build { base_url, out } => {
            let opts = jiedu::site::BuildOptions { base_url, out };
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
            let report = jiedu::site::build_with_progress(
                &cli.root,
                &opts,
                terminal.then_some(&progress as jiedu::site::Progress<'_>),
            );
            bar.finish_and_clear();
            let report = report.context("build failed")?;
            say!(
                "built {} articles, {} terms: {} files in {} ({} ms)",
                report.articles,
                report.terms,
                report.files,
                report.out.display(),
                report.elapsed.as_millis()
            );
            let steps: Vec<String> = report
                .steps
                .iter()
                .map(|(name, t)| format!("{name} {} ms", t.as_millis()))
                .collect();
            say!("  {}", steps.join(" · "));
        }
        Command::Check { base_url, out } => check(&cli.root, base_url, out)?,
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
        Command::Init { dir } => {
            jiedu::site::init::init(&dir).context("init failed")?;
            say!(
                "created a new edition in {}; next: cd there and run `jiedu build`",
                dir.display()
            );
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
            serve(&cli.root, &opts, open)?;
        }
        Command::Ingest {
            files,
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
            };
            let report = jiedu::ingest::run(&cli.root, &opts).context("ingest failed")?;
            if json {
                say!("{}", serde_json::to_string_pretty(&report)?);
            } else {
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
        Command::Synth {
            articles,
            out,
            terms,
            seed,
        } => synth(&cli.root, &out, articles, terms, seed)?,
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
    let glossary = root.join("content/glossary");
    let opts = synth::SynthOptions {
        articles,
        terms,
        seed,
    };
    let report = synth::write_edition(
        out,
        &root.join("templates"),
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
    root: &std::path::Path,
    opts: &jiedu::serve::ServeOptions,
    open: bool,
) -> anyhow::Result<()> {
    let server =
        jiedu::serve::Server::start(root, opts, print_report).context("cannot start the server")?;
    say!(
        "serving {} at {} (Ctrl-C to stop)",
        root.display(),
        server.url()
    );
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
        jiedu::serve::Report::Failed { .. } => eprintln!("{report}"),
    }
}

/// Opening a browser is a convenience: failing to is only a warning.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let warn = move |why: String| {
        eprintln!("warning: could not open a browser ({opener}: {why}); open the URL yourself")
    };
    let child = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        // xdg-open may fail after starting (no browser configured).
        Ok(mut child) => drop(std::thread::spawn(move || match child.wait() {
            Ok(status) if !status.success() => warn(status.to_string()),
            Err(e) => warn(e.to_string()),
            Ok(_) => {}
        })),
        Err(e) => warn(e.to_string()),
    }
}

fn check(
    root: &std::path::Path,
    base_url: Option<String>,
    out: Option<PathBuf>,
) -> anyhow::Result<()> {
    let site = jiedu::content::load(root).context("content is invalid")?;
    jiedu::site::check_citations(root).context("a glossary citation does not resolve")?;
    let base = match base_url {
        Some(u) => jiedu::config::BaseUrl::parse(&u).map_err(anyhow::Error::msg)?,
        None => site.config.base_url.clone(),
    };
    let out = out.unwrap_or_else(|| root.join("public"));
    let broken = jiedu::site::check::check_links(&out, &base)?;
    for b in &broken {
        say!("{b}");
    }
    let translations = check_translations(root)?;
    if !broken.is_empty() {
        bail!("{} broken links in {}", broken.len(), out.display());
    }
    if translations.has_problems() {
        bail!(
            "{} stale and {} unknown paragraphs in translations",
            translations.stale.len(),
            translations.unknown.len()
        );
    }
    say!(
        "ok: content valid, every internal link and anchor in {} resolves",
        out.display()
    );
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
