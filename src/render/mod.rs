//! Rendering: Markdown to HTML and pages through Tera templates.
//!
//! Nothing here touches the disk except [`templates::Templates::load`],
//! which reads the template files once.

pub mod annotate;
pub mod builtin;
pub mod context;
pub mod emend;
pub mod highlight;
pub mod markdown;
pub mod nobreak;
pub mod templates;

pub use highlight::{escape_html, Highlighter};
pub use markdown::{Anchors, BlockText, Markdown, Rendered};
pub use templates::Templates;
